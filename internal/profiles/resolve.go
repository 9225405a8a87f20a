package profiles

import (
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
)

// Kind says where a profile's credentials come from.
type Kind string

const (
	// Primary profiles get credentials directly: SSO, static keys,
	// credential_process, web identity, a credential_source.
	Primary Kind = "primary"
	// Derived profiles assume role_arn with the credentials of their
	// source_profile, which may itself be Derived.
	Derived Kind = "derived"
)

// CredentialType is how a Primary gets its credentials.
type CredentialType string

const (
	SSO              CredentialType = "sso"
	Static           CredentialType = "static"
	Process          CredentialType = "process"
	WebIdentity      CredentialType = "web_identity"
	CredentialSource CredentialType = "credential_source"
	Login            CredentialType = "login"
	NoCredentials    CredentialType = "none"
)

// imdsModes are the ec2_metadata_service_endpoint_mode values botocore
// accepts, in lower case.
var imdsModes = []string{"ipv4", "ipv6"}

// credentialSources are the values botocore accepts, case-sensitive.
var credentialSources = []string{"Environment", "Ec2InstanceMetadata", "EcsContainer"}

// AssumeRole is one sts:AssumeRole call the AWS CLI makes for a hop, with
// the parameters taken from the profile being assumed.
type AssumeRole struct {
	RoleARN         string
	ExternalID      *string // set when the key is present, even empty
	MFASerial       *string
	RoleSessionName string // "" when the CLI generates one
	DurationSeconds *int   // nil unless the value is an integer
}

// A Hop is one profile of a chain.
type Hop struct {
	Profile *Profile
	Kind    Kind
	// Role is the role assumed at this hop, nil when the hop's credentials
	// are used as they are.
	Role *AssumeRole
	// Credentials is set on the last hop: how the chain's Primary gets
	// its credentials.
	Credentials CredentialType
}

// A Chain is a profile followed to its Primary, as the AWS CLI follows it.
//
// Chains that pass through the same source profile share its hops: a
// chain is its own first hop followed by the source's, so that resolving
// every profile of a config costs one step per profile, however deep
// the chains (a copy per chain made a 4,000-hop chain take 40 s to list).
type Chain struct {
	Name  string
	Err   *ChainError
	first *hopNode
	last  *hopNode
	n     int
}

// hopNode is one hop in the shared list that chains are made of.
type hopNode struct {
	hop  Hop
	next *hopNode
	ring bool // on a loop of source profiles: next leads round to it
	// findings are the warnings about this hop as a source, computed
	// once however many chains pass through it (lint.go).
	findings     []Finding
	findingsDone bool
}

// Len is the number of hops.
func (c Chain) Len() int { return c.n }

// First is the profile's own hop, nil for a profile that does not exist.
func (c Chain) First() *Hop {
	if c.first == nil {
		return nil
	}
	return &c.first.hop
}

// Primary is the last hop, the one whose session everything rests on.
func (c Chain) Primary() *Hop {
	if c.last == nil {
		return nil
	}
	return &c.last.hop
}

// Hops yields the hops in order, this profile first.
func (c Chain) Hops() iter.Seq2[int, *Hop] {
	return func(yield func(int, *Hop) bool) {
		n := c.first
		for i := 0; i < c.n; i++ {
			if !yield(i, &n.hop) {
				return
			}
			n = n.next
		}
	}
}

// SettingsOnly tells whether the chain is a profile of settings alone
// (a [default] with a region): no credentials of its own and no source.
// The AWS CLI takes its settings and looks for credentials further down
// its chain: the environment, a container, the instance (IMDS). That is
// no error until such a profile is named as a source (no-credentials).
// Err still says so, as botocore's error would if nothing served them.
func (c Chain) SettingsOnly() bool {
	return c.Err != nil && c.Err.Code == "no-credentials" && c.n == 1 && c.Err.Profile == c.Name
}

// Names lists the profiles of the chain, this profile first.
func (c Chain) Names() []string {
	names := make([]string, 0, c.n)
	for _, h := range c.Hops() {
		names = append(names, h.Profile.Name)
	}
	return names
}

// A ChainError is why the AWS CLI cannot get credentials for a chain.
type ChainError struct {
	Code    string // a lint code
	Profile string // the profile at fault
	Key     string // the key at fault, "" for the profile as a whole
	Msg     string
}

func (e *ChainError) Error() string { return e.Msg }

// Resolve follows name's chain with botocore's AssumeRoleProvider rules.
// It always terminates: each step visits a new profile or stops. The
// result is kept: resolving the same profile again costs nothing.
func (c *Config) Resolve(name string) Chain {
	if ch, ok := c.chains[name]; ok {
		return ch
	}
	p := c.Profiles[name]
	if p == nil {
		return c.refused(Chain{Name: name, Err: &ChainError{Code: "profile-not-found", Profile: name, Msg: fmt.Sprintf("profile %q does not exist", name)}})
	}
	var ch Chain
	if mode := p.Text("ec2_metadata_service_endpoint_mode"); mode != "" && !slices.Contains(imdsModes, strings.ToLower(mode)) {
		// botocore builds the instance metadata provider for the active
		// profile before it tries any other, and this stops it.
		ch = single(p.Name, Hop{Profile: p, Kind: Primary, Credentials: NoCredentials}, &ChainError{Code: "imds-endpoint-mode-invalid", Profile: p.Name, Key: "ec2_metadata_service_endpoint_mode",
			Msg: fmt.Sprintf("profile %q has ec2_metadata_service_endpoint_mode = %s: the AWS CLI accepts only IPv4 or IPv6 and fails before it looks for credentials", p.Name, mode)})
	} else {
		ch = c.resolve(p)
	}
	if c.chains == nil {
		c.chains = map[string]Chain{}
	}
	c.chains[name] = c.refused(ch)
	return c.chains[name]
}

// refused puts the refusal of a file in place of any chain's own verdict:
// the AWS CLI fails before it looks at any profile.
func (c *Config) refused(ch Chain) Chain {
	if r := c.Refused(); r != nil {
		ch.Err = &ChainError{Code: r.Code, Msg: "the AWS CLI refuses " + r.Error()}
	}
	return ch
}

// resolve is Resolve for a profile that exists: its own hop, then the
// chain of its source as a source (tail), which other chains share.
func (c *Config) resolve(p *Profile) Chain {
	hop, next, err := c.step(p, true)
	switch {
	case next == nil:
		return single(p.Name, hop, err)
	case next == p:
		return c.walk(p) // its own source: decided by the walk's rules
	}
	t := c.tail(next)
	if t.last.hop.Profile == p {
		// The chain comes back to this profile. On a loop of profiles
		// without keys it is the loop from here, as its tail is; with
		// keys of its own, botocore's walk decides.
		if !hasStaticKeys(p) {
			t = c.tail(p)
			return Chain{Name: p.Name, Err: t.err, first: t.first, last: t.last, n: t.n}
		}
		return c.walk(p)
	}
	top := &hopNode{hop: hop, next: t.first}
	return Chain{Name: p.Name, Err: t.err, first: top, last: t.last, n: t.n + 1}
}

func single(name string, hop Hop, err *ChainError) Chain {
	n := &hopNode{hop: hop}
	return Chain{Name: name, Err: err, first: n, last: n, n: 1}
}

// step is one profile of a chain: its hop, and the profile it takes its
// credentials from when the chain goes on; nil when the chain ends here,
// with err set when it fails here. top is the active profile, which
// assumes its role_arn whatever else it has; a source profile does so only
// without static keys of its own.
func (c *Config) step(p *Profile, top bool) (hop Hop, next *Profile, err *ChainError) {
	fail := func(code, key, format string, args ...any) *ChainError {
		return &ChainError{Code: code, Profile: p.Name, Key: key, Msg: fmt.Sprintf(format, args...)}
	}
	if !(hasAssumeRoleVars(p) && (top || !hasStaticKeys(p))) {
		typ, err := c.providers(p, top)
		return Hop{Profile: p, Kind: Primary, Credentials: typ}, nil, err
	}
	hop = Hop{Profile: p, Kind: Derived, Role: roleOf(p)}
	src, hasSrc := p.Get("source_profile")
	cs, hasCS := p.Get("credential_source")
	switch {
	case hasSrc && hasCS:
		return hop, nil, fail("source-and-credential-source", "credential_source", "profile %q has both source_profile and credential_source: keep one", p.Name)
	case !hasSrc && !hasCS:
		return hop, nil, fail("role-without-source", "role_arn", "profile %q has role_arn but neither source_profile nor credential_source: the AWS CLI has no credentials to assume the role with", p.Name)
	case hasCS:
		hop.Kind, hop.Credentials = Primary, CredentialSource
		if !validCredentialSource(cs.Text) {
			return hop, nil, fail("credential-source-invalid", "credential_source", "profile %q has credential_source = %s: the AWS CLI accepts only %s (case-sensitive)", p.Name, cs.Text, strings.Join(credentialSources, ", "))
		}
		return hop, nil, nil
	}
	sp := c.Profiles[src.Text]
	if sp == nil {
		return hop, nil, fail("source-profile-missing", "source_profile", "profile %q has source_profile = %s, which does not exist%s", p.Name, src.Text, c.suggest(src.Text))
	}
	return hop, sp, nil
}

// A tail is the chain of a profile as a source profile: the same for
// every chain that reaches it from outside, so it is found once and
// shared (a chain that starts inside it is resolve's business).
type tail struct {
	first, last *hopNode
	n           int
	err         *ChainError
}

// tail is the shared chain of profile s as a source. It walks without
// recursion until a profile whose tail is known, the end of the chain, or
// a loop: a 10,000-hop chain costs 10,000 steps once, and no stack. The
// hops of a loop are linked in a ring: from each of its profiles, the
// tail is the loop once round, failing at the profile before it, as
// botocore fails.
func (c *Config) tail(s *Profile) *tail {
	if t, ok := c.tails[s]; ok {
		return t
	}
	if c.tails == nil {
		c.tails = map[*Profile]*tail{}
	}
	var path []*Profile
	var hops []*hopNode
	at := map[*Profile]int{}
	var end *tail // what the walked hops lead to
	for p := s; ; {
		if t, ok := c.tails[p]; ok {
			end = t
			break
		}
		if i, seen := at[p]; seen {
			end = c.ring(path[i:], hops[i:])
			path, hops = path[:i], hops[:i]
			break
		}
		at[p] = len(path)
		hop, next, err := c.step(p, false)
		node := &hopNode{hop: hop}
		path, hops = append(path, p), append(hops, node)
		if next == nil {
			end = &tail{first: node, last: node, n: 1, err: err}
			c.tails[p] = end
			path, hops = path[:len(path)-1], hops[:len(hops)-1]
			break
		}
		p = next
	}
	// Link the walked hops in front of what they lead to, last first.
	for i := len(path) - 1; i >= 0; i-- {
		hops[i].next = end.first
		end = &tail{first: hops[i], last: end.last, n: end.n + 1, err: end.err}
		c.tails[path[i]] = end
	}
	return c.tails[s]
}

// ring links the hops of a loop of source profiles in a ring and records
// each profile's tail: the loop from it, once round. It returns the tail
// of the first.
func (c *Config) ring(loop []*Profile, hops []*hopNode) *tail {
	k := len(loop)
	for i := range hops {
		hops[i].next, hops[i].ring = hops[(i+1)%k], true
	}
	for i, p := range loop {
		before := loop[(i+k-1)%k]
		c.tails[p] = &tail{first: hops[i], last: hops[(i+k-1)%k], n: k, err: &ChainError{
			Code: "source-profile-cycle", Profile: before.Name, Key: "source_profile",
			Msg: fmt.Sprintf("source_profile loops: %s → %s", loopText(func(j int) *Profile { return loop[(i+j)%k] }, k), p.Name)}}
	}
	return c.tails[loop[0]]
}

// walk follows a chain from p one profile at a time, as botocore does,
// for the chains that come back to a profile they passed: the loop error
// is reported at the profile whose source_profile closes it.
func (c *Config) walk(p *Profile) Chain {
	ch := Chain{Name: p.Name}
	add := func(hop Hop) {
		n := &hopNode{hop: hop}
		if ch.last == nil {
			ch.first = n
		} else {
			ch.last.next = n
		}
		ch.last = n
		ch.n++
	}
	visited := map[*Profile]int{p: 0}
	order := []*Profile{p}
	for top := true; ; top = false {
		hop, sp, err := c.step(p, top)
		if sp == nil {
			add(hop)
			ch.Err = err
			return ch
		}
		if at, seen := visited[sp]; seen {
			if sp != p || !hasStaticKeys(sp) {
				add(hop)
				goSDK := ""
				if hasStaticKeys(sp) {
					goSDK = fmt.Sprintf(" (the Go SDK does not report this loop: it uses the keys of %q)", sp.Name)
				}
				ch.Err = &ChainError{Code: "source-profile-cycle", Profile: p.Name, Key: "source_profile",
					Msg: fmt.Sprintf("source_profile loops: %s → %s%s", loopText(func(i int) *Profile { return order[at+i] }, len(order)-at), sp.Name, goSDK)}
				return ch
			}
			// A profile that is its own source assumes its role with its
			// own keys: the chain is this one profile.
			typ, err := c.providers(p, false)
			hop.Kind, hop.Credentials = Primary, typ
			add(hop)
			ch.Err = err
			return ch
		}
		add(hop)
		visited[sp] = len(order)
		order = append(order, sp)
		p = sp
	}
}

// loopText names the n profiles of a loop (the i-th from profile(i)),
// the middle left out of a long one: the message says where the loop is,
// not every profile in it, and costs the same however long the loop.
func loopText(profile func(i int) *Profile, n int) string {
	names := make([]string, 0, 7)
	for i := 0; i < n; i++ {
		if n > 8 && i == 3 {
			names = append(names, fmt.Sprintf("… %d more …", n-6))
			i = n - 4
			continue
		}
		names = append(names, profile(i).Name)
	}
	return strings.Join(names, " → ")
}

// hasAssumeRoleVars is botocore's _has_assume_role_config_vars: role_arn
// without web_identity_token_file, by presence of the keys.
func hasAssumeRoleVars(p *Profile) bool {
	return p.Has("role_arn") && !p.Has("web_identity_token_file")
}

// hasStaticKeys is botocore's _has_static_credentials: either key is enough.
func hasStaticKeys(p *Profile) bool {
	return p.Has("aws_access_key_id") || p.Has("aws_secret_access_key")
}

func validCredentialSource(s string) bool { return slices.Contains(credentialSources, s) }

// roleOf reads the AssumeRole parameters from the profile being assumed.
func roleOf(p *Profile) *AssumeRole {
	r := &AssumeRole{RoleARN: p.Text("role_arn"), RoleSessionName: p.Text("role_session_name")}
	if v, ok := p.Get("external_id"); ok {
		r.ExternalID = &v.Text
	}
	if v, ok := p.Get("mfa_serial"); ok {
		r.MFASerial = &v.Text
	}
	if v, ok := p.Get("duration_seconds"); ok {
		if n, ok := pyInt(v.Text); ok {
			r.DurationSeconds = &n
		}
	}
	return r
}

// pyInt parses like Python's int(str): surrounding spaces, a sign, and
// underscores between digits are allowed.
func pyInt(s string) (int, bool) {
	s = pyStrip(s)
	digits := strings.TrimLeft(s, "+-")
	if len(s)-len(digits) > 1 || digits == "" || strings.HasPrefix(digits, "_") ||
		strings.HasSuffix(digits, "_") || strings.Contains(digits, "__") {
		return 0, false
	}
	n, err := strconv.Atoi(s[:len(s)-len(digits)] + strings.ReplaceAll(digits, "_", ""))
	return n, err == nil
}

// providers is the order in which botocore's ProfileProviderBuilder tries a
// profile: web identity, SSO, the credentials file's keys, login,
// credential_process, the config file's keys. top tells the active profile
// (which the AWS CLI would otherwise try with container and instance
// credentials) from a source profile (which must have credentials).
func (c *Config) providers(p *Profile, top bool) (CredentialType, *ChainError) {
	fail := func(code, key, format string, args ...any) (CredentialType, *ChainError) {
		return NoCredentials, &ChainError{Code: code, Profile: p.Name, Key: key, Msg: fmt.Sprintf(format, args...)}
	}
	if p.Text("web_identity_token_file") != "" {
		if p.Text("role_arn") == "" {
			return fail("web-identity-without-role", "web_identity_token_file", "profile %q has web_identity_token_file but no role_arn", p.Name)
		}
		return WebIdentity, nil
	}
	if p.Has("sso_role_name") || p.Has("sso_account_id") {
		if err := c.checkSSO(p); err != nil {
			return NoCredentials, err
		}
		return SSO, nil
	}
	if _, ok := p.InCredentials("aws_access_key_id"); ok {
		if _, ok := p.InCredentials("aws_secret_access_key"); !ok {
			return fail("partial-credentials", "aws_access_key_id", "profile %q has aws_access_key_id but no aws_secret_access_key in %s (the AWS CLI takes both from the same file)", p.Name, c.Paths.Credentials)
		}
		return Static, nil
	}
	if p.Has("login_session") {
		return Login, nil
	}
	if p.Has("credential_process") {
		return Process, nil
	}
	if _, ok := p.InConfig("aws_access_key_id"); ok {
		if _, ok := p.InConfig("aws_secret_access_key"); !ok {
			return fail("partial-credentials", "aws_access_key_id", "profile %q has aws_access_key_id but no aws_secret_access_key in %s (the AWS CLI takes both from the same file)", p.Name, c.Paths.Config)
		}
		return Static, nil
	}
	if top {
		return fail("no-credentials", "", "profile %q has no credentials: no SSO, keys, credential_process or role (the AWS CLI would fall back to container or instance credentials)", p.Name)
	}
	if p.Has("mfa_serial") {
		// aws-vault's documented setup: the keys live in its keychain.
		return fail("no-credentials", "", "source profile %q has no credentials in the files: no SSO, keys, credential_process or role. If aws-vault keeps its keys, the AWS CLI cannot reach them: "+
			"run commands with aws-vault exec, or give %q credential_process = aws-vault export --format=json %s", p.Name, p.Name, p.Name)
	}
	return fail("no-credentials", "", "source profile %q has no credentials: no SSO, keys, credential_process or role", p.Name)
}

// checkSSO is botocore's SSOProvider._load_sso_config.
func (c *Config) checkSSO(p *Profile) *ChainError {
	has := func(k string) bool { _, ok := p.Get(k); return ok }
	required := []string{"sso_role_name", "sso_account_id", "sso_start_url", "sso_region"}
	if v, ok := p.Get("sso_session"); ok {
		name := v.Text
		s := c.SSOSessions[name]
		if s == nil {
			return &ChainError{Code: "sso-session-missing", Profile: p.Name, Key: "sso_session", Msg: fmt.Sprintf("profile %q has sso_session = %s, but there is no [sso-session %s]", p.Name, name, name)}
		}
		if k := s.conflict(p); k != "" {
			return &ChainError{Code: "sso-session-conflict", Profile: p.Name, Key: k, Msg: fmt.Sprintf("profile %q sets %s differently from [sso-session %s]", p.Name, k, name)}
		}
		has = func(k string) bool {
			_, ok := s.Values[k]
			_, mine := p.Get(k)
			return ok || mine
		}
		required = append(required, "sso_session")
	}
	var missing []string
	for _, k := range required {
		if !has(k) {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return &ChainError{Code: "sso-incomplete", Profile: p.Name, Msg: fmt.Sprintf("profile %q is configured for SSO but lacks %s", p.Name, strings.Join(missing, ", "))}
	}
	return nil
}

// conflict is a key that both the profile and the session set, to
// different values, or "": botocore's _resolve_sso_session_reference
// compares every key of the session with the profile's, region included,
// and refuses the profile on the first that differs. The profile's own
// keys are looked up in the session; of the session's keys, only those
// that differ from what [DEFAULT] gives a profile are looked at (Build
// lists them): a session is shared by many profiles, and each must not
// cost its width.
func (s *SSOSession) conflict(p *Profile) string {
	for _, l := range []layer{p.credentials, p.config} {
		if l.section == nil {
			continue
		}
		for _, k := range l.section.Keys {
			if sv, ok := s.Values[k.Name]; ok {
				if v, _ := p.Get(k.Name); v.Text != sv.Text {
					return k.Name
				}
			}
		}
	}
	// A key the profile does not set itself comes to it from [DEFAULT].
	files := 0
	if p.config.section != nil {
		files |= 1
	}
	if p.credentials.section != nil {
		files |= 2
	}
	for _, k := range s.overDefaults[files] {
		if !p.sets(k) {
			return k
		}
	}
	return ""
}

// sets: the profile's own sections, not [DEFAULT], have the key.
func (p *Profile) sets(key string) bool {
	for _, l := range []layer{p.credentials, p.config} {
		if l.section != nil {
			if _, ok := l.section.Get(key); ok {
				return true
			}
		}
	}
	return false
}

// SSOSettings are the SSO values of a profile after its sso-session.
type SSOSettings struct {
	Session   string // "" for a legacy profile with sso_start_url
	StartURL  string
	Region    string
	AccountID string
	RoleName  string
}

// SSO returns the profile's SSO settings, merged with its sso-session.
func (c *Config) SSO(p *Profile) SSOSettings {
	get := func(k string) string {
		if v, ok := p.Get(k); ok {
			return v.Text
		}
		if s := c.SSOSessions[p.Text("sso_session")]; s != nil {
			return s.Values[k].Text
		}
		return ""
	}
	return SSOSettings{Session: p.Text("sso_session"), StartURL: get("sso_start_url"), Region: get("sso_region"),
		AccountID: get("sso_account_id"), RoleName: get("sso_role_name")}
}

// maxSuggestions bounds the missing names a config gets a "did you mean"
// for: each costs a look at every profile, and a generated config with
// thousands of missing sources, or a tree of a thousand .awsprofile files
// naming missing profiles, must not cost their product.
const maxSuggestions = 32

// Suggest is the existing profile closest to a missing name, for "did
// you mean", or "": remembered per name, and given for at most
// maxSuggestions names of a config.
func (c *Config) Suggest(name string) string {
	if s, ok := c.suggestions[name]; ok {
		return s
	}
	if c.suggestions == nil {
		c.suggestions = map[string]string{}
	}
	s := ""
	if len(c.suggestions) < maxSuggestions {
		if c.names == nil {
			c.names = c.Names()
		}
		if best := Closest(name, c.names, 1); len(best) > 0 {
			s = best[0]
		}
	}
	c.suggestions[name] = s
	return s
}

// suggest is Suggest as a message adds it.
func (c *Config) suggest(name string) string {
	if s := c.Suggest(name); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

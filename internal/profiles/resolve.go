package profiles

import (
	"fmt"
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
type Chain struct {
	Name string
	Hops []Hop
	Err  *ChainError
}

// Primary is the last hop, the one whose session everything rests on.
func (c Chain) Primary() *Hop {
	if len(c.Hops) == 0 {
		return nil
	}
	return &c.Hops[len(c.Hops)-1]
}

// Names lists the profiles of the chain, this profile first.
func (c Chain) Names() []string {
	names := make([]string, len(c.Hops))
	for i, h := range c.Hops {
		names[i] = h.Profile.Name
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
// It always terminates: each step visits a new profile or stops.
func (c *Config) Resolve(name string) Chain {
	ch := Chain{Name: name}
	fail := func(code, profile, key, format string, args ...any) Chain {
		ch.Err = &ChainError{Code: code, Profile: profile, Key: key, Msg: fmt.Sprintf(format, args...)}
		if r := c.Refused(); r != nil {
			// The AWS CLI fails before it looks at any profile.
			ch.Err = &ChainError{Code: r.Code, Msg: "the AWS CLI refuses " + r.Error()}
		}
		return ch
	}
	p := c.Profiles[name]
	if p == nil {
		return fail("profile-not-found", name, "", "profile %q does not exist", name)
	}
	ch.Hops = make([]Hop, 0, 4) // chains are short: one allocation
	if mode := p.Text("ec2_metadata_service_endpoint_mode"); mode != "" && !contains(imdsModes, strings.ToLower(mode)) {
		// botocore builds the instance metadata provider for the active
		// profile before it tries any other, and this stops it.
		ch.Hops = append(ch.Hops, Hop{Profile: p, Kind: Primary, Credentials: NoCredentials})
		return fail("imds-endpoint-mode-invalid", p.Name, "ec2_metadata_service_endpoint_mode", "profile %q has ec2_metadata_service_endpoint_mode = %s: the AWS CLI accepts only IPv4 or IPv6 and fails before it looks for credentials", p.Name, mode)
	}
	visited := make([]string, 1, 4)
	visited[0] = name
	top := true
	for {
		// The active profile assumes its role_arn whatever else it has; a
		// source profile does so only without static keys of its own.
		assumes := hasAssumeRoleVars(p) && (top || !hasStaticKeys(p))
		if !assumes {
			typ, err := c.providers(p, top)
			ch.Hops = append(ch.Hops, Hop{Profile: p, Kind: Primary, Credentials: typ})
			if err != nil {
				return fail(err.Code, err.Profile, err.Key, "%s", err.Msg)
			}
			break
		}
		hop := Hop{Profile: p, Kind: Derived, Role: roleOf(p)}
		src, hasSrc := p.Get("source_profile")
		cs, hasCS := p.Get("credential_source")
		switch {
		case hasSrc && hasCS:
			ch.Hops = append(ch.Hops, hop)
			return fail("source-and-credential-source", p.Name, "credential_source", "profile %q has both source_profile and credential_source: keep one", p.Name)
		case !hasSrc && !hasCS:
			ch.Hops = append(ch.Hops, hop)
			return fail("role-without-source", p.Name, "role_arn", "profile %q has role_arn but neither source_profile nor credential_source: the AWS CLI has no credentials to assume the role with", p.Name)
		case hasCS:
			hop.Kind, hop.Credentials = Primary, CredentialSource
			ch.Hops = append(ch.Hops, hop)
			if !validCredentialSource(cs.Text) {
				return fail("credential-source-invalid", p.Name, "credential_source", "profile %q has credential_source = %s: the AWS CLI accepts only %s (case-sensitive)", p.Name, cs.Text, strings.Join(credentialSources, ", "))
			}
			return ch
		}
		sp := c.Profiles[src.Text]
		if sp == nil {
			ch.Hops = append(ch.Hops, hop)
			return fail("source-profile-missing", p.Name, "source_profile", "profile %q has source_profile = %s, which does not exist%s", p.Name, src.Text, c.suggest(src.Text))
		}
		if contains(visited, sp.Name) {
			if sp.Name != p.Name || !hasStaticKeys(sp) {
				ch.Hops = append(ch.Hops, hop)
				goSDK := ""
				if hasStaticKeys(sp) {
					goSDK = fmt.Sprintf(" (the Go SDK does not report this loop: it uses the keys of %q)", sp.Name)
				}
				return fail("source-profile-cycle", p.Name, "source_profile", "source_profile loops: %s → %s%s", strings.Join(visited, " → "), sp.Name, goSDK)
			}
			// A profile that is its own source assumes its role with its
			// own keys: the chain is this one profile.
			typ, err := c.providers(p, false)
			hop.Kind, hop.Credentials = Primary, typ
			ch.Hops = append(ch.Hops, hop)
			if err != nil {
				return fail(err.Code, err.Profile, err.Key, "%s", err.Msg)
			}
			return ch
		}
		ch.Hops = append(ch.Hops, hop)
		visited = append(visited, sp.Name)
		p, top = sp, false
	}
	if c.Refused() != nil {
		return fail("", "", "", "") // fail reports the refusal
	}
	return ch
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

func validCredentialSource(s string) bool { return contains(credentialSources, s) }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

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
	return fail("no-credentials", "", "source profile %q has no credentials: no SSO, keys, credential_process or role", p.Name)
}

// checkSSO is botocore's SSOProvider._load_sso_config.
func (c *Config) checkSSO(p *Profile) *ChainError {
	values := map[string]string{}
	for _, k := range []string{"sso_start_url", "sso_region", "sso_role_name", "sso_account_id", "sso_session"} {
		if v, ok := p.Get(k); ok {
			values[k] = v.Text
		}
	}
	required := []string{"sso_role_name", "sso_account_id", "sso_start_url", "sso_region"}
	if name, ok := values["sso_session"]; ok {
		s := c.SSOSessions[name]
		if s == nil {
			return &ChainError{Code: "sso-session-missing", Profile: p.Name, Key: "sso_session", Msg: fmt.Sprintf("profile %q has sso_session = %s, but there is no [sso-session %s]", p.Name, name, name)}
		}
		for k, v := range s.Values {
			if have, ok := values[k]; ok && have != v.Text {
				return &ChainError{Code: "sso-session-conflict", Profile: p.Name, Key: k, Msg: fmt.Sprintf("profile %q sets %s differently from [sso-session %s]", p.Name, k, name)}
			}
			values[k] = v.Text
		}
		required = append(required, "sso_session")
	}
	var missing []string
	for _, k := range required {
		if _, ok := values[k]; !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return &ChainError{Code: "sso-incomplete", Profile: p.Name, Msg: fmt.Sprintf("profile %q is configured for SSO but lacks %s", p.Name, strings.Join(missing, ", "))}
	}
	return nil
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

// suggest names the closest existing profile, for "did you mean".
func (c *Config) suggest(name string) string {
	if best := Closest(name, c.Names(), 1); len(best) > 0 {
		return fmt.Sprintf(" (did you mean %q?)", best[0])
	}
	return ""
}

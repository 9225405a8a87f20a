package profiles

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/awsp-dev/awsp/internal/environ"
)

// A Finding is one problem the lint reports, at the file and line to fix.
type Finding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Profile  string `json:"profile"`
	Severity string `json:"severity"` // "error": the AWS CLI fails; "warning": it works, but not as meant
	Code     string `json:"code"`
	Message  string `json:"message"`
	// Column and EndColumn are what an editor underlines on Line:
	// 1-based code points, the end exclusive; 0 where not known.
	Column    int  `json:"column,omitempty"`
	EndColumn int  `json:"end_column,omitempty"`
	Fix       *Fix `json:"fix,omitempty"` // the safe edit awsp --lint --fix makes, if there is one
	// quirk names which of a reader's quirks a finding of the files'
	// lines is (Quirk.Kind): a fix needs more than the code.
	quirk string
}

// QuirkKind is the kind of line quirk a finding is about, or "".
func (f Finding) QuirkKind() string { return f.quirk }

// A Fix is the edits that remove a finding and change nothing else.
type Fix struct {
	Description string `json:"description"`
	Edits       []Edit `json:"edits"`
}

// An Edit replaces a range of a file with NewText. Lines and columns are
// 1-based, columns in code points, the end exclusive (an editor's text
// edit); Start and End are the same range in bytes.
type Edit struct {
	File       string `json:"file"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	EndLine    int    `json:"end_line"`
	EndColumn  int    `json:"end_column"`
	NewText    string `json:"new_text"`
	Start, End int    `json:"-"`
}

func (f Finding) String() string {
	return fmt.Sprintf("%s: %s: %s: %s", f.Location(), f.Severity, f.Code, f.Message)
}

// Location is where the finding is: file:line, or the file alone.
func (f Finding) Location() string {
	if f.Line > 0 {
		return fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	return f.File
}

// Ignore lists, per profile, the warning codes a person has silenced in
// awsp's own config file, which Path names in the messages.
type Ignore struct {
	Path     string
	New      bool // Path is not there yet: the message says it is a new file
	Profiles map[string][]string
}

// where names the file a warning is silenced in, for a message.
func (ig Ignore) where(home string) string {
	if ig.New {
		return Tilde(ig.Path, home) + " (a new file)"
	}
	return Tilde(ig.Path, home)
}

func (ig Ignore) silences(f Finding) bool {
	return f.Severity == "warning" && ig.Has(f.Profile, f.Code)
}

// Has reports whether code is silenced for profile.
func (ig Ignore) Has(profile, code string) bool { return slices.Contains(ig.Profiles[profile], code) }

// Filter drops the silenced warnings of fs.
func (ig Ignore) Filter(fs []Finding) []Finding {
	out := fs[:0:0]
	for _, f := range fs {
		if !ig.silences(f) {
			out = append(out, f)
		}
	}
	return out
}

// Lint checks every profile and both files. It reports each problem once,
// at the profile where it is, however many chains pass through it; a hop
// that chains share is checked once.
func (c *Config) Lint(env environ.Environ, ignore Ignore) []Finding {
	var out []Finding
	type findingID struct {
		file       string
		line       int
		code, prof string
	}
	seen := map[findingID]bool{}
	add := func(f Finding) {
		id := findingID{f.File, f.Line, f.Code, f.Profile}
		if seen[id] || ignore.silences(f) {
			return
		}
		seen[id] = true
		out = append(out, f)
	}
	for _, file := range []*File{c.ConfigFile, c.CredentialsFile} {
		for _, p := range file.Problems {
			add(Finding{File: file.Path, Line: p.Line, Severity: "error", Code: p.Code, Message: p.Msg})
		}
	}
	for _, n := range c.Notes {
		add(n)
	}
	for v, path := range map[string]string{"AWS_CONFIG_FILE": c.Paths.Config, "AWS_SHARED_CREDENTIALS_FILE": c.Paths.Credentials} {
		if raw := env[v]; strings.ContainsAny(raw, "~$") {
			add(Finding{File: path, Severity: "warning", Code: "sdk-divergence",
				Message: fmt.Sprintf("%s=%s: the AWS CLI expands ~ and $VAR in it, the Go SDK does not and reads a file of that literal name", v, raw)})
		}
	}
	checked := map[*hopNode]bool{}
	for _, name := range c.Names() {
		for _, f := range c.profileFindings(name, ignore, checked) {
			add(f)
		}
	}
	SortFindings(out)
	return out
}

// SortFindings orders findings by file, line and code.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Code < b.Code
	})
}

// profileFindings are the findings about one profile's chain: its error,
// wherever in the chain it is, and the warnings of each hop not checked
// before (checked: chains share their sources' hops).
func (c *Config) profileFindings(name string, ignore Ignore, checked map[*hopNode]bool) []Finding {
	var out []Finding
	ch := c.Resolve(name)
	// A profile of settings alone (a [default] with a region) is not a
	// broken chain: it serves environment or instance credentials.
	if e := ch.Err; e != nil && c.Refused() == nil && !ch.SettingsOnly() {
		file, line := c.Profiles[e.Profile].At(e.Key)
		out = append(out, Finding{File: file, Line: line, Profile: e.Profile, Severity: "error", Code: e.Code, Message: e.Msg})
	}
	if p := c.Profiles[name]; p != nil && halfSSO(p) {
		file, line := p.At(firstOf(p, "sso_session", "sso_start_url", "sso_region"))
		out = append(out, Finding{File: file, Line: line, Profile: name, Severity: "warning", Code: "sdk-divergence", Message: fmt.Sprintf(
			"profile %q has IAM Identity Center settings but neither sso_account_id nor sso_role_name: the AWS CLI does not read it as an SSO profile and takes credentials from elsewhere (the environment, a container, the instance), "+
				"the Go SDK (Terraform) reads it as one and fails without them", name)})
	}
	if ch.first == nil {
		return out
	}
	out = append(out, c.hopWarnings(ch, &ch.first.hop, true, ignore)...)
	for n := ch.first.next; n != nil && !checked[n]; n = n.next {
		checked[n] = true
		out = append(out, c.sourceWarnings(ch, n, ignore)...)
		if n == ch.last {
			break
		}
	}
	return out
}

// sourceWarnings are the warnings about a hop past the first, the same
// in every chain that shares it.
func (c *Config) sourceWarnings(ch Chain, n *hopNode, ignore Ignore) []Finding {
	if !n.findingsDone {
		n.findings, n.findingsDone = c.hopWarnings(ch, &n.hop, false, ignore), true
	}
	return n.findings
}

// WarningCodes works out the warning codes of chains for one set of
// silenced warnings, each shared tail of chains once: -l over thousands
// of chains that share a few sources stays linear. One is made for a
// run (Config.WarningCodes) and kept by whoever describes its profiles.
// It is not safe for concurrent use.
type WarningCodes struct {
	c      *Config
	ignore Ignore
	memo   map[*hopNode][]string
}

// WarningCodes is a WarningCodes for the profiles of c.
func (c *Config) WarningCodes(ignore Ignore) *WarningCodes {
	return &WarningCodes{c: c, ignore: ignore, memo: map[*hopNode][]string{}}
}

// Warnings are WarningCodes(ignore).Of(ch), for one chain.
func (c *Config) Warnings(ch Chain, ignore Ignore) []string { return c.WarningCodes(ignore).Of(ch) }

// Of are the codes of the warnings about a chain's profiles that are not
// silenced, for --list and --show: the first hop's, then those of the
// hops it shares with other chains, each worked out once.
func (w *WarningCodes) Of(ch Chain) []string {
	c, ignore, memo := w.c, w.ignore, w.memo
	if ch.first == nil {
		return []string{}
	}
	// The hops past the first not yet known, then each one's codes from
	// the end: its own, and those after it. A chain that meets a loop
	// goes once round it, whatever hop it meets it at: every hop of a
	// loop has the codes of the whole loop.
	var todo []*hopNode
	for n := ch.first.next; n != nil && n != ch.first; n = n.next {
		if _, ok := memo[n]; ok {
			break
		}
		if n.ring {
			var codes []string
			for r := n; ; {
				codes = mergeCodes(c.filtered(c.sourceWarnings(ch, r, ignore), ignore), codes)
				if r = r.next; r == n {
					break
				}
			}
			for r := n; ; {
				memo[r] = codes
				if r = r.next; r == n {
					break
				}
			}
			break
		}
		todo = append(todo, n)
		if n == ch.last {
			break
		}
	}
	for i := len(todo) - 1; i >= 0; i-- {
		n := todo[i]
		var after []string
		if n != ch.last && n.next != nil {
			after = memo[n.next]
		}
		memo[n] = mergeCodes(c.filtered(c.sourceWarnings(ch, n, ignore), ignore), after)
	}
	var after []string
	if ch.first.ring {
		after = memo[ch.first.next] // the whole loop, this profile's hop as a source among them
	} else if ch.first != ch.last && ch.first.next != nil {
		after = memo[ch.first.next]
	}
	codes := mergeCodes(c.filtered(c.hopWarnings(ch, &ch.first.hop, true, ignore), ignore), after)
	if codes == nil {
		codes = []string{}
	}
	return codes
}

// filtered drops the silenced findings.
func (c *Config) filtered(fs []Finding, ignore Ignore) []Finding {
	var out []Finding
	for _, f := range fs {
		if !ignore.silences(f) {
			out = append(out, f)
		}
	}
	return out
}

// mergeCodes is the codes of fs, then those of after not already there;
// after itself when fs adds nothing.
func mergeCodes(fs []Finding, after []string) []string {
	var own []string
	for _, f := range fs {
		if !slices.Contains(own, f.Code) {
			own = append(own, f.Code)
		}
	}
	if len(own) == 0 {
		return after
	}
	for _, code := range after {
		if !slices.Contains(own, code) {
			own = append(own, code)
		}
	}
	return own
}

// HopWarnings are the warnings about hop h of a chain (top: its first)
// that are not silenced, for what awsp says when it switches.
func (c *Config) HopWarnings(ch Chain, h *Hop, top bool, ignore Ignore) []Finding {
	return c.filtered(c.hopWarnings(ch, h, top, ignore), ignore)
}

// hopWarnings are the warnings about hop h of a chain (top: its first);
// ignore names awsp's config file, where a warning can be silenced.
func (c *Config) hopWarnings(ch Chain, h *Hop, top bool, ignore Ignore) []Finding {
	p := h.Profile
	var out []Finding
	warn := func(key, code, format string, args ...any) {
		file, line := p.At(key)
		out = append(out, Finding{File: file, Line: line, Profile: p.Name, Severity: "warning", Code: code, Message: fmt.Sprintf(format, args...)})
	}
	// A chain whose Primary has no credentials in the files gets that
	// error instead: the AWS CLI cannot run it, and under aws-vault exec
	// (keys in its keychain) mfa_serial on every role is how aws-vault
	// asks for one MFA code a session.
	vaulted := ch.Err != nil && ch.Err.Code == "no-credentials"
	if h.Kind == Derived && h.Role != nil && h.Role.MFASerial != nil && !vaulted {
		primary, vault := p.Text("source_profile"), false
		if last := ch.Primary(); last != nil && ch.Err == nil {
			primary = last.Profile.Name
			vault = strings.Contains(last.Profile.Text("credential_process"), "aws-vault")
		}
		fix := fmt.Sprintf("put MFA on the Primary %q, which logs in once per session, and remove mfa_serial here", primary)
		if vault {
			// aws-vault export hands over session credentials it got
			// with MFA when its own profile has mfa_serial.
			fix = fmt.Sprintf("the Primary %q gets its credentials from aws-vault (credential_process), which asks for the MFA code itself, once per session, when the profile it exports has mfa_serial: put mfa_serial there, and remove it here", primary)
		}
		warn("mfa_serial", "derived-mfa-serial",
			"profile %q has mfa_serial, so the AWS CLI and boto3 ask for an MFA code every time they assume its role (hourly by default), often where no prompt can be seen (kubectl, IDEs), "+
				"and the Go SDK (Terraform, Pulumi) and the JavaScript SDK v3 fail instead (AssumeRoleTokenProviderNotSetError, \"requires multi-factor authentication\"); "+
				"%s. If %q is not authenticated with MFA, this is intended: silence it with [profile %s] ignore = derived-mfa-serial in %s",
			p.Name, fix, primary, p.Name, ignore.where(c.Paths.Home))
	}
	if p.Has("source_profile") && !p.Has("role_arn") {
		warn("source_profile", "source-without-role", "profile %q has source_profile but no role_arn: the AWS CLI ignores source_profile here", p.Name)
	}
	if !top && h.Role == nil && hasAssumeRoleVars(p) && hasStaticKeys(p) {
		warn("role_arn", "sdk-divergence", "profile %q is a source profile with its own keys: the AWS CLI uses the keys and ignores its role_arn, the Go SDK assumes the role", p.Name)
	}
	if top && hasAssumeRoleVars(p) && p.Text("source_profile") != p.Name && (hasStaticKeys(p) || p.Has("credential_process")) {
		warn("role_arn", "sdk-divergence", "profile %q has role_arn and credentials of its own: the AWS CLI assumes the role with its source's credentials, the Go SDK with the profile's own", p.Name)
	}
	// The Primary's own credentials, where the Go SDK (config's
	// resolveCredsFromProfile) takes static keys before anything else.
	switch cred := h.Credentials; {
	case cred == "" || cred == NoCredentials:
	case cred != Static && goSDKKeys(p):
		warn("aws_access_key_id", "sdk-divergence", "profile %q has static keys beside %s: the AWS CLI uses %s, the Go SDK (Terraform) uses the static keys", p.Name, credentialWords[cred], credentialWords[cred])
	case cred == Static:
		for _, key := range []string{"aws_access_key_id", "aws_secret_access_key"} {
			if v, ok := staticKey(p, key); ok && v.Text == "" {
				warn(key, "sdk-divergence", "profile %q has an empty %s: the AWS CLI signs with the empty keys and every call fails to authenticate; the Go SDK (Terraform) skips them and looks for credentials elsewhere (the environment, a container's, the instance's)", p.Name, key)
				break
			}
		}
	}
	return out
}

// halfSSO: the profile has IAM Identity Center settings that the Go SDK
// reads as an SSO profile (any sso_ key: config's hasSSOConfiguration,
// reached before credential_process) but botocore does not (it needs
// sso_account_id or sso_role_name), and nothing the Go SDK takes first.
func halfSSO(p *Profile) bool {
	return firstOf(p, "sso_session", "sso_start_url", "sso_region") != "" && firstOf(p, "sso_account_id", "sso_role_name") == "" &&
		!goSDKKeys(p) && !p.Has("role_arn") && !p.Has("credential_source") && !p.Has("web_identity_token_file")
}

// firstOf is the first of keys the profile has, or "".
func firstOf(p *Profile, keys ...string) string {
	for _, k := range keys {
		if p.Has(k) {
			return k
		}
	}
	return ""
}

// credentialWords name a Primary's credentials in a sentence.
var credentialWords = map[CredentialType]string{SSO: "IAM Identity Center (SSO) settings", Process: "credential_process", WebIdentity: "web_identity_token_file",
	CredentialSource: "credential_source", Login: "aws login (login_session)"}

// goSDKKeys: the Go SDK sees static keys on the profile, both of them and
// not empty, from either file (the credentials file's over the config's).
func goSDKKeys(p *Profile) bool {
	return p.Text("aws_access_key_id") != "" && p.Text("aws_secret_access_key") != ""
}

// staticKey is a key of the profile's static credentials as the AWS CLI
// takes them, from the file providers picks: the credentials file when
// it has aws_access_key_id, else the config file.
func staticKey(p *Profile, key string) (Value, bool) {
	if _, ok := p.InCredentials("aws_access_key_id"); ok {
		return p.InCredentials(key)
	}
	return p.InConfig(key)
}

package profiles

import (
	"fmt"
	"sort"
	"strings"
)

// A Finding is one problem the lint reports, at the file and line to fix.
type Finding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Profile  string `json:"profile"`
	Severity string `json:"severity"` // "error": the AWS CLI fails; "warning": it works, but not as meant
	Code     string `json:"code"`
	Message  string `json:"message"`
}

func (f Finding) String() string {
	loc := f.File
	if f.Line > 0 {
		loc = fmt.Sprintf("%s:%d", f.File, f.Line)
	}
	return fmt.Sprintf("%s: %s: %s: %s", loc, f.Severity, f.Code, f.Message)
}

// Ignore lists, per profile, the warning codes a person has silenced in
// awsp's own config file, which Path names in the messages.
type Ignore struct {
	Path     string
	Profiles map[string][]string
}

func (ig Ignore) silences(f Finding) bool {
	return f.Severity == "warning" && ig.Has(f.Profile, f.Code)
}

// Has reports whether code is silenced for profile.
func (ig Ignore) Has(profile, code string) bool { return contains(ig.Profiles[profile], code) }

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
// at the profile where it is, however many chains pass through it.
func (c *Config) Lint(env Environ, ignore Ignore) []Finding {
	var out []Finding
	seen := map[string]bool{}
	add := func(f Finding) {
		id := f.File + "\x00" + fmt.Sprint(f.Line) + "\x00" + f.Code + "\x00" + f.Profile
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
	for _, name := range c.Names() {
		for _, f := range c.profileFindings(name, ignore) {
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
// wherever in the chain it is, and the warnings of each hop.
func (c *Config) profileFindings(name string, ignore Ignore) []Finding {
	var out []Finding
	ch := c.Resolve(name)
	// A profile of settings alone (a [default] with a region) is not a
	// broken chain: it serves environment or instance credentials.
	settingsOnly := ch.Err != nil && ch.Err.Code == "no-credentials" && ch.Err.Profile == name
	if e := ch.Err; e != nil && c.Refused() == nil && !settingsOnly {
		file, line := c.Profiles[e.Profile].At(e.Key)
		out = append(out, Finding{File: file, Line: line, Profile: e.Profile, Severity: "error", Code: e.Code, Message: e.Msg})
	}
	for i := range ch.Hops {
		out = append(out, c.hopWarnings(ch, i, ignore.Path)...)
	}
	return out
}

// Warnings are the codes of the warnings about a chain's profiles, for
// --list and --show.
func (c *Config) Warnings(ch Chain, ignore Ignore) []string {
	codes := []string{}
	for i := range ch.Hops {
		for _, f := range c.HopWarnings(ch, i, ignore) {
			if !contains(codes, f.Code) {
				codes = append(codes, f.Code)
			}
		}
	}
	return codes
}

// HopWarnings are the warnings about hop i of a chain that are not
// silenced, for what awsp says when it switches.
func (c *Config) HopWarnings(ch Chain, i int, ignore Ignore) []Finding {
	var out []Finding
	for _, f := range c.hopWarnings(ch, i, ignore.Path) {
		if !ignore.silences(f) {
			out = append(out, f)
		}
	}
	return out
}

// hopWarnings are the warnings about hop i of a chain; ignorePath is
// awsp's config file, where a warning can be silenced.
func (c *Config) hopWarnings(ch Chain, i int, ignorePath string) []Finding {
	h := ch.Hops[i]
	p := h.Profile
	var out []Finding
	warn := func(key, code, format string, args ...any) {
		file, line := p.At(key)
		out = append(out, Finding{File: file, Line: line, Profile: p.Name, Severity: "warning", Code: code, Message: fmt.Sprintf(format, args...)})
	}
	if h.Kind == Derived && h.Role != nil && h.Role.MFASerial != nil {
		primary := p.Text("source_profile")
		if last := ch.Primary(); last != nil && ch.Err == nil {
			primary = last.Profile.Name
		}
		warn("mfa_serial", "derived-mfa-serial",
			"profile %q has mfa_serial, so the AWS CLI and SDKs ask for an MFA code every time they assume its role (hourly by default), often where no prompt can be seen (terraform, kubectl, IDEs); "+
				"put MFA on the Primary %q, which logs in once per session, and remove mfa_serial here. "+
				"If %q is not authenticated with MFA, this is intended: silence it with [profile %s] ignore = derived-mfa-serial in %s",
			p.Name, primary, primary, p.Name, Tilde(ignorePath, c.Paths.Home))
	}
	if p.Has("source_profile") && !p.Has("role_arn") {
		warn("source_profile", "source-without-role", "profile %q has source_profile but no role_arn: the AWS CLI ignores source_profile here", p.Name)
	}
	if i > 0 && h.Role == nil && hasAssumeRoleVars(p) && hasStaticKeys(p) {
		warn("role_arn", "sdk-divergence", "profile %q is a source profile with its own keys: the AWS CLI uses the keys and ignores its role_arn, the Go SDK assumes the role", p.Name)
	}
	if i == 0 && hasAssumeRoleVars(p) && p.Text("source_profile") != p.Name && (hasStaticKeys(p) || p.Has("credential_process")) {
		warn("role_arn", "sdk-divergence", "profile %q has role_arn and credentials of its own: the AWS CLI assumes the role with its source's credentials, the Go SDK with the profile's own", p.Name)
	}
	return out
}

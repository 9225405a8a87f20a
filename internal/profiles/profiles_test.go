package profiles

import (
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func caseByName(t *testing.T, name string) *Config {
	t.Helper()
	for _, c := range cases {
		if c.name == name {
			return loadCase(t, writeCase(t, c))
		}
	}
	t.Fatalf("no case %q", name)
	return nil
}

// Sections: the header is split shell-style and must be two words.
func TestSectionNames(t *testing.T) {
	c := caseByName(t, "headers")
	want := []string{"default", "dev", "my profile", "single quoted", "esc aped", "x"}
	got := c.Names()
	for _, n := range want {
		if c.Profiles[n] == nil {
			t.Errorf("profile %q missing; have %q", n, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("profiles %q, want exactly %q", got, want)
	}
	// The later [profile dev] (with a comment after the header) replaces
	// the earlier one whole.
	if c.Profiles["dev"].Has("region") {
		t.Errorf("dev should be the later, empty section")
	}
}

func TestDefaultVersusProfileDefault(t *testing.T) {
	for name, region := range map[string]string{"default-then-profile-default": "eu-west-1", "profile-default-then-default": "us-east-1"} {
		c := caseByName(t, name)
		if got := c.Profiles["default"].Text("region"); got != region {
			t.Errorf("%s: region %q, want the later section's %q", name, got, region)
		}
		later := map[string]int{"default-then-profile-default": 4, "profile-default-then-default": 5}[name]
		want := []string{fmt.Sprintf(`config:%d: profile "default": both [default] and [profile default]: the AWS CLI uses the later one (line %d), the Go SDK always uses [profile default]`, later, later)}
		if got := divergences(c); !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

func TestCredentialsFileNamesAreVerbatim(t *testing.T) {
	c := caseByName(t, "credentials-file-names")
	for _, n := range []string{"default", "profile x", "  spaced  "} {
		if c.Profiles[n] == nil {
			t.Errorf("credentials profile %q missing: %q", n, c.Names())
		}
	}
}

func TestDuplicatesRefuseTheFile(t *testing.T) {
	for name, code := range map[string]string{"duplicate-section": "duplicate-section", "duplicate-key": "duplicate-key", "duplicate-in-credentials": "duplicate-key"} {
		c := caseByName(t, name)
		r := c.Refused()
		if r == nil || r.Code != code {
			t.Fatalf("%s: refused %v, want %s", name, r, code)
		}
		if ch := c.Resolve("a"); ch.Err == nil || !strings.Contains(ch.Err.Msg, "refuses") {
			t.Errorf("%s: profile a resolves without error in a file the CLI refuses", name)
		}
	}
}

func TestOverlayKeyByKey(t *testing.T) {
	c := caseByName(t, "overlay")
	p := c.Profiles["both"]
	if p.Text("region") != "eu-west-1" || p.Text("output") != "json" {
		t.Errorf("overlay: region %q output %q", p.Text("region"), p.Text("output"))
	}
}

func TestUpperDefaultAppliesEverywhere(t *testing.T) {
	c := caseByName(t, "upper-default")
	if got := c.Profiles["a"].Text("region"); got != "eu-central-1" {
		t.Errorf("a.region = %q, want [DEFAULT]'s", got)
	}
	if got := c.Profiles["b"].Text("region"); got != "us-west-2" {
		t.Errorf("b.region = %q, want its own", got)
	}
}

// Lines: no inline comments, either delimiter, case-insensitive keys,
// nested blocks, continuation lines.
func TestLines(t *testing.T) {
	c := caseByName(t, "lines")
	p := c.Profiles["lines"]
	for key, want := range map[string]string{
		"region":         "us-east-1 # eu",
		"output":         "json",
		"source_profile": "lines",
		"role_arn":       "arn:aws:iam::123456789012:role/A=B:C",
		"description":    "first line\nsecond line\n\nafter a blank",
	} {
		if got := p.Text(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if v, _ := p.Get("s3"); !reflect.DeepEqual(v.Nested, map[string]string{"max_concurrent_requests": "10", "addressing_style": "path"}) {
		t.Errorf("s3 nested = %#v", v.Nested)
	}
	if got := divergences(c); !slices.Equal(got, []string{
		`config:5: profile "": the AWS CLI keeps the text after ' #' or ' ;' as part of the value of "region"; the Go SDK cuts it there as a comment`,
		`config:15: profile "": this indented line continues the value of "description" for the AWS CLI; the Go SDK may read it as a key of its own`,
	}) {
		t.Errorf("inline comment and continuation: %q", got)
	}
}

func TestRefusedLines(t *testing.T) {
	for _, name := range []string{"nested-without-equals", "line-without-delimiter", "key-before-section", "bom", "not-utf8", "empty-key"} {
		c := caseByName(t, name)
		if r := c.Refused(); r == nil || r.Line == 0 {
			t.Errorf("%s: refused = %v, want a parse error with a line", name, r)
		}
	}
}

// Chains: one row per rule of doc/aws-semantics.md#chains.
func TestChains(t *testing.T) {
	for _, tc := range []struct {
		file, profile string
		chain         []string
		typ           CredentialType
		err           string
	}{
		{"chains", "dev", []string{"dev", "identity", "sso"}, SSO, ""},
		{"chains", "expired", []string{"expired", "legacy"}, SSO, ""},
		{"chains", "via-proc", []string{"via-proc", "proc"}, Process, ""},
		{"chains", "via-web", []string{"via-web", "web"}, WebIdentity, ""},
		{"chains", "env", []string{"env"}, CredentialSource, ""},
		{"chains", "login", []string{"login"}, Login, ""},
		{"chain-errors", "both", []string{"both"}, "", "source-and-credential-source"},
		{"chain-errors", "neither", []string{"neither"}, "", "role-without-source"},
		{"chain-errors", "bad-source", []string{"bad-source"}, "", "credential-source-invalid"},
		{"chain-errors", "missing", []string{"missing"}, "", "source-profile-missing"},
		{"chain-errors", "loop-a", []string{"loop-a", "loop-b"}, "", "source-profile-cycle"},
		{"chain-errors", "self-no-keys", []string{"self-no-keys"}, "", "source-profile-cycle"},
		{"chain-errors", "from-empty", []string{"from-empty", "empty"}, "", "no-credentials"},
		{"chain-errors", "empty", []string{"empty"}, "", "no-credentials"},
		{"chain-errors", "via-bad", []string{"via-bad", "neither"}, "", "role-without-source"},
		{"chain-errors", "sso-missing-session", []string{"sso-missing-session"}, "", "sso-session-missing"},
		{"chain-errors", "sso-incomplete", []string{"sso-incomplete"}, "", "sso-incomplete"},
		{"self-and-keys", "self", []string{"self"}, Static, ""},
		{"self-and-keys", "keyed-source", []string{"keyed-source", "root"}, Static, ""},
		{"self-and-keys", "top-with-keys", []string{"top-with-keys", "root"}, Static, ""},
		// A -> B -> A fails in the CLI when A is the active profile (the
		// Go SDK would use A's keys); from B, A is a source with keys and
		// the chain simply ends there.
		{"self-and-keys", "loop-with-keys-a", []string{"loop-with-keys-a", "loop-with-keys-b"}, "", "source-profile-cycle"},
		{"self-and-keys", "loop-with-keys-b", []string{"loop-with-keys-b", "loop-with-keys-a"}, Static, ""},
		{"split-keys", "via-split", []string{"via-split", "split"}, "", "partial-credentials"},
		{"split-keys", "process-and-config-keys", []string{"process-and-config-keys"}, Process, ""},
	} {
		c := caseByName(t, tc.file)
		ch := c.Resolve(tc.profile)
		if !reflect.DeepEqual(ch.Names(), tc.chain) {
			t.Errorf("%s: chain %q, want %q", tc.profile, ch.Names(), tc.chain)
		}
		code := ""
		if ch.Err != nil {
			code = ch.Err.Code
		}
		if code != tc.err {
			t.Errorf("%s: error %q (%v), want %q", tc.profile, code, ch.Err, tc.err)
		}
		if tc.err == "" && ch.Primary().Credentials != tc.typ {
			t.Errorf("%s: credentials %q, want %q", tc.profile, ch.Primary().Credentials, tc.typ)
		}
	}
}

// Resolution terminates on any input: a 10,000-hop chain and a long loop.
func TestLongChainsTerminate(t *testing.T) {
	var b strings.Builder
	const n = 10000
	for i := 0; i < n; i++ {
		b.WriteString("[profile p" + strconv.Itoa(i) + "]\nsource_profile = p" + strconv.Itoa((i+1)%n) + "\nrole_arn = arn:aws:iam::1:role/R\n")
	}
	c := Build(Paths{}, Parse("config", []byte(b.String())), Parse("credentials", nil))
	ch := c.Resolve("p0")
	if ch.Err == nil || ch.Err.Code != "source-profile-cycle" || ch.Len() != n {
		t.Fatalf("a %d-profile loop: %d hops, err %v", n, ch.Len(), ch.Err)
	}
}

func TestDerivedMFASerial(t *testing.T) {
	c := caseByName(t, "chains")
	fs := c.Lint(nil, Ignore{})
	var found *Finding
	for i, f := range fs {
		if f.Code == "derived-mfa-serial" {
			found = &fs[i]
		}
	}
	if found == nil || found.Profile != "dev-mfa" || found.Line == 0 || !strings.Contains(found.Message, `"sso"`) {
		t.Fatalf("derived-mfa-serial finding = %+v", found)
	}
	silenced := c.Lint(nil, Ignore{Profiles: map[string][]string{"dev-mfa": {"derived-mfa-serial"}}})
	if hasCode(silenced, "derived-mfa-serial") {
		t.Error("an ignored derived-mfa-serial is still reported")
	}
	// A Primary that is its own source may carry MFA: that is the IAM user
	// pattern, and not a Derived profile.
	c2 := Build(Paths{}, Parse("c", []byte("[profile u]\nsource_profile = u\nrole_arn = r\nmfa_serial = m\naws_access_key_id = a\naws_secret_access_key = s\n")), Parse("k", nil))
	if hasCode(c2.Lint(nil, Ignore{}), "derived-mfa-serial") {
		t.Error("mfa_serial on a self-sourced Primary is reported")
	}
}

// With aws-vault as the Primary's credential_process, the warning says
// where MFA goes in that setup: the profile aws-vault exports.
func TestDerivedMFASerialUnderAWSVault(t *testing.T) {
	c := Build(Paths{Home: "/h"}, Parse("/h/.aws/config", []byte("[profile vault]\ncredential_process = aws-vault export --format=json vault-keys\n[profile ops]\nsource_profile = vault\nrole_arn = arn:aws:iam::1:role/Ops\nmfa_serial = arn:aws:iam::1:mfa/me\n")), Parse("k", nil))
	var got []string
	for _, f := range c.Lint(nil, Ignore{Path: "/h/.config/awsp/config"}) {
		got = append(got, f.String())
	}
	want := `/h/.aws/config:6: warning: derived-mfa-serial: profile "ops" has mfa_serial, so the AWS CLI and boto3 ask for an MFA code every time they assume its role (hourly by default), often where no prompt can be seen (kubectl, IDEs), and the Go SDK (Terraform, Pulumi) and the JavaScript SDK v3 fail instead (AssumeRoleTokenProviderNotSetError, "requires multi-factor authentication"); ` +
		`the Primary "vault" gets its credentials from aws-vault (credential_process), which asks for the MFA code itself, once per session, when the profile it exports has mfa_serial: put mfa_serial there, and remove it here. If "vault" is not authenticated with MFA, this is intended: silence it with [profile ops] ignore = derived-mfa-serial in ~/.config/awsp/config`
	if strings.Join(got, "\n") != want {
		t.Errorf("findings:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// divergences are the sdk-divergence findings of c's lint, each as
// "FILE:LINE: profile "P": message" with the file's base name.
func divergences(c *Config) []string {
	var out []string
	for _, f := range c.Lint(nil, Ignore{}) {
		if f.Code == "sdk-divergence" {
			out = append(out, fmt.Sprintf("%s:%d: profile %q: %s", filepath.Base(f.File), f.Line, f.Profile, f.Message))
		}
	}
	return out
}

// The Go SDK takes a profile's static keys before any other credentials,
// skips empty ones, and reads any sso_ key as an SSO profile; the AWS CLI
// takes IAM Identity Center and credential_process first, signs with empty
// keys, and needs sso_account_id or sso_role_name for an SSO profile.
func TestStaticKeysDivergences(t *testing.T) {
	c := Build(Paths{}, Parse("config", []byte(`[profile sso-and-keys]
sso_start_url = https://x.awsapps.com/start
sso_region = eu-west-1
sso_account_id = 111111111111
sso_role_name = R
aws_access_key_id = AKIDBOTH
aws_secret_access_key = s
[profile process-and-keys]
credential_process = /bin/true
aws_access_key_id = AKIDPROC
aws_secret_access_key = s
[profile sso-and-half-keys]
sso_start_url = https://x.awsapps.com/start
sso_region = eu-west-1
sso_account_id = 111111111111
sso_role_name = R
aws_access_key_id = AKIDHALF
[profile half-sso]
sso_region = eu-west-1
region = eu-west-1
`)), Parse("credentials", []byte(`[empty]
aws_access_key_id =
aws_secret_access_key = s
[fine]
aws_access_key_id = AKIDFINE
aws_secret_access_key = s
`)))
	want := []string{
		`config:6: profile "sso-and-keys": profile "sso-and-keys" has static keys beside IAM Identity Center (SSO) settings: the AWS CLI uses IAM Identity Center (SSO) settings, the Go SDK (Terraform) uses the static keys`,
		`config:10: profile "process-and-keys": profile "process-and-keys" has static keys beside credential_process: the AWS CLI uses credential_process, the Go SDK (Terraform) uses the static keys`,
		`config:19: profile "half-sso": profile "half-sso" has IAM Identity Center settings but neither sso_account_id nor sso_role_name: the AWS CLI does not read it as an SSO profile and takes credentials from elsewhere (the environment, a container, the instance), the Go SDK (Terraform) reads it as one and fails without them`,
		`credentials:2: profile "empty": profile "empty" has an empty aws_access_key_id: the AWS CLI signs with the empty keys and every call fails to authenticate; the Go SDK (Terraform) skips them and looks for credentials elsewhere (the environment, a container's, the instance's)`,
	}
	if got := divergences(c); !slices.Equal(got, want) {
		t.Errorf("%q\nwant\n%q", got, want)
	}
}

func hasCode(fs []Finding, code string) bool {
	for _, f := range fs {
		if f.Code == code {
			return true
		}
	}
	return false
}

func TestShlexSplit(t *testing.T) {
	for in, want := range map[string][]string{
		`profile  dev `:       {"profile", "dev"},
		`profile "a b"`:       {"profile", "a b"},
		`profile 'a "b'`:      {"profile", `a "b`},
		`profile a\ b`:        {"profile", "a b"},
		`profile "a\"b\\c\d"`: {"profile", `a"b\c\d`},
		`profile x"y z"`:      {"profile", "xy z"},
		`profile ""`:          {"profile", ""},
		"profile\tdev":        {"profile", "dev"},
		`profile "open`:       nil,
		`profile trailing\`:   nil,
		`profile it's`:        nil,
	} {
		got, ok := shlexSplit(in)
		if want == nil {
			if ok {
				t.Errorf("shlexSplit(%q) = %q, want an error", in, got)
			}
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("shlexSplit(%q) = %q, want %q", in, got, want)
		}
	}
}

// The names of the SSO token caches and of the CLI's role cache, and the
// times the caches hold (awsfiles reads the files).
func TestExpiry(t *testing.T) {
	if SHA1("my-sso") != "0ad374308c5a4e22f723adf10145eafad7c4031c" || SHA1("https://y.awsapps.com/start") != "ccdf8a4b3035dd7856f92c5d376242d21f07179a" {
		t.Fatal("sha1 of the SSO cache keys")
	}
	if got := CacheKey(&AssumeRole{RoleARN: "arn:aws:iam::123456789012:role/Admin"}); got != "51e7b105b5040ce662656c8dc6ab4de70c4de7ad" {
		t.Errorf("cache key %s", got)
	}
	for in, want := range map[string]string{
		"2026-05-01T12:34:56UTC":      "2026-05-01T12:34:56Z",
		"2026-05-01T12:34:56.123456Z": "2026-05-01T12:34:56Z",
		"2026-05-01T14:34:56+02:00":   "2026-05-01T12:34:56Z",
		"2026-05-01T12:34:56+0000":    "2026-05-01T12:34:56Z",
	} {
		got, ok := ParseTime(in, time.UTC)
		if !ok || got.Truncate(time.Second).Format(time.RFC3339) != want {
			t.Errorf("ParseTime(%q) = %v", in, got)
		}
	}
}

func TestCacheKeyEscapesLikePython(t *testing.T) {
	// json.dumps({"RoleArn": "r", "RoleSessionName": "é\"\n😀"}, sort_keys=True)
	d := 900
	ext := ""
	got := CacheKey(&AssumeRole{RoleARN: "r", RoleSessionName: "é\"\n😀", DurationSeconds: &d, ExternalID: &ext})
	want := SHA1(`{"DurationSeconds": 900, "ExternalId": "", "RoleArn": "r", "RoleSessionName": "\u00e9\"\n\ud83d\ude00"}`)
	if got != want {
		t.Errorf("cache key %s, want %s", got, want)
	}
}

// Chains share their sources' hops; walked one profile at a time, as
// botocore does, each comes out the same: hops, kinds, roles, Primary
// and error.
func TestSharedChainsEqualWalkedChains(t *testing.T) {
	for _, cs := range cases {
		c := Build(Paths{}, Parse("config", []byte(cs.config)), Parse("credentials", []byte(cs.credentials)))
		checkSharedEqualsWalked(t, cs.name, c)
	}
	var b strings.Builder
	// A long chain, a loop reached from outside it, a profile that is its
	// own source, and a chain that comes back to where it started.
	for i := 1; i < 50; i++ {
		fmt.Fprintf(&b, "[profile c%d]\nsource_profile = c%d\nrole_arn = r\n", i, i-1)
	}
	b.WriteString("[profile c0]\naws_access_key_id = a\naws_secret_access_key = s\n")
	b.WriteString("[profile in]\nsource_profile = l1\nrole_arn = r\n[profile l1]\nsource_profile = l2\nrole_arn = r\n[profile l2]\nsource_profile = l1\nrole_arn = r\n")
	b.WriteString("[profile self]\nsource_profile = self\nrole_arn = r\naws_access_key_id = a\naws_secret_access_key = s\n")
	b.WriteString("[profile back]\nsource_profile = mid\nrole_arn = r\naws_access_key_id = a\naws_secret_access_key = s\n[profile mid]\nsource_profile = back\nrole_arn = r\n")
	c := Build(Paths{}, Parse("config", []byte(b.String())), Parse("credentials", nil))
	checkSharedEqualsWalked(t, "shapes", c)
}

func checkSharedEqualsWalked(t *testing.T, name string, c *Config) {
	t.Helper()
	for _, n := range c.Names() {
		shared, walked := c.Resolve(n), c.refused(c.walk(c.Profiles[n]))
		if shared.Err != nil && shared.Err.Code == "imds-endpoint-mode-invalid" {
			continue
		}
		same := fmt.Sprint(shared.Err) == fmt.Sprint(walked.Err) && shared.Len() == walked.Len()
		if same {
			w := walked.first
			for _, h := range shared.Hops() {
				if hopText(h) != hopText(&w.hop) {
					same = false
				}
				w = w.next
			}
		}
		if !same {
			t.Errorf("%s: %s: shared %q %v, walked %q %v", name, n, shared.Names(), shared.Err, walked.Names(), walked.Err)
		}
	}
}

func hopText(h *Hop) string {
	role := "-"
	if r := h.Role; r != nil {
		str := func(p *string) string {
			if p == nil {
				return "<nil>"
			}
			return *p
		}
		d := -1
		if r.DurationSeconds != nil {
			d = *r.DurationSeconds
		}
		role = fmt.Sprintf("%s|%s|%s|%s|%d", r.RoleARN, str(r.ExternalID), str(r.MFASerial), r.RoleSessionName, d)
	}
	return fmt.Sprintf("%s %s %s %s", h.Profile.Name, h.Kind, role, h.Credentials)
}

// The command that renews a Primary: aws sso login for the sso-session or
// the legacy profile, aws login, none for other tools; nothing while the
// session lasts.
func TestLoginArgs(t *testing.T) {
	c := caseByName(t, "chains")
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	gone, live := Expiry{At: now.Add(-time.Minute)}, Expiry{At: now.Add(time.Hour)}
	for _, tc := range []struct {
		name   string
		s      Expiry
		args   string
		needed bool
	}{
		{"dev", gone, "aws sso login --sso-session corp", true}, // the chain's Primary is sso
		{"sso", Expiry{LoggedOut: true}, "aws sso login --sso-session corp", true},
		{"legacy", gone, "aws sso login --profile legacy", true},
		{"login", gone, "aws login --profile login", true},
		{"proc", gone, "", true},
		{"proc", Expiry{}, "", false},
		{"sso", live, "", false},
	} {
		args, needed := c.LoginArgs(c.Resolve(tc.name).Primary(), tc.s, now)
		if strings.Join(args, " ") != tc.args || needed != tc.needed {
			t.Errorf("%s %+v: %q %v, want %q %v", tc.name, tc.s, args, needed, tc.args, tc.needed)
		}
	}
	// A name that starts with "-" is one word with its option: the AWS
	// CLI takes "--profile -x" for two options and refuses it.
	dashed := Build(Paths{}, Parse("config", []byte(`[profile -legacy]
sso_start_url = https://x.awsapps.com/start
sso_region = eu-west-1
sso_account_id = 111111111111
sso_role_name = R
[sso-session -corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
[profile -dev]
sso_session = -corp
sso_account_id = 111111111111
sso_role_name = R
[profile -login]
login_session = arn:aws:iam::111111111111:user/me
`)), Parse("credentials", nil))
	for name, want := range map[string][]string{
		"-legacy": {"aws", "sso", "login", "--profile=-legacy"},
		"-dev":    {"aws", "sso", "login", "--sso-session=-corp"},
		"-login":  {"aws", "login", "--profile=-login"},
	} {
		if args, _ := dashed.LoginArgs(dashed.Resolve(name).Primary(), gone, now); !slices.Equal(args, want) {
			t.Errorf("%s: %q, want %q", name, args, want)
		}
	}
}

// aws-vault's documented setup (USAGE.md, "Using MFA"): the keys live in
// aws-vault's keychain, mfa_serial on every role. The AWS CLI cannot run
// these chains: the error says so and names aws-vault, and
// derived-mfa-serial, which is how aws-vault asks for one MFA code a
// session, is not reported on top of it.
func TestAWSVaultSetup(t *testing.T) {
	c := Build(Paths{}, Parse("config", []byte(`[default]
region = us-east-1

[profile jonsmith]
mfa_serial = arn:aws:iam::111111111111:mfa/jonsmith

[profile foo-readonly]
source_profile = jonsmith
role_arn = arn:aws:iam::22222222222:role/ReadOnly

[profile foo-admin]
source_profile = jonsmith
role_arn = arn:aws:iam::22222222222:role/Administrator
mfa_serial = arn:aws:iam::111111111111:mfa/jonsmith
`)), Parse("credentials", nil))
	ch := c.Resolve("foo-admin")
	if ch.Err == nil || ch.Err.Code != "no-credentials" || !strings.Contains(ch.Err.Msg, "aws-vault exec") {
		t.Errorf("foo-admin: %v", ch.Err)
	}
	if hasCode(c.Lint(nil, Ignore{}), "derived-mfa-serial") || len(c.Warnings(ch, Ignore{})) != 0 {
		t.Error("derived-mfa-serial reported on aws-vault's setup")
	}
	// The same roles with the keys in the files: the CLI prompts.
	c = Build(Paths{}, Parse("config", []byte("[profile jonsmith]\nmfa_serial = m\n[profile foo-admin]\nsource_profile = jonsmith\nrole_arn = arn:aws:iam::22222222222:role/Administrator\nmfa_serial = m\n")),
		Parse("credentials", []byte("[jonsmith]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = s\n")))
	if !hasCode(c.Lint(nil, Ignore{}), "derived-mfa-serial") {
		t.Error("derived-mfa-serial not reported where the AWS CLI prompts")
	}
}

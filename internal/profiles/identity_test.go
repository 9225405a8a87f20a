package profiles

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/environ"
)

// Each tool's variables as the tool itself exports them (the source named
// beside each case), and what awsp makes of them: keys in the environment
// beat AWS_PROFILE (doc/aws-semantics.md#active-profile).
func TestEnvironmentIdentity(t *testing.T) {
	keys := environ.Environ{"AWS_ACCESS_KEY_ID": "ASIAEXAMPLE", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SESSION_TOKEN": "t"}
	with := func(vars environ.Environ) environ.Environ {
		env := environ.Environ{}
		for k, v := range keys {
			env[k] = v
		}
		for k, v := range vars {
			env[k] = v
		}
		return env
	}
	at := time.Date(2026, 11, 23, 13, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name        string
		env         environ.Environ
		label       string
		expires     time.Time
		shadowed    string
		container   bool
		notIdentity bool
	}{
		// aws-vault v7.2+, cli/exec.go: AWS_VAULT, AWS_CREDENTIAL_EXPIRATION
		// (iso8601.Format), AWS_PROFILE unset.
		{"aws-vault", with(environ.Environ{"AWS_VAULT": "dev", "AWS_CREDENTIAL_EXPIRATION": "2026-11-23T13:00:00Z", "AWS_REGION": "eu-west-1"}), "aws-vault:dev", at, "", false, false},
		// aws-vault before 7.2: AWS_SESSION_EXPIRATION.
		{"aws-vault-v6", with(environ.Environ{"AWS_VAULT": "dev", "AWS_SESSION_EXPIRATION": "2026-11-23T13:00:00Z"}), "aws-vault:dev", at, "", false, false},
		// aws-vault exec --ecs-server: no keys, a local endpoint.
		{"aws-vault-ecs", environ.Environ{"AWS_VAULT": "dev", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:53421/", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "x"}, "aws-vault:dev", time.Time{}, "", true, false},
		// aws-sso-cli, cmd/aws-sso/exec_cmd.go execShellEnvs: RFC 3339
		// since 1.17 (ExpireString), Go's Time.String before.
		{"aws-sso-cli", with(environ.Environ{"AWS_SSO_PROFILE": "Corp:Admin", "AWS_SSO_ROLE_ARN": "arn:aws:iam::111111111111:role/Admin", "AWS_SSO_SESSION_EXPIRATION": "2026-11-23T13:00:00Z", "AWS_SSO": "Default"}), "aws-sso-cli:Corp:Admin", at, "", false, false},
		{"aws-sso-cli-old", with(environ.Environ{"AWS_SSO_PROFILE": "Corp:Admin", "AWS_SSO_SESSION_EXPIRATION": "2026-11-23 14:00:00 +0100 CET"}), "aws-sso-cli:Corp:Admin", at, "", false, false},
		// awsume: AWSUME_PROFILE, AWSUME_EXPIRATION as
		// strftime("%Y-%m-%dT%H:%M:%S") of local time, and AWS_PROFILE.
		{"awsume", with(environ.Environ{"AWSUME_PROFILE": "dev", "AWS_PROFILE": "dev", "AWSUME_EXPIRATION": at.Local().Format("2006-01-02T15:04:05")}), "awsume:dev", at, "", false, false},
		// granted, scripts/assume: AWS_PROFILE, GRANTED_SSO_*,
		// AWS_SESSION_EXPIRATION and AWS_CREDENTIAL_EXPIRATION.
		{"granted", with(environ.Environ{"AWS_PROFILE": "prod", "GRANTED_SSO": "true", "GRANTED_SSO_ROLE_NAME": "Admin", "GRANTED_SSO_ACCOUNT_ID": "444444444444", "AWS_SESSION_EXPIRATION": "2026-11-23T13:00:00Z", "AWS_CREDENTIAL_EXPIRATION": "2026-11-23T13:00:00Z"}), "granted:prod", at, "", false, false},
		// saml2aws script, pkg/commands/script.go.
		{"saml2aws", with(environ.Environ{"SAML2AWS_PROFILE": "saml", "AWS_CREDENTIAL_EXPIRATION": "2026-11-23T14:00:00+01:00"}), "saml2aws:saml", at, "", false, false},
		// aws configure export-credentials --format env: keys and
		// AWS_CREDENTIAL_EXPIRATION, nothing else.
		{"export-credentials", with(environ.Environ{"AWS_CREDENTIAL_EXPIRATION": "2026-11-23T13:00:00+00:00"}), "env keys", at, "", false, false},
		// Keys set by hand beside AWS_PROFILE: the CLI uses the keys.
		{"keys-over-profile", with(environ.Environ{"AWS_PROFILE": "dev"}), "env keys", time.Time{}, "dev", false, false},
		// A tool's variables left without keys say nothing.
		{"left-over", environ.Environ{"AWS_VAULT": "dev", "AWS_SESSION_EXPIRATION": "2026-11-23T13:00:00Z", "AWS_PROFILE": "prod"}, "", time.Time{}, "", false, true},
		{"half-keys", environ.Environ{"AWS_ACCESS_KEY_ID": "A", "AWS_VAULT": "dev"}, "", time.Time{}, "", false, true},
	} {
		id, ok := EnvironmentIdentity(tc.env)
		if ok == tc.notIdentity {
			t.Errorf("%s: identity %v, want %v", tc.name, ok, !tc.notIdentity)
			continue
		}
		if !ok {
			continue
		}
		if id.Label() != tc.label || !id.Expiry.At.Equal(tc.expires) || id.Shadowed != tc.shadowed || id.Container != tc.container {
			t.Errorf("%s: %+v (label %q), want %q until %v, shadowed %q", tc.name, id, id.Label(), tc.label, tc.expires, tc.shadowed)
		}
	}
}

// The Go SDK and AWS CLI v2 take AWS_PROFILE before AWS_DEFAULT_PROFILE
// (doc/aws-semantics.md#active-profile).
func TestActiveProfile(t *testing.T) {
	for _, tc := range []struct {
		env  environ.Environ
		want string
	}{
		{environ.Environ{"AWS_PROFILE": "a", "AWS_DEFAULT_PROFILE": "b"}, "a"},
		{environ.Environ{"AWS_PROFILE": "", "AWS_DEFAULT_PROFILE": "b"}, "b"},
		{environ.Environ{}, ""},
	} {
		if got := ActiveProfile(tc.env); got != tc.want {
			t.Errorf("ActiveProfile(%v) = %q, want %q", tc.env, got, tc.want)
		}
	}
}

// Every section of doc/aws-semantics.md is cited by a test, and every
// citation names a section that is there: the page and the tests that
// check its rules against botocore and the Go SDK stay in step.
func TestSemanticsAreCited(t *testing.T) {
	doc, err := os.ReadFile("../../doc/aws-semantics.md")
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^## (.+)$`).FindAllStringSubmatch(string(doc), -1) {
		sections[strings.ReplaceAll(strings.ToLower(m[1]), " ", "-")] = false
	}
	tests, _ := filepath.Glob("../*/*_test.go")
	for _, file := range tests {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`doc/aws-semantics\.md#([a-z-]+)`).FindAllStringSubmatch(string(data), -1) {
			if _, ok := sections[m[1]]; !ok {
				t.Errorf("%s cites doc/aws-semantics.md#%s, which has no such section", file, m[1])
			}
			sections[m[1]] = true
		}
	}
	for s, cited := range sections {
		if !cited {
			t.Errorf("no test cites doc/aws-semantics.md#%s", s)
		}
	}
}

// Where each kind of Primary's session expiry is to be read
// (doc/aws-semantics.md#sessions); awsfiles reads it.
func TestSessionSource(t *testing.T) {
	config := `[profile sso]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Admin
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = eu-west-1
sso_account_id = 111111111111
sso_role_name = Admin
[profile login]
login_session = arn:aws:iam::888888888888:user/me
[profile env]
credential_source = Environment
role_arn = arn:aws:iam::777777777777:role/E
[profile imds]
credential_source = Ec2InstanceMetadata
role_arn = arn:aws:iam::777777777777:role/E
[profile awssso]
credential_process = /usr/local/bin/aws-sso -S "Default" process --arn arn:aws:iam::111111111111:role/Admin
[profile other-process]
credential_process = /usr/local/bin/creds --arn arn:aws:iam::111111111111:role/Admin
`
	credentials := `[saml]
aws_access_key_id = AKID
aws_secret_access_key = s
x_security_token_expires = 2026-11-23T12:42:00Z
[awsume]
aws_access_key_id = AKID
aws_secret_access_key = s
expiration = 2026-11-23 12:42:00
; atmos: expiration=2026-11-23T13:00:00Z
[atmos]
aws_access_key_id = AKID
aws_secret_access_key = s
[static]
aws_access_key_id = AKID
aws_secret_access_key = s
`
	home := "/home/u"
	c := Build(Paths{Home: home, LoginCache: home + "/.aws/login/cache", Config: home + "/.aws/config", Credentials: home + "/.aws/credentials"},
		Parse(home+"/.aws/config", []byte(config)), Parse(home+"/.aws/credentials", []byte(credentials)))
	utc := func(h, m int) time.Time { return time.Date(2026, 11, 23, h, m, 0, 0, time.UTC) }
	for name, want := range map[string]SessionSource{
		"sso":           {Token: home + "/.aws/sso/cache/" + SHA1("corp") + ".json", SSOSession: true},
		"legacy":        {Token: home + "/.aws/sso/cache/" + SHA1("https://legacy.awsapps.com/start") + ".json"},
		"login":         {Token: home + "/.aws/login/cache/" + SHA256("arn:aws:iam::888888888888:user/me") + ".json", Login: true},
		"env":           {Environment: true},
		"imds":          {},
		"awssso":        {Token: home + "/.config/aws-sso/cache.json", RoleARN: "arn:aws:iam::111111111111:role/Admin"},
		"other-process": {},
		"saml":          {At: utc(12, 42), From: "~/.aws/credentials:4 x_security_token_expires"},
		"awsume":        {At: time.Date(2026, 11, 23, 12, 42, 0, 0, time.Local), From: "~/.aws/credentials:8 expiration"},
		"atmos":         {At: utc(13, 0), From: "~/.aws/credentials:9 atmos"},
		"static":        {},
	} {
		ch := c.Resolve(name)
		if ch.Err != nil {
			t.Fatalf("%s: %v", name, ch.Err)
		}
		got := c.SessionSource(ch.Primary())
		if !got.At.Equal(want.At) {
			t.Errorf("%s: at %v, want %v", name, got.At, want.At)
		}
		got.At, want.At = time.Time{}, time.Time{}
		if got != want {
			t.Errorf("%s: %+v, want %+v", name, got, want)
		}
	}
}

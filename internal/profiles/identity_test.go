package profiles

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/environ"
)

// Each tool's variables as the tool itself exports them (the source named
// beside each case), and what awsp makes of them.
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

// Atmos Auth writes the expiry of each identity in a comment above its
// section (pkg/auth/cloud/aws/files.go, through gopkg.in/ini.v1), in
// files that AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE name.
func TestAtmosExpiry(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "atmos", "aws", "aws-sso")
	os.MkdirAll(dir, 0o700)
	os.WriteFile(filepath.Join(dir, "credentials"), []byte("; atmos: expiration=2025-10-24T23:42:49Z\n[plat-dev/terraform]\naws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = s\naws_session_token = t\n\n[other]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = s\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "config"), []byte("[profile plat-dev/terraform]\nregion = us-east-2\n"), 0o600)
	c, err := Load(environ.Environ{"HOME": t.TempDir(), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"), "AWS_CONFIG_FILE": filepath.Join(dir, "config")})
	if err != nil {
		t.Fatal(err)
	}
	e := c.SessionExpiry(c.Resolve("plat-dev/terraform").Primary(), nil)
	if !e.At.Equal(time.Date(2025, 10, 24, 23, 42, 49, 0, time.UTC)) || e.Source == "" {
		t.Errorf("atmos expiry %+v", e)
	}
	if e := c.SessionExpiry(c.Resolve("other").Primary(), nil); e.Known() {
		t.Errorf("the comment of one section was read for the next: %+v", e)
	}
}

// aws login: the token cache is named by the SHA-256 of login_session
// (botocore utils.generate_login_cache_key), under AWS_LOGIN_CACHE_DIRECTORY
// or ~/.aws/login/cache; botocore refuses a token without accessToken,
// refreshToken, dpopKey or clientId, and renews an expired one.
func TestLoginSessionExpiry(t *testing.T) {
	home := t.TempDir()
	session := "arn:aws:iam::888888888888:user/me"
	config := "[profile login]\nlogin_session = " + session + "\n"
	if got := SHA256(session); got != "e0552e9321bfe5dc152c082a2921f6e158a926f6ddcf72c32300428031456e00" { // hashlib.sha256(session).hexdigest()
		t.Fatalf("cache key %s", got)
	}
	for _, tc := range []struct {
		name, dir, token string
		want             Expiry
	}{
		{"valid", filepath.Join(home, ".aws", "login", "cache"), `{"accessToken": {"accessKeyId": "ASIA", "secretAccessKey": "s", "sessionToken": "t", "accountId": "888888888888", "expiresAt": "2026-11-23T12:15:00Z"}, "tokenType": "aws_sigv4", "clientId": "arn:aws:signin:::devtools/same-device", "refreshToken": "r", "idToken": "i", "dpopKey": "k"}`,
			Expiry{At: time.Date(2026, 11, 23, 12, 15, 0, 0, time.UTC), Refreshable: true}},
		{"no-refresh-token", filepath.Join(home, ".aws", "login", "cache"), `{"accessToken": {"expiresAt": "2026-11-23T12:15:00Z"}, "clientId": "c", "dpopKey": "k"}`, Expiry{LoggedOut: true}},
		{"elsewhere", filepath.Join(home, "logins"), `{"accessToken": {"expiresAt": "2026-11-23T12:15:00Z"}, "clientId": "c", "dpopKey": "k", "refreshToken": "r"}`,
			Expiry{At: time.Date(2026, 11, 23, 12, 15, 0, 0, time.UTC), Refreshable: true}},
		{"none", filepath.Join(home, "nowhere"), "", Expiry{LoggedOut: true}},
	} {
		env := environ.Environ{"HOME": home}
		if tc.name == "elsewhere" {
			env["AWS_LOGIN_CACHE_DIRECTORY"] = "~/logins"
		}
		if tc.token != "" {
			os.MkdirAll(tc.dir, 0o700)
			os.WriteFile(filepath.Join(tc.dir, SHA256(session)+".json"), []byte(tc.token), 0o600)
		}
		c := Build(PathsFrom(env), Parse("config", []byte(config)), Parse("credentials", nil))
		e := c.SessionExpiry(c.Resolve("login").Primary(), nil)
		e.Source = ""
		if e != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, e, tc.want)
		}
		os.RemoveAll(tc.dir)
	}
}

// A profile whose credential_process runs aws-sso-cli (the line its
// "setup profiles" writes) takes its expiry from aws-sso-cli's cache,
// ~/.config/aws-sso/cache.json, laid out as internal/sso/cache/cache.go
// and internal/sso/roles/roles.go write it (Expires: seconds since the
// epoch; 0 when the role holds no credentials).
func TestAWSSSOCacheExpiry(t *testing.T) {
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, ".config", "aws-sso"), 0o700)
	os.WriteFile(filepath.Join(home, ".config", "aws-sso", "cache.json"), []byte(`{
  "Version": 4,
  "ConfigCreatedAt": 1795000000,
  "SSO": {
    "Default": {
      "LastUpdate": 1795000000,
      "Roles": {
        "Accounts": {
          "111111111111": {"Alias": "corp", "Roles": {
            "Admin": {"Arn": "arn:aws:iam::111111111111:role/Admin", "Expires": 1795003600, "Profile": "corp-admin"},
            "ReadOnly": {"Arn": "arn:aws:iam::111111111111:role/ReadOnly", "Expires": 0}
          }}
        },
        "SSORegion": "eu-west-1",
        "StartUrl": "https://corp.awsapps.com/start"
      }
    }
  }
}`), 0o600)
	config := `[profile corp-admin]
credential_process = /usr/local/bin/aws-sso -S "Default" process --arn arn:aws:iam::111111111111:role/Admin
[profile corp-ro]
credential_process = /usr/local/bin/aws-sso -S "Default" process --arn arn:aws:iam::111111111111:role/ReadOnly
[profile other]
credential_process = /usr/local/bin/creds --arn arn:aws:iam::111111111111:role/Admin
`
	c := Build(PathsFrom(environ.Environ{"HOME": home}), Parse("config", []byte(config)), Parse("credentials", nil))
	for name, want := range map[string]time.Time{"corp-admin": time.Unix(1795003600, 0).UTC(), "corp-ro": {}, "other": {}} {
		if e := c.SessionExpiry(c.Resolve(name).Primary(), nil); !e.At.Equal(want) {
			t.Errorf("%s: %+v, want %v", name, e, want)
		}
	}
}

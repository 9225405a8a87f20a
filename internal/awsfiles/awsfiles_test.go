package awsfiles

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/sample"
)

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
	e := SessionExpiry(c, c.Resolve("plat-dev/terraform").Primary(), nil)
	if !e.At.Equal(time.Date(2025, 10, 24, 23, 42, 49, 0, time.UTC)) || e.Source == "" {
		t.Errorf("atmos expiry %+v", e)
	}
	if e := SessionExpiry(c, c.Resolve("other").Primary(), nil); e.Known() {
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
	if got := profiles.SHA256(session); got != "e0552e9321bfe5dc152c082a2921f6e158a926f6ddcf72c32300428031456e00" { // hashlib.sha256(session).hexdigest()
		t.Fatalf("cache key %s", got)
	}
	for _, tc := range []struct {
		name, dir, token string
		want             profiles.Expiry
	}{
		{"valid", filepath.Join(home, ".aws", "login", "cache"), `{"accessToken": {"accessKeyId": "ASIA", "secretAccessKey": "s", "sessionToken": "t", "accountId": "888888888888", "expiresAt": "2026-11-23T12:15:00Z"}, "tokenType": "aws_sigv4", "clientId": "arn:aws:signin:::devtools/same-device", "refreshToken": "r", "idToken": "i", "dpopKey": "k"}`,
			profiles.Expiry{At: time.Date(2026, 11, 23, 12, 15, 0, 0, time.UTC), Refreshable: true}},
		{"no-refresh-token", filepath.Join(home, ".aws", "login", "cache"), `{"accessToken": {"expiresAt": "2026-11-23T12:15:00Z"}, "clientId": "c", "dpopKey": "k"}`, profiles.Expiry{LoggedOut: true}},
		{"elsewhere", filepath.Join(home, "logins"), `{"accessToken": {"expiresAt": "2026-11-23T12:15:00Z"}, "clientId": "c", "dpopKey": "k", "refreshToken": "r"}`,
			profiles.Expiry{At: time.Date(2026, 11, 23, 12, 15, 0, 0, time.UTC), Refreshable: true}},
		{"none", filepath.Join(home, "nowhere"), "", profiles.Expiry{LoggedOut: true}},
	} {
		env := environ.Environ{"HOME": home}
		if tc.name == "elsewhere" {
			env["AWS_LOGIN_CACHE_DIRECTORY"] = "~/logins"
		}
		if tc.token != "" {
			os.MkdirAll(tc.dir, 0o700)
			os.WriteFile(filepath.Join(tc.dir, profiles.SHA256(session)+".json"), []byte(tc.token), 0o600)
		}
		c := profiles.Build(PathsFrom(env), profiles.Parse("config", []byte(config)), profiles.Parse("credentials", nil))
		e := SessionExpiry(c, c.Resolve("login").Primary(), nil)
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
	c := profiles.Build(PathsFrom(environ.Environ{"HOME": home}), profiles.Parse("config", []byte(config)), profiles.Parse("credentials", nil))
	for name, want := range map[string]time.Time{"corp-admin": time.Unix(1795003600, 0).UTC(), "corp-ro": {}, "other": {}} {
		if e := SessionExpiry(c, c.Resolve(name).Primary(), nil); !e.At.Equal(want) {
			t.Errorf("%s: %+v, want %v", name, e, want)
		}
	}
}

// Paths: ~ and $VAR are expanded as botocore does, unset names kept
// (doc/aws-semantics.md#files).
func TestPaths(t *testing.T) {
	p := PathsFrom(environ.Environ{"HOME": "/home/u", "AWS_CONFIG_FILE": "~/$DIR/${DIR}/$UNSET/config", "DIR": "d"})
	if p.Config != "/home/u/d/d/$UNSET/config" {
		t.Errorf("config path %q", p.Config)
	}
	if p.Credentials != "/home/u/.aws/credentials" {
		t.Errorf("credentials path %q", p.Credentials)
	}
}

// Bad files: a directory, a FIFO and a huge file give an error at once.
func TestReadFileRefusesNonFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big")
	f, _ := os.Create(big)
	f.Truncate(MaxFileSize + 1)
	f.Close()
	for _, p := range []string{dir, fifo, big} {
		if _, err := ReadFile(p); err == nil {
			t.Errorf("ReadFile(%s) read it", p)
		}
	}
	if data, err := ReadFile(filepath.Join(dir, "missing")); err != nil || data != nil {
		t.Errorf("a missing file: %v %v", data, err)
	}
}

// The SSO token cache by session name and by start URL, client
// registrations skipped; an expiry from the environment in local time
// (doc/aws-semantics.md#sessions).
func TestSessionExpiry(t *testing.T) {
	home := t.TempDir()
	sso := filepath.Join(home, ".aws", "sso", "cache")
	os.MkdirAll(sso, 0o700)
	os.WriteFile(filepath.Join(sso, profiles.SHA1("corp")+".json"), []byte(`{"accessToken":"tok-secret","refreshToken":"r","expiresAt":"2026-01-01T12:00:00Z"}`), 0o600)
	os.WriteFile(filepath.Join(sso, profiles.SHA1("https://legacy.awsapps.com/start")+".json"), []byte(`{"clientId":"x","expiresAt":"2026-01-01T12:00:00Z"}`), 0o600)
	c := profiles.Build(PathsFrom(environ.Environ{"HOME": home}), profiles.Parse("config", []byte(sample.Config+"\n[profile env]\ncredential_source = Environment\nrole_arn = arn:aws:iam::777777777777:role/E\n")), profiles.Parse("credentials", nil))
	e := SessionExpiry(c, c.Resolve("dev").Primary(), nil)
	if !e.At.Equal(time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)) || !e.Refreshable || e.LoggedOut {
		t.Errorf("sso-session expiry %+v", e)
	}
	if e := SessionExpiry(c, c.Resolve("legacy").Primary(), nil); !e.LoggedOut {
		t.Errorf("a client registration counted as a token: %+v", e)
	}
	if e := SessionExpiry(c, c.Resolve("env").Primary(), environ.Environ{"AWSUME_EXPIRATION": "2026-01-01T08:00:00", "AWS_ACCESS_KEY_ID": "a"}); !e.At.Equal(time.Date(2026, 1, 1, 8, 0, 0, 0, time.Local)) {
		t.Errorf("AWSUME_EXPIRATION read as %v, want local time", e.At)
	}
	// Sessions reads a token once, however many Primaries share it: a
	// token rewritten after the first read is not read again.
	s := NewSessions(c, nil)
	first := s.Of(c.Resolve("dev").Primary())
	os.WriteFile(filepath.Join(sso, profiles.SHA1("corp")+".json"), []byte(`{"accessToken":"x","expiresAt":"2027-01-01T12:00:00Z"}`), 0o600)
	if again := s.Of(c.Resolve("dev").Primary()); again != first {
		t.Errorf("read again: %+v, then %+v", first, again)
	}
	if fresh := SessionExpiry(c, c.Resolve("dev").Primary(), nil); fresh.At.Year() != 2027 {
		t.Errorf("SessionExpiry kept an old read: %+v", fresh)
	}
}

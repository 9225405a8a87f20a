package view

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/settings"
)

// One description of each kind of profile, and what -l's status column,
// its row and completion say of it.
func TestDescribe(t *testing.T) {
	home := t.TempDir()
	config := `[profile dev]
role_arn = arn:aws:iam::222222222222:role/Dev
source_profile = sso
[profile sso]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Admin
region = eu-west-1
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
[profile out]
sso_session = gone
sso_account_id = 111111111111
sso_role_name = Admin
[sso-session gone]
sso_start_url = https://gone.awsapps.com/start
sso_region = eu-west-1
[profile broken]
role_arn = arn:aws:iam::1:role/X
source_profile = nowhere
[profile bare]
region = us-east-1
`
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	token := filepath.Join(home, ".aws", "sso", "cache", profiles.SHA1("corp")+".json")
	os.MkdirAll(filepath.Dir(token), 0o700)
	os.WriteFile(token, []byte(`{"accessToken":"t","expiresAt":"2026-12-05T14:00:00Z"}`), 0o600)
	env := environ.Environ{"HOME": home}
	c := profiles.Build(awsfiles.PathsFrom(env), profiles.Parse("config", []byte(config)), profiles.Parse("credentials", nil))
	d := NewDescriber(c, &settings.File{}, env)
	for _, tc := range []struct {
		name, status, kind, description string
		sources                         []string
	}{
		{"dev", "2h00m", "derived", "derived ← sso", []string{"sso"}},
		{"sso", "2h00m", "primary", "sso 111111111111 Admin", nil},
		{"out", "logged out", "primary", "sso 111111111111 Admin", nil},
		{"broken", "✗ source-profile-missing", "derived", "broken: source-profile-missing", nil},
		{"bare", "settings only", "primary", "settings only", nil},
	} {
		p := d.Describe(tc.name)
		row := p.Row(" ", now, Style{})
		if row.Status != tc.status || row.Kind != tc.kind || len(row.Sources) != len(tc.sources) {
			t.Errorf("%s: row %+v, want status %q kind %q sources %q", tc.name, row, tc.status, tc.kind, tc.sources)
		}
		if got := Description(c, p.Profile); got != tc.description {
			t.Errorf("%s: description %q, want %q", tc.name, got, tc.description)
		}
	}
}

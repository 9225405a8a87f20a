package sample_test

import (
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/sample"
)

// The sample is what its comments say it is, read by awsp's own reader:
// the tests and the demo rely on each of these facts.
func TestSampleIsWhatItSays(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	home := t.TempDir()
	if err := sample.Write(home, sample.Files(now)); err != nil {
		t.Fatal(err)
	}
	c, err := awsfiles.Load(environ.Environ{"HOME": home})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]struct {
		primary string
		left    time.Duration
		code    string
	}{
		"dev":          {"sso", sample.SSOLeft, ""},
		"team sandbox": {"sso", sample.SSOLeft, ""},
		"expired":      {"legacy", -sample.LegacyEnded, ""},
		"keys":         {"keys", sample.KeysLeft, ""},
		"typo":         {"", 0, "source-profile-missing"},
	} {
		ch := c.Resolve(name)
		if want.code != "" {
			if ch.Err == nil || ch.Err.Code != want.code {
				t.Errorf("%s: error %v, want %s", name, ch.Err, want.code)
			}
			continue
		}
		if ch.Err != nil || ch.Primary().Profile.Name != want.primary {
			t.Errorf("%s: Primary %q, error %v; want %q", name, ch.Primary().Profile.Name, ch.Err, want.primary)
			continue
		}
		if e := awsfiles.SessionExpiry(c, ch.Primary(), nil); !e.At.Equal(now.Add(want.left)) {
			t.Errorf("%s: session ends %v (%+v), want %v", name, e.At, e, now.Add(want.left))
		}
	}
	var mfa []string
	for _, f := range c.Lint(nil, profiles.Ignore{}) {
		if f.Code == "derived-mfa-serial" {
			mfa = append(mfa, f.Profile)
		}
	}
	if len(mfa) != 1 || mfa[0] != "dev-mfa" {
		t.Errorf("derived-mfa-serial on %v, want dev-mfa alone", mfa)
	}
	broken := profiles.Build(profiles.Paths{}, profiles.Parse("config", []byte(sample.Broken)), profiles.Parse("credentials", []byte(sample.BrokenCredentials)))
	for _, name := range broken.Names() {
		if ch := broken.Resolve(name); ch.Err == nil && name != "keys" { // BrokenCredentials' keys work
			t.Errorf("sample.Broken's %s resolves", name)
		}
	}
}

// LongNames is thirty profiles, every chain whole and ending at acme-sso,
// the longest four hops.
func TestLongNamesIsWhatItSays(t *testing.T) {
	home := t.TempDir()
	if err := sample.Write(home, map[string]string{".aws/config": sample.LongNames()}); err != nil {
		t.Fatal(err)
	}
	c, err := awsfiles.Load(environ.Environ{"HOME": home})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.Names()); n != 30 {
		t.Errorf("%d profiles, want 30", n)
	}
	longest := 0
	for _, name := range c.Names() {
		ch := c.Resolve(name)
		if ch.Err != nil || ch.Primary().Profile.Name != "acme-sso" {
			t.Errorf("%s: %v %v", name, ch.Err, ch.Names())
		}
		longest = max(longest, ch.Len())
	}
	if longest != 4 {
		t.Errorf("the longest chain has %d hops, want 4", longest)
	}
}

package complete

import (
	"bytes"
	"errors"
	"testing"

	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/filecache"
	"github.com/awsp-dev/awsp/internal/profiles"
)

// Answer in-process: the names with what each is, the flags with what
// each does, and a kind or a number of words the scripts never send is a
// usage error; the files' error is handed back as it came.
func TestAnswer(t *testing.T) {
	config := "[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/Dev\nsource_profile = base\n[profile base]\naws_access_key_id = AKID\naws_secret_access_key = s\n[profile broken]\nsource_profile = nowhere\nrole_arn = arn:aws:iam::1:role/X\n"
	c := profiles.Build(profiles.Paths{}, profiles.Parse("config", []byte(config)), profiles.Parse("credentials", nil))
	cache := filecache.New(environ.Environ{"AWSP_CACHE_DIR": t.TempDir(), "HOME": t.TempDir()})
	src := Source{Load: func() (*profiles.Config, error) { return c, nil }, Cache: cache, Flags: [][2]string{{"--list", "every profile"}, {"--show", "one profile"}}}
	for _, tc := range []struct {
		kind string
		args []string
		want string
	}{
		{"fish", nil, "base\tstatic keys\nbroken\tbroken: source-profile-missing\ndev\tderived ← base\n"},
		{"zsh", nil, "base:static keys\nbroken:broken: source-profile-missing\ndev:derived ← base\n"},
		{"zsh-flags", nil, "--list:every profile\n--show:one profile\n"},
		{"names", nil, "base\nbroken\ndev\n"},
		{"bash", []string{"awsp", "d", "awsp d"}, "dev\n"},
		{"bash", []string{"awsp", "--s", "awsp --s"}, "--show\n"},
		// nushell matches what was typed against every flag itself.
		{"nu", []string{"awsp --l"}, `[{"value":"--list","description":"every profile"},{"value":"--show","description":"one profile"}]` + "\n"},
	} {
		var out bytes.Buffer
		if err := Answer(&out, src, tc.kind, tc.args); err != nil || out.String() != tc.want {
			t.Errorf("%s %q: %v\n%q\nwant\n%q", tc.kind, tc.args, err, out.String(), tc.want)
		}
	}
	for _, tc := range []struct {
		kind string
		args []string
	}{{"tcsh", nil}, {"bash", []string{"awsp"}}, {"nu", nil}} {
		var u UsageError
		if err := Answer(&bytes.Buffer{}, src, tc.kind, tc.args); !errors.As(err, &u) {
			t.Errorf("%s %q: %v, want a usage error", tc.kind, tc.args, err)
		}
	}
	unreadable := errors.New("unreadable")
	src.Load = func() (*profiles.Config, error) { return nil, unreadable }
	src.Cache = filecache.New(environ.Environ{"AWSP_CACHE_DIR": t.TempDir(), "HOME": t.TempDir()})
	if err := Answer(&bytes.Buffer{}, src, "names", nil); err != unreadable {
		t.Errorf("names with unreadable files: %v", err)
	}
}

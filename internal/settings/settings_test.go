package settings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/profiles"
)

func TestDirectories(t *testing.T) {
	for _, tc := range []struct {
		env                  environ.Environ
		config, cache, state string
	}{
		{environ.Environ{"HOME": "/home/u"}, "/home/u/.config/awsp/config", "/home/u/.cache/awsp", "/home/u/.local/state/awsp"},
		{environ.Environ{"HOME": "/home/u", "XDG_CONFIG_HOME": "/x/c", "XDG_CACHE_HOME": "/x/k", "XDG_STATE_HOME": "/x/s"}, "/x/c/awsp/config", "/x/k/awsp", "/x/s/awsp"},
		// Relative values are invalid (XDG spec): ignored, never relative
		// to wherever the shell is.
		{environ.Environ{"HOME": "/home/u", "XDG_CONFIG_HOME": "rel", "XDG_CACHE_HOME": "./k", "XDG_STATE_HOME": "s"}, "/home/u/.config/awsp/config", "/home/u/.cache/awsp", "/home/u/.local/state/awsp"},
		{environ.Environ{"HOME": "relative"}, "", "", ""},
		{environ.Environ{}, "", "", ""},
		{environ.Environ{"HOME": "/h", "AWSP_CONFIG": "/etc/awsp", "AWSP_CACHE_DIR": "/c", "AWSP_STATE_DIR": "rel"}, "/etc/awsp", "/c", ""},
	} {
		if got := ConfigPath(tc.env); got != tc.config {
			t.Errorf("%v: config %q, want %q", tc.env, got, tc.config)
		}
		if got := CacheDir(tc.env); got != tc.cache {
			t.Errorf("%v: cache %q, want %q", tc.env, got, tc.cache)
		}
		if got := StateDir(tc.env); got != tc.state {
			t.Errorf("%v: state %q, want %q", tc.env, got, tc.state)
		}
	}
}

func TestIgnores(t *testing.T) {
	Ignores := func(env environ.Environ) (profiles.Ignore, error) { // Load's silenced warnings alone
		f, err := Load(env)
		if err != nil {
			return profiles.Ignore{}, err
		}
		return f.Ignore, nil
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "config")
	os.WriteFile(path, []byte("[profile legacy]\nignore = derived-mfa-serial, sdk-divergence\n[profile other]\nregion = x\n"+
		"[profile \"team sandbox\"]\nignore = derived-mfa-serial\n[profile  spaced ]\nignore = source-without-role\n"), 0o600)
	ig, err := Ignores(environ.Environ{"AWSP_CONFIG": path})
	if err != nil || !ig.Has("legacy", "derived-mfa-serial") || !ig.Has("legacy", "sdk-divergence") || ig.Has("other", "derived-mfa-serial") {
		t.Errorf("Ignores = %+v, %v", ig, err)
	}
	// Section names as the AWS files have them: quoted, spaced.
	if !ig.Has("team sandbox", "derived-mfa-serial") || !ig.Has("spaced", "source-without-role") {
		t.Errorf("quoted or spaced names silence nothing: %+v", ig.Profiles)
	}
	if ig, err := Ignores(environ.Environ{"AWSP_CONFIG": filepath.Join(dir, "missing")}); err != nil || len(ig.Profiles) != 0 {
		t.Errorf("missing file: %+v %v", ig, err)
	}
	os.WriteFile(path, []byte("no section\n"), 0o600)
	if _, err := Ignores(environ.Environ{"AWSP_CONFIG": path}); err == nil {
		t.Error("a config botocore would refuse was read")
	}
}

func TestLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config")
	os.WriteFile(path, []byte(`[account 444444444444]
alias = acme-prod
[class prod]
match = *prod*, 555555555555
color = Red
label = PROD
[class dev]
match = dev-?
color = green
[settings]
sticky_profile = true
`), 0o600)
	f, err := Load(environ.Environ{"AWSP_CONFIG": path})
	if err != nil {
		t.Fatal(err)
	}
	if !f.StickyProfile || f.Alias("444444444444", "") != "acme-prod" || f.Alias("1", "implied") != "implied" {
		t.Errorf("Load = %+v", f)
	}
	for _, tc := range []struct {
		names []string
		want  string
	}{
		{[]string{"acme-plat-ue2-PROD-admin"}, "prod"}, // case is ignored
		{[]string{"team/prod"}, "prod"},                // * crosses /
		{[]string{"dev", "555555555555"}, "prod"},      // the account ID
		{[]string{"x", "", "acme-prod"}, "prod"},       // the alias
		{[]string{"dev-1"}, "dev"},
		{[]string{"dev-12"}, ""},
		{[]string{"staging"}, ""},
	} {
		got := ""
		if c := f.ClassOf(tc.names...); c != nil {
			got = c.Name
		}
		if got != tc.want {
			t.Errorf("ClassOf(%q) = %q, want %q", tc.names, got, tc.want)
		}
	}
	if c := f.ClassOf("prod"); c.Colour != "31" || c.Label != "PROD" {
		t.Errorf("class prod: %+v", c)
	}
	os.WriteFile(path, []byte("[class prod]\nmatch = *prod*\ncolor = rde\n"), 0o600)
	if _, err := Load(environ.Environ{"AWSP_CONFIG": path}); err == nil || !strings.Contains(err.Error(), `config:3: class prod: color "rde"`) {
		t.Errorf("an unknown colour: %v", err)
	}
}

func TestGlob(t *testing.T) {
	for _, tc := range []struct {
		pattern, name string
		want          bool
	}{
		{"*", "", true}, {"*prod*", "prod", true}, {"*prod", "prod-x", false}, {"a*b*c", "aXbYbZc", true},
		{"a*b*c", "aXbYbZ", false}, {"?é", "xé", true}, {"??", "é", false}, {"*-admin", "acme-prod-admin", true},
	} {
		if got := Glob(tc.pattern, tc.name); got != tc.want {
			t.Errorf("Glob(%q, %q) = %v", tc.pattern, tc.name, got)
		}
	}
}

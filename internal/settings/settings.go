// Package settings is awsp's own side of things: its version, its config
// file of silenced warnings, and the directories that keep its cache and
// its state. Both binaries (awsp and awsp-prompt) find them here, so that
// they read the same config and share one cache.
package settings

import (
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/awsp-dev/awsp/internal/profiles"
)

// Version is set at build time by install.sh and the releases:
//
//	-ldflags "-X github.com/awsp-dev/awsp/internal/settings.Version=..."
//
// A go install build has none: Current reads the module's version then.
var Version = "dev"

// Current is the version this binary reports and keys its cache with:
// Version, else the version go recorded in the build (v1.2.3 for go
// install ...@v1.2.3), else "dev".
var Current = sync.OnceValue(func() string {
	if Version != "dev" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return Version
})

// ConfigPath is awsp's config file: $AWSP_CONFIG, else awsp/config in
// the XDG config directory ($XDG_CONFIG_HOME, else ~/.config, on macOS
// too, as most command-line tools have it). "" when there is none: no
// absolute HOME or XDG_CONFIG_HOME.
func ConfigPath(env profiles.Environ) string {
	if p := env["AWSP_CONFIG"]; p != "" {
		return p
	}
	return xdgDir(env, "XDG_CONFIG_HOME", ".config", "awsp", "config")
}

// CacheDir holds what awsp keeps of the AWS files while they are
// unchanged: $AWSP_CACHE_DIR, else awsp/ in $XDG_CACHE_HOME or ~/.cache.
func CacheDir(env profiles.Environ) string {
	if d := env["AWSP_CACHE_DIR"]; d != "" {
		return absolute(d)
	}
	return xdgDir(env, "XDG_CACHE_HOME", ".cache", "awsp")
}

// StateDir holds the allow list of .awsprofile files: $AWSP_STATE_DIR,
// else awsp/ in $XDG_STATE_HOME or ~/.local/state.
func StateDir(env profiles.Environ) string {
	if d := env["AWSP_STATE_DIR"]; d != "" {
		return absolute(d)
	}
	return xdgDir(env, "XDG_STATE_HOME", filepath.Join(".local", "state"), "awsp")
}

// absolute is d when it is an absolute path, else "": awsp keeps and
// trusts nothing relative to wherever the shell happens to be.
func absolute(d string) string {
	if filepath.IsAbs(d) {
		return d
	}
	return ""
}

// xdgDir follows the XDG Base Directory rules: the variable when it is an
// absolute path (a relative one is invalid and ignored), else the default
// under an absolute HOME; "" when neither is there, so that nothing is
// read or trusted relative to the current directory. The rules are
// written here rather than taken from github.com/adrg/xdg, whose package
// init reads ~/.config/user-dirs.dirs in every process: a FIFO there hung
// every command, and awsp reads no file it does not document.
func xdgDir(env profiles.Environ, variable, fallback string, elem ...string) string {
	base := env[variable]
	if !filepath.IsAbs(base) {
		home := env["HOME"]
		if !filepath.IsAbs(home) {
			return ""
		}
		base = filepath.Join(home, fallback)
	}
	return filepath.Join(append([]string{base}, elem...)...)
}

// MaxConfigSize is the largest awsp config file read: lines of ignores.
const MaxConfigSize = 1 << 20

// Ignores reads the per-profile silenced warnings from the config file:
//
//	[profile legacy-admin]
//	ignore = derived-mfa-serial
//
// A missing file silences nothing; a file that cannot be read or parsed
// is an error, with the reason in one line.
func Ignores(env profiles.Environ) (profiles.Ignore, error) {
	path := ConfigPath(env)
	if path == "" {
		return profiles.Ignore{Profiles: map[string][]string{}}, nil
	}
	data, err := profiles.ReadFileMax(path, MaxConfigSize)
	if err != nil {
		return profiles.Ignore{}, err
	}
	ig := profiles.Ignore{Path: path, Profiles: map[string][]string{}}
	if len(data) == 0 {
		return ig, nil
	}
	// The same INI dialect as ~/.aws/config, read by the same parser:
	// gopkg.in/ini.v1 would cost every prompt about a millisecond of
	// package initialisation (BENCHMARKS.md).
	f := profiles.Parse(path, data)
	if f.Refused != nil {
		return profiles.Ignore{}, f.Refused
	}
	for _, s := range f.Sections {
		name, ok := profiles.ProfileHeader(s.Header)
		if !ok {
			continue
		}
		if k, ok := s.Get("ignore"); ok {
			for _, code := range strings.Split(k.Value, ",") {
				ig.Profiles[name] = append(ig.Profiles[name], strings.TrimSpace(code))
			}
		}
	}
	return ig, nil
}

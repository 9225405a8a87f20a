// Package settings is awsp's own side of things: its version, its config
// file of silenced warnings, and the directories that keep its cache and
// its state. Both binaries (awsp and awsp-prompt) find them here, so that
// they read the same config and share one cache.
package settings

import (
	"path/filepath"
	"strings"

	"github.com/adrg/xdg"

	"github.com/awsp-dev/awsp/internal/profiles"
)

// Version is set at build time:
//
//	-ldflags "-X github.com/awsp-dev/awsp/internal/settings.Version=..."
var Version = "dev"

// ConfigPath is awsp's config file: $AWSP_CONFIG, else awsp/config in the
// XDG config directory.
func ConfigPath(env profiles.Environ) string {
	if p := env["AWSP_CONFIG"]; p != "" {
		return p
	}
	return filepath.Join(xdg.ConfigHome, "awsp", "config")
}

// CacheDir holds what awsp keeps of the AWS files while they are
// unchanged: $AWSP_CACHE_DIR, else awsp/ in the XDG cache directory.
func CacheDir(env profiles.Environ) string {
	if d := env["AWSP_CACHE_DIR"]; d != "" {
		return d
	}
	return filepath.Join(xdg.CacheHome, "awsp")
}

// StateDir holds the allow list of .awsprofile files: $AWSP_STATE_DIR,
// else awsp/ in the XDG state directory.
func StateDir(env profiles.Environ) string {
	if d := env["AWSP_STATE_DIR"]; d != "" {
		return d
	}
	return filepath.Join(xdg.StateHome, "awsp")
}

// Ignores reads the per-profile silenced warnings from the config file:
//
//	[profile legacy-admin]
//	ignore = derived-mfa-serial
//
// A missing file silences nothing; a file that cannot be read or parsed
// is an error, with the reason in one line.
func Ignores(env profiles.Environ) (profiles.Ignore, error) {
	path := ConfigPath(env)
	data, err := profiles.ReadFile(path)
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
		name, ok := strings.CutPrefix(s.Header, "profile ")
		if !ok {
			continue
		}
		name = strings.TrimSpace(name)
		if k, ok := s.Get("ignore"); ok {
			for _, code := range strings.Split(k.Value, ",") {
				ig.Profiles[name] = append(ig.Profiles[name], strings.TrimSpace(code))
			}
		}
	}
	return ig, nil
}

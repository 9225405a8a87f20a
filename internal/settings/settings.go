// Package settings is awsp's own side of things: its version, its config
// file (silenced warnings, account aliases, classes, the sticky profile),
// and the directories that keep its cache and its state. Both binaries
// (awsp and awsp-prompt) find them here, so that they read the same
// config and share one cache.
package settings

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/safefile"
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
func ConfigPath(env environ.Environ) string {
	if p := env["AWSP_CONFIG"]; p != "" {
		return p
	}
	return xdgDir(env, "XDG_CONFIG_HOME", ".config", "awsp", "config")
}

// CacheDir holds what awsp keeps of the AWS files while they are
// unchanged: $AWSP_CACHE_DIR, else awsp/ in $XDG_CACHE_HOME or ~/.cache.
func CacheDir(env environ.Environ) string {
	if d := env["AWSP_CACHE_DIR"]; d != "" {
		return absolute(d)
	}
	return xdgDir(env, "XDG_CACHE_HOME", ".cache", "awsp")
}

// StateDir holds the allow list of .awsprofile files and the sticky
// profile: $AWSP_STATE_DIR,
// else awsp/ in $XDG_STATE_HOME or ~/.local/state.
func StateDir(env environ.Environ) string {
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
func xdgDir(env environ.Environ, variable, fallback string, elem ...string) string {
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

// File is what awsp's config file says:
//
//	[profile legacy-admin]
//	ignore = derived-mfa-serial
//
//	[account 444444444444]
//	alias = acme-prod
//
//	[class prod]
//	match = *prod* 444444444444
//	color = red
//	label = PROD
//
//	[settings]
//	sticky_profile = true
type File struct {
	Ignore  profiles.Ignore
	Aliases map[string]string // account ID: alias
	Classes []Class           // in the file's order: the first that matches wins
	// StickyProfile: a new shell starts with the profile last chosen in
	// any shell (sticky.go).
	StickyProfile bool
}

// Class marks the profiles that match a pattern: production in red, say.
type Class struct {
	Name    string
	Match   []string // glob patterns, * and ?, of profile names, account IDs or aliases
	Colour  string   // an SGR colour code ("31"), "" for none
	Label   string
	Pattern string // Match as written, for messages
}

// colourCode is the SGR code of a colour a class may take, "" for a
// name awsp does not know. A switch, not a map: a map literal is built
// when the program starts, and every prompt would pay for it.
func colourCode(name string) string {
	switch strings.ToLower(name) {
	case "red":
		return "31"
	case "green":
		return "32"
	case "yellow":
		return "33"
	case "blue":
		return "34"
	case "magenta":
		return "35"
	case "cyan":
		return "36"
	case "white":
		return "37"
	}
	return ""
}

// Load reads awsp's config file. A missing file says nothing; a file
// that cannot be read or parsed, or a class with a colour awsp does not
// know, is an error with the reason in one line.
func Load(env environ.Environ) (*File, error) {
	out := &File{Ignore: profiles.Ignore{Profiles: map[string][]string{}}, Aliases: map[string]string{}}
	path := ConfigPath(env)
	if path == "" {
		return out, nil
	}
	// Where a warning is silenced, whether or not the file is there yet.
	out.Ignore.Path = path
	data, err := safefile.Read(path, MaxConfigSize)
	if err != nil || len(data) == 0 {
		if _, statErr := os.Stat(path); errors.Is(statErr, fs.ErrNotExist) {
			out.Ignore.New = true
		}
		return out, err
	}
	// The same INI dialect as ~/.aws/config, read by the same parser:
	// gopkg.in/ini.v1 would cost every prompt about a millisecond of
	// package initialisation (BENCHMARKS.md).
	f := profiles.Parse(path, data)
	if f.Refused != nil {
		return nil, f.Refused
	}
	for _, s := range f.Sections {
		kind, name, _ := strings.Cut(strings.TrimSpace(s.Header), " ")
		name = strings.TrimSpace(name)
		switch kind {
		case "profile":
			name, _ = profiles.ProfileHeader(s.Header)
			if k, ok := s.Get("ignore"); ok {
				for _, code := range strings.Split(k.Value, ",") {
					out.Ignore.Profiles[name] = append(out.Ignore.Profiles[name], strings.TrimSpace(code))
				}
			}
		case "account":
			if k, ok := s.Get("alias"); ok && name != "" {
				out.Aliases[name] = k.Value
			}
		case "class":
			c := Class{Name: name}
			if k, ok := s.Get("match"); ok {
				c.Pattern = k.Value
				c.Match = strings.FieldsFunc(strings.ToLower(k.Value), func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
			}
			if k, ok := s.Get("label"); ok {
				c.Label = k.Value
			}
			if k, ok := s.Get("color"); ok {
				if c.Colour = colourCode(k.Value); c.Colour == "" {
					return nil, fmt.Errorf("%s:%d: class %s: color %q is none of red, green, yellow, blue, magenta, cyan, white", path, k.Line, name, k.Value)
				}
			}
			out.Classes = append(out.Classes, c)
		case "settings":
			if k, ok := s.Get("sticky_profile"); ok {
				out.StickyProfile = strings.EqualFold(k.Value, "true")
			}
		}
	}
	return out, nil
}

// Alias is the name of an account: awsp's config's alias, else the one
// the AWS config implies (sso_account_name), else "".
func (f *File) Alias(accountID, implied string) string {
	if a := f.Aliases[accountID]; a != "" {
		return a
	}
	return implied
}

// Classify is the alias of the account a profile's credentials act as
// (t), and the class of the profile by its name, account ID and alias.
func (f *File) Classify(name string, t profiles.Target) (alias string, class *Class) {
	alias = f.Alias(t.AccountID, t.AccountName)
	return alias, f.ClassOf(name, t.AccountID, alias)
}

// ClassOf is the first class with a pattern that matches one of names
// (a profile's name, its account ID and alias), ignoring case; nil when
// none does.
func (f *File) ClassOf(names ...string) *Class {
	for i, c := range f.Classes {
		for _, pattern := range c.Match {
			for _, n := range names {
				if n != "" && Glob(pattern, strings.ToLower(n)) {
					return &f.Classes[i]
				}
			}
		}
	}
	return nil
}

// Glob reports whether name matches pattern, where * is any run of
// characters and ? one. Unlike path.Match, * crosses / (profile names
// such as team/prod-admin); there are no character classes.
func Glob(pattern, name string) bool {
	// The classic two-pointer match: on a mismatch, the last * takes one
	// more character. Linear in practice, never exponential.
	pat, s := []rune(pattern), []rune(name)
	p, n, star, mark := 0, 0, -1, 0
	for n < len(s) {
		switch {
		case p < len(pat) && pat[p] == '*':
			star, mark = p, n
			p++
		case p < len(pat) && (pat[p] == '?' || pat[p] == s[n]):
			p, n = p+1, n+1
		case star >= 0:
			p, mark = star+1, mark+1
			n = mark
		default:
			return false
		}
	}
	for p < len(pat) && pat[p] == '*' {
		p++
	}
	return p == len(pat)
}

package prompt

import (
	"strings"
	"time"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/termtext"
)

// DefaultFormat shows the profile's chain (just the profile for a Primary),
// the time left on the Primary's session and a warning marker.
const DefaultFormat = "{chain} {expiry} {warn}"

// Fields are the {placeholders} a format may hold, with what each shows,
// for --help, the man page and the README.
var Fields = []struct{ Name, Meaning string }{
	{"profile", "the active profile"},
	{"chain", "the chain from the profile to its Primary: dev ← identity ← sso"},
	{"primary", "the Primary alone"},
	{"expiry", "the time left on the Primary's session: 2h05m, 45m, expired, logged out"},
	{"region", "the region the profile sets"},
	{"warn", "⚠ for a lint warning, or AWS_PROFILE set beside another tool's keys; ✗ for a broken chain"},
}

// State is what the segment's colour says.
type State int

const (
	OK      State = iota // time left, or nothing known against it
	Soon                 // under 15 minutes left
	Expired              // expired, logged out, or the chain is broken
)

// Data is what a segment can show of the active profile.
type Data struct {
	Profile string
	Chain   []string // from the profile to its Primary
	Region  string
	// Expiry of the Primary's session; zero when unknown.
	Expiry    time.Time
	LoggedOut bool
	Warn      bool // a lint warning on the chain, or AWS_PROFILE shadowed by keys
	Broken    bool // the chain does not resolve, or the profile is missing
	// session is where the Primary's expiry was read, for the shell
	// integration to watch (watch.go).
	session profiles.SessionSource
	// fromEnvironment: an identity in the environment, made of no file.
	fromEnvironment bool
}

// Dialect is how a shell's prompt wants text: which characters it
// interprets and how it marks the zero-width colour codes.
type Dialect string

const (
	Plain Dialect = "plain" // raw ANSI, for starship, tmux, scripts
	Bash  Dialect = "bash"  // readline's \001 \002 around colour codes
	Zsh   Dialect = "zsh"   // %{ %} around colour codes, % doubled
	Fish  Dialect = "fish"  // printed by a function: raw ANSI
)

// Render fills format for d as of now, coloured unless colour is false,
// escaped for dialect.
func Render(format string, d Data, now time.Time, dialect Dialect, colour bool) string {
	if d.Profile == "" {
		return ""
	}
	state, left := OK, ""
	switch {
	case d.Broken:
		state = Expired
	case d.LoggedOut:
		state, left = Expired, "logged out"
	case !d.Expiry.IsZero():
		remaining := d.Expiry.Sub(now)
		left = Left(remaining)
		if remaining <= 0 {
			state = Expired
		} else if remaining < 15*time.Minute {
			state = Soon
		}
	}
	chain := d.Chain
	if len(chain) == 0 {
		chain = []string{d.Profile}
	}
	warn := ""
	switch {
	case d.Broken:
		warn = "✗"
	case d.Warn:
		warn = "⚠"
	}
	primary := chain[len(chain)-1]
	text := expand(format, func(key string) (string, bool) {
		switch key {
		case "profile":
			return safe(d.Profile), true
		case "chain":
			return safe(strings.Join(chain, " ← ")), true
		case "primary":
			return safe(primary), true
		case "expiry":
			return left, true
		case "region":
			return safe(d.Region), true
		case "warn":
			return warn, true
		}
		return "", false
	})
	if format == DefaultFormat {
		text = strings.Join(strings.Fields(text), " ")
	}
	text = escape(text, dialect)
	if !colour {
		return text
	}
	code := [...]string{OK: "32", Soon: "33", Expired: "31"}[state]
	return zeroWidth("\x1b["+code+"m", dialect) + text + zeroWidth("\x1b[0m", dialect)
}

// expand replaces each {key} in format by its field's value, left to right;
// an unknown {key} and the values themselves stay as they are. The prompt
// renders once a process: a strings.Replacer's trie would cost more to
// build than the one pass it makes (BENCHMARKS.md counts page faults).
func expand(format string, field func(key string) (string, bool)) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(format, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(format[open:], '}')
		if end < 0 {
			break
		}
		if v, ok := field(format[open+1 : open+end]); ok {
			b.WriteString(format[:open])
			b.WriteString(v)
			format = format[open+end+1:]
			continue
		}
		b.WriteString(format[:open+1])
		format = format[open+1:]
	}
	b.WriteString(format)
	return b.String()
}

// safe is termtext.Clean: no escape sequence in a profile name reaches
// the terminal, and no \001 confuses readline's idea of the prompt's
// width.
func safe(s string) string { return termtext.Clean(s) }

// escape protects text from the prompt expansion of dialect.
func escape(s string, dialect Dialect) string {
	if dialect == Zsh {
		return strings.ReplaceAll(s, "%", "%%")
	}
	return s
}

// zeroWidth marks a colour code as taking no room on the line.
func zeroWidth(code string, dialect Dialect) string {
	switch dialect {
	case Bash:
		return "\x01" + code + "\x02"
	case Zsh:
		return "%{" + code + "%}"
	}
	return code
}

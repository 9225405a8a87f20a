package prompt

import (
	"strings"
	"time"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/termtext"
)

// DefaultFormat shows the label of the profile's class (PROD), its chain
// (just the profile for a Primary),
// the time left on the Primary's session, a region set in the
// environment and a warning marker.
const DefaultFormat = "{label} {chain} {expiry} {env_region} {warn}"

// Fields are the {placeholders} a format may hold, with what each shows,
// for --help, the man page and the README.
var Fields = []struct{ Name, Meaning string }{
	{"profile", "the active profile"},
	// The numbers are SegmentWidth and MinChainWidth, written out: a
	// Sprintf would run at every start of awsp-prompt, which never shows
	// this (TestDocumentedWidths holds them to the constants).
	{"chain", "the chain from the profile to its Primary, dev ← identity ← sso, in what the rest of the segment leaves of 40 columns (at least 16): a long one loses the hops between (dev ←…← sso), then the Primary's whole name for its short form (…identity), then the Primary (dev ←…), last the middle of the profile's name"},
	{"chain_full", "the whole chain"},
	{"primary", "the Primary alone"},
	{"expiry", "the time left on the Primary's session: 2h05m, 45m, expired, logged out"},
	{"region", "the region of the next call: the environment's, else the profile's"},
	{"env_region", "the region set in the environment (AWS_REGION, AWS_DEFAULT_REGION), which beats the profile's: yellow when it differs from it"},
	{"label", "the label of the profile's class in awsp's config (PROD): the class's colour is the segment's, but for the time left"},
	{"warn", "⚠ (yellow) for a lint warning, or AWS_PROFILE set beside another tool's keys; ✗ (red) for a broken chain"},
}

// State is what the segment's colour says.
type State int

const (
	OK      State = iota // time left, or nothing known against it
	Soon                 // under SoonWithin left, or renews on use
	Expired              // expired, logged out, or the chain is broken
)

// Data is what a segment can show of the active profile.
type Data struct {
	Profile string
	Chain   []string // from the profile to its Primary
	// Region is the region of the next call; EnvRegion the one the
	// environment sets, ProfileRegion the profile's own.
	Region, EnvRegion, ProfileRegion string
	// Expiry of the Primary's session; zero when unknown.
	Expiry    time.Time
	LoggedOut bool
	// Refreshable: the AWS CLI renews the session by itself (a refresh
	// token), so an ended access token "renews on use".
	Refreshable bool
	// Label and Colour (an SGR code) are those of the profile's class.
	Label, Colour string
	Warn          bool // a lint warning on the chain, or AWS_PROFILE shadowed by keys
	Broken        bool // the chain does not resolve, or the profile is missing
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
	Nu    Dialect = "nu"    // returned by a closure: raw ANSI
)

// Render fills format for d as of now, coloured unless colour is false,
// escaped for dialect.
func Render(format string, d Data, now time.Time, dialect Dialect, colour bool) string {
	if d.Profile == "" {
		return ""
	}
	// The format comes from outside (AWSP_PROMPT_FORMAT, --format) like
	// any name: its controls are shown, not sent to the terminal, and a
	// newline, which would also break the lines the hooks read, shows as
	// \n. NUL, which starts the colour marks below, cannot forge one.
	format = safe(format)
	state, left := OK, ""
	switch {
	case d.Broken:
		state = Expired
	case d.LoggedOut:
		state, left = Expired, "logged out"
	case !d.Expiry.IsZero():
		left, state = Session(d.Expiry.Sub(now), d.Refreshable)
	}
	chain := d.Chain
	if len(chain) == 0 {
		chain = []string{d.Profile}
	}
	warn := ""
	switch {
	case d.Broken:
		warn = markRed + "✗" + markEnd
	case d.Warn:
		warn = markYellow + "⚠" + markEnd
	}
	envRegion := safe(d.EnvRegion)
	if envRegion != "" && d.ProfileRegion != "" && d.EnvRegion != d.ProfileRegion {
		envRegion = markYellow + envRegion + markEnd
	}
	names := make([]string, len(chain))
	for i, n := range chain {
		names[i] = safe(n)
	}
	// A class's colour is the segment's; the time left keeps the colour
	// that says how much is left.
	base := [...]string{OK: "32", Soon: "33", Expired: "31"}[state]
	if d.Colour != "" {
		base = d.Colour
		if left != "" {
			left = "\x00" + string("gyr"[state]) + left + markEnd
		}
	}
	text := expand(format, func(key string) (string, bool) {
		switch key {
		case "profile":
			return names[0], true
		case "chain":
			return markChain, true // fitted below, in what the rest leaves
		case "chain_full":
			return strings.Join(names, Hop), true
		case "primary":
			return names[len(names)-1], true
		case "expiry":
			return left, true
		case "region":
			return safe(d.Region), true
		case "env_region":
			return envRegion, true
		case "warn":
			return warn, true
		case "label":
			return safe(d.Label), true
		}
		return "", false
	})
	if format == DefaultFormat {
		text = strings.Join(strings.Fields(text), " ")
	}
	if strings.Contains(text, markChain) {
		// The label and the time left share the budget with the chain; a
		// region set in the environment and the marker come on top of
		// it, so that they never cost the profile its name.
		rest := termtext.Width(paint(strings.ReplaceAll(text, markChain, ""), nil))
		for _, extra := range []string{envRegion, warn} {
			if w := termtext.Width(paint(extra, nil)); w > 0 {
				rest -= w + 1
			}
		}
		text = strings.ReplaceAll(text, markChain, FitChain(names, max(MinChainWidth, SegmentWidth-rest)))
	}
	text = escape(text, dialect)
	if !colour {
		return paint(text, nil)
	}
	on := zeroWidth("\x1b["+base+"m", dialect)
	off := zeroWidth("\x1b[0m", dialect)
	return on + paint(text, func(mark byte) string {
		switch mark {
		case 'g':
			return zeroWidth("\x1b[32m", dialect)
		case 'y':
			return zeroWidth("\x1b[33m", dialect)
		case 'r':
			return zeroWidth("\x1b[31m", dialect)
		}
		return off + on
	}) + off
}

// The marks stand for colour codes while a segment is made: a symbol in
// the segment's own colour would not stand out of it. Names cannot hold
// them (safe escapes control characters).
const (
	markYellow = "\x00y"
	markRed    = "\x00r"
	markEnd    = "\x00e" // back to the segment's colour
	markChain  = "\x00c" // where {chain} goes, once the rest is measured
	// and "\x00g", green, for the time left in a class's colour
)

// paint replaces each mark in s by code(mark's letter), or removes it
// when code is nil.
func paint(s string, code func(mark byte) string) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, 0)
		if i < 0 || i+1 == len(s) {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		if code != nil {
			b.WriteString(code(s[i+1]))
		}
		s = s[i+2:]
	}
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

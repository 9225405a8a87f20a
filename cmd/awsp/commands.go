package main

import (
	"fmt"
	"strings"

	"github.com/awsp-dev/awsp/internal/prompt"
)

// A flagSpec is one word awsp takes on its command line: what it sets, its
// value if it takes one, what --help and completion say of it, whether
// it switches the shell (the shell function then evaluates the output),
// and whether it is hidden (spoken only by the shell files: the protocol
// is in package shell). Adding a flag is one entry here and its action.
type flagSpec struct {
	names   []string // "-l", "--list"
	value   string   // the value's name in --help, "" for none
	section string   // the --help section; "" for a hidden flag
	help    string
	// switches: the shell function hands this flag to awsp --eval and
	// evaluates what it prints (shell/awsp.*: the case of arguments).
	switches bool
	// action is the run this flag asks for ("" for an option of another).
	action action
	set    func(o *options, flag, value string) error // flag: the name as typed
}

// flags are all of awsp's flags, in --help's order.
var flags = []flagSpec{
	{names: []string{"-"}, section: "Usage", help: "back to this shell's previous profile", switches: true},
	{names: []string{"-u", "--unset"}, section: "Usage", help: "unset the profile", switches: true,
		set: func(o *options, _, _ string) error { o.unset = true; return nil }},
	{names: []string{"-r", "--region"}, value: "R", section: "Usage", help: "set AWS_REGION and AWS_DEFAULT_REGION (alone or with NAME); -r - unsets them", switches: true,
		set: func(o *options, flag, v string) error {
			if v == "" {
				return fmt.Errorf("%s needs a region, like eu-west-1", flag)
			}
			o.region = v
			return nil
		}},
	{names: []string{"--allow"}, value: "[PATH]", section: "Usage", help: "trust the nearest .awsprofile (or PATH) to switch this shell", switches: true,
		set: func(o *options, _, _ string) error { allow := true; o.allow = &allow; return nil }},
	{names: []string{"--deny"}, value: "[PATH]", section: "Usage", help: "stop trusting it", switches: true,
		set: func(o *options, _, _ string) error { allow := false; o.allow = &allow; return nil }},
	{names: []string{"--login"}, value: "[NAME]", section: "Usage", help: "log in to the Primary of NAME's chain (default: the active one) with the AWS CLI\nwhen its session is gone, then switch; also awsp login [NAME]", switches: true,
		set: func(o *options, _, _ string) error { o.login = true; return nil }},
	{names: []string{"--"}, value: "NAME", section: "Usage", help: `a profile whose name starts with "-"`, switches: true},

	{names: []string{"-l", "--list"}, section: "Reading", help: "every profile: kind, chain, region, time left", action: actList},
	{names: []string{"-s", "--show"}, value: "[NAME]", section: "Reading", help: "one profile hop by hop (default: the active one)", action: actShow},
	{names: []string{"--lint"}, value: "[DIR]", section: "Reading", help: "what would fail or surprise in the AWS files, kubeconfigs and the .awsprofile\nfiles of this repository (or of the tree DIR)", action: actLint},
	{names: []string{"-c", "--current"}, section: "Reading", help: "the active profile", action: actCurrent},
	{names: []string{"--prompt"}, section: "Reading", help: "the prompt segment (--format F, --shell bash|zsh|fish|nu|plain);\nawsp-prompt prints the same from a smaller binary, faster", action: actPrompt},

	{names: []string{"--init"}, value: "SHELL", section: "Setup", help: "the integration for bash, zsh, fish or nu (--no-prompt, --auto)", action: actInit,
		set: func(o *options, _, v string) error { o.shell = v; return nil }},
	{names: []string{"--demo"}, value: "[SHELL]", section: "Setup", help: "try awsp on a sample setup in a temporary home", action: actDemo},

	{names: []string{"--json"}, section: "Options", help: "JSON for --list, --show and --lint",
		set: func(o *options, _, _ string) error { o.json = true; return nil }},
	{names: []string{"-h", "--help"}, section: "Options", help: "this help", action: actHelp},
	{names: []string{"--version"}, section: "Options", help: "the version", action: actVersion},

	// Options of --prompt and --init, in their help lines above.
	{names: []string{"--format"}, value: "F", set: func(o *options, _, v string) error { o.format = v; return nil }},
	{names: []string{"--shell"}, value: "S", set: func(o *options, _, v string) error { o.shell = v; return nil }},
	{names: []string{"--no-prompt"}, set: func(o *options, _, _ string) error { o.noPrompt = true; return nil }},
	{names: []string{"--auto"}, set: func(o *options, _, _ string) error { o.auto = true; return nil }},
	// The shell files' own (package shell).
	{names: []string{"--eval"}, value: "SHELL", set: func(o *options, _, v string) error { o.eval, o.shell = true, v; return nil }},
	{names: []string{"--previous"}, value: "P", set: func(o *options, _, v string) error { o.previous = &v; return nil }},
	{names: []string{"--auto-state"}, value: "S", set: func(o *options, _, v string) error { o.autoState = v; return nil }},
	{names: []string{"--following"}, value: "1|0", set: func(o *options, _, v string) error { o.following = v == "1"; return nil }},
	{names: []string{"--chdir"}, set: func(o *options, _, _ string) error { o.chdir = true; return nil }},
	{names: []string{"--complete"}, action: actComplete},
	{names: []string{"--man"}, action: actMan}, // install.sh and the packages: awsp --man > awsp.1
	{names: []string{"--remember"}, action: actRemember},
	{names: []string{"--watch"}, value: "PID", set: func(o *options, _, v string) error {
		if !prompt.ValidWatchID(v) {
			return fmt.Errorf("--watch takes the shell's process ID, not %q", v)
		}
		o.watch = v
		return nil
	}},
}

// takesValue: the value is the next argument; else an optional value
// ([PATH]) is a name of its own.
func (f flagSpec) takesValue() bool {
	return f.value != "" && !strings.HasPrefix(f.value, "[") && f.names[0] != "--"
}

// lookupFlag finds the flag named arg.
func lookupFlag(arg string) (flagSpec, bool) {
	for _, f := range flags {
		for _, n := range f.names {
			if n == arg {
				return f, true
			}
		}
	}
	return flagSpec{}, false
}

// usageText is awsp --help, made from the table.
func usageText() string {
	var b strings.Builder
	b.WriteString("awsp: switch AWS profiles and see the identity the next call will use\n")
	sections := []struct{ name, title string }{
		{"Usage", "Usage (switching needs the shell integration, see --init):"},
		{"Reading", "Reading:"},
		{"Setup", "Setup:"},
		{"Options", "Options:"},
	}
	for _, s := range sections {
		fmt.Fprintf(&b, "\n%s\n", s.title)
		for _, e := range helpEntries(s.name) {
			helpLine(&b, e[0], e[1])
		}
	}
	b.WriteString("\nSymbols:\n")
	for _, sym := range symbols {
		helpLine(&b, sym.mark, sym.meaning)
	}
	var codes []string
	for _, e := range exitCodes {
		codes = append(codes, fmt.Sprintf("%d %s", e.code, e.short))
	}
	fmt.Fprintf(&b, "\nExit status: %s.\nColour only on a terminal, never with NO_COLOR set.\n", strings.Join(codes, ", "))
	return b.String()
}

// symbols are what awsp's marks mean wherever they show: --help, the man
// page and the README explain each (TestSymbolsAreExplained).
var symbols = []struct{ mark, meaning string }{
	{"←", "from a profile to its source: dev ← identity ← sso"},
	{"←…←", "the hops between left out to fit: the profile, then its Primary; name ←… the whole chain after it"},
	{"…", "a name cut to fit"},
	{"↻", "the AWS CLI renews this session by itself (refresh token); \"renews on use\": at the next call"},
	{"⚠", "a warning, in yellow (awsp --lint explains); in the prompt also AWS_PROFILE beside another tool's keys"},
	{"✗", "a broken chain, in red: every call with the profile fails"},
	{"*", "the active profile (-l, the picker)"},
	{">", "the profile the current directory's .awsprofile asks for"},
	{"▸", "the picker's cursor"},
}

// helpEntries are the words and help of each entry of one section of
// --help (and of the man page), from the table.
func helpEntries(section string) [][2]string {
	var out [][2]string
	if section == "Usage" {
		out = append(out, [2]string{"awsp NAME", "switch this shell to profile NAME"})
	}
	for _, f := range flags {
		if f.section != section {
			continue
		}
		words := strings.Join(f.names, ", ")
		if f.value != "" {
			words += " " + f.value
		}
		if section != "Options" {
			words = "awsp " + words
		}
		out = append(out, [2]string{words, f.help})
		if f.names[0] == "-" {
			out = append(out, [2]string{"awsp", "pick a profile (on a terminal; else list the names)"})
		}
	}
	return out
}

// helpLine writes one entry of --help: the words, then the help aligned,
// its further lines indented under it.
func helpLine(b *strings.Builder, words, help string) {
	for i, line := range strings.Split(help, "\n") {
		if i > 0 {
			words = ""
		}
		fmt.Fprintf(b, "  %-22s %s\n", words, line)
	}
}

// completedFlags are the flags completion offers, with what it says of
// each: the long name of every flag --help shows.
func completedFlags() [][2]string {
	var out [][2]string
	for _, f := range flags {
		if f.section == "" || f.names[0] == "-" || f.names[0] == "--" {
			continue
		}
		help, _, _ := strings.Cut(f.help, " (")
		help, _, _ = strings.Cut(help, "\n")
		out = append(out, [2]string{f.names[len(f.names)-1], help})
	}
	return out
}

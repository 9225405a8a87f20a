// Package cli is awsp's command line: the table of flags (Flags), its
// parser (Parse), and what is made from the table: --help (Usage), the
// man page (Man), the flags completion offers, the exit codes. The
// commands themselves are cmd/awsp's.
package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/termtext"
	"github.com/awsp-dev/awsp/internal/view"
)

// A Flag is one word awsp takes on its command line: what it sets, its
// value if it takes one, what --help and completion say of it, whether
// it switches the shell (the shell function then evaluates the output),
// and whether it is hidden (spoken only by the shell files: the protocol
// is in package shell). Adding a flag is one entry here and its action.
type Flag struct {
	names   []string // "-l", "--list"
	value   string   // the value's name in --help, "" for none
	section string   // the --help section; "" for a hidden flag
	help    string
	// switches: the shell function hands this flag to awsp --eval and
	// evaluates what it prints (shell/awsp.*: the case of arguments).
	switches bool
	// Action is the run this flag asks for ("" for an option of another).
	Action Action
	set    func(o *Options, flag, value string) error // flag: the name as typed
	// shellOnly: a flag only the shell files pass, never a person
	// (Options.Typed leaves it out).
	shellOnly bool
	// word: a command named by a word, not a flag (awsp console); only
	// as the first argument, and `awsp -- console` is the profile.
	word bool
}

// Flags are all of awsp's flags, in --help's order; the options of
// --prompt are prompt.Flags, which awsp-prompt parses too.
var Flags = append([]Flag{
	{names: []string{"-"}, section: "Usage", help: "back to this shell's previous profile", switches: true},
	{names: []string{"-u", "--unset"}, section: "Usage", help: "unset the profile", switches: true,
		set: func(o *Options, _, _ string) error { o.Unset = true; return nil }},
	{names: []string{"-r", "--region"}, value: "R", section: "Usage", help: "set AWS_REGION and AWS_DEFAULT_REGION (alone or with NAME); -r - unsets them", switches: true,
		set: func(o *Options, flag, v string) error {
			if v == "" {
				return fmt.Errorf("%s needs a region, like eu-west-1", flag)
			}
			o.Region = v
			return nil
		}},
	{names: []string{"--allow"}, value: "[PATH]", section: "Usage", help: "trust the nearest .awsprofile (or PATH) to switch this shell", switches: true,
		set: func(o *Options, _, _ string) error { allow := true; o.Allow = &allow; return nil }},
	{names: []string{"--deny"}, value: "[PATH]", section: "Usage", help: "stop trusting the nearest .awsprofile (or PATH)", switches: true,
		set: func(o *Options, _, _ string) error { allow := false; o.Allow = &allow; return nil }},
	{names: []string{"--login"}, value: "[NAME]", section: "Usage", help: "log in to the Primary of NAME's chain (default: the active one) with the AWS CLI\nwhen its session is gone, then switch; also awsp login [NAME]", switches: true,
		set: func(o *Options, _, _ string) error { o.Login = true; return nil }},
	{names: []string{"--"}, value: "NAME", section: "Usage", help: `a profile whose name starts with "-"`, switches: true},

	{names: []string{"-l", "--list"}, section: "Reading", help: "every profile: kind, chain, region, time left", Action: ActList},
	{names: []string{"-s", "--show"}, value: "[NAME]", section: "Reading", help: "one profile hop by hop (default: the active one)", Action: ActShow},
	{names: []string{"--lint"}, value: "[DIR|FILE...]", section: "Reading", help: "what would fail or surprise in the AWS files and kubeconfigs,\nand the .awsprofile files of this repository (or of the tree DIR);\nFILE...: those config files alone (a repository's); --fix, --format", Action: ActLint},
	{names: []string{"-c", "--current"}, section: "Reading", help: "the active profile", Action: ActCurrent},
	{names: []string{"--prompt"}, section: "Reading", help: "the prompt segment (--format F, --shell bash|zsh|fish|nu|plain);\nawsp-prompt prints the same from a smaller binary, faster", Action: ActPrompt},

	{names: []string{"console"}, value: "[NAME]", section: "Acting", word: true, Action: ActConsole,
		help: "open the AWS console as NAME (default: the active one) in the\nbrowser ($BROWSER, open or xdg-open, run by the shell function)"},
	{names: []string{"exec"}, value: "NAME CMD...", section: "Acting", word: true, Action: ActExec,
		help: "run one command as NAME, set as a switch sets it (-r R too),\nthis shell left as it is; exits with the command's status"},
	{names: []string{"sso"}, value: "sync", section: "Acting", word: true, Action: ActSSO,
		help: "a profile for each account and role IAM Identity Center grants,\nkept in one block per sso-session of ~/.aws/config: a diff, then asks\n(connects to the portal, by awsp-net; -r R: their region)"},

	{names: []string{"--init"}, value: "SHELL", section: "Setup", help: "the integration for bash, zsh, fish or nu (--no-prompt, --auto)", Action: ActInit,
		set: func(o *Options, _, v string) error { o.Shell = v; return nil }},
	{names: []string{"--demo"}, value: "[SHELL]", section: "Setup", help: "try awsp on a sample setup in a temporary home", Action: ActDemo},

	{names: []string{"--service"}, value: "S", section: "Options", help: "awsp console: the page of service S (ec2, s3), in -r R",
		set: func(o *Options, flag, v string) error { o.Service = v; return nil }},
	{names: []string{"--url"}, section: "Options", help: "awsp console: print the address instead of opening it",
		set: func(o *Options, _, _ string) error { o.URL = true; return nil }},
	{names: []string{"--federate"}, section: "Options", help: "awsp console: sign in with the session's credentials, exchanged\nat AWS's federation endpoint: a connection, only under this flag,\nby awsp's helper awsp-net (the other: awsp sso sync)",
		set: func(o *Options, _, _ string) error { o.Federate = true; return nil }},
	{names: []string{"--sso-session"}, value: "NAME", section: "Options", help: "awsp sso sync: that sso-session alone",
		set: func(o *Options, _, v string) error { o.SSOSession = v; return nil }},
	{names: []string{"--template"}, value: "T", section: "Options", help: "awsp sso sync: the profiles' names, of {account_name}, {account_id},\n{role_name}, {session} (default {account_name}-{role_name})",
		set: func(o *Options, _, v string) error { o.Template = v; return nil }},
	{names: []string{"--prune"}, section: "Options", help: "awsp sso sync: remove what the portal no longer grants",
		set: func(o *Options, _, _ string) error { o.Prune = true; return nil }},
	{names: []string{"--dry-run"}, section: "Options", help: "awsp sso sync: show the diff, write nothing",
		set: func(o *Options, _, _ string) error { o.DryRun = true; return nil }},
	{names: []string{"--fix"}, section: "Options", help: "--lint: the safe fixes of its findings, as a diff (man awsp: FIXES)",
		set: func(o *Options, _, _ string) error { o.Fix = true; return nil }},
	{names: []string{"--write"}, section: "Options", help: "awsp sso sync: write without asking; --lint --fix: write the fixes\n(a backup beside each file)",
		set: func(o *Options, _, _ string) error { o.Write = true; return nil }},
	{names: []string{"--json"}, section: "Options", help: "JSON for --list, --show and --lint (--lint --format: text, json,\nsarif for code scanning, github for workflow annotations)",
		set: func(o *Options, _, _ string) error { o.JSON = true; return nil }},
	{names: []string{"-h", "--help"}, section: "Options", help: "this help", Action: ActHelp},
	{names: []string{"--version"}, section: "Options", help: "the version", Action: ActVersion},

	// Options of --prompt and --init, in their help lines above.
	{names: []string{"--no-prompt"}, set: func(o *Options, _, _ string) error { o.NoPrompt = true; return nil }},
	{names: []string{"--auto"}, set: func(o *Options, _, _ string) error { o.Auto = true; return nil }},
	// The shell files' own (package shell).
	{names: []string{"--eval"}, value: "SHELL", shellOnly: true, set: func(o *Options, _, v string) error { o.Eval, o.Shell = true, v; return nil }},
	{names: []string{"--protocol"}, value: "N", shellOnly: true, set: func(o *Options, _, v string) error { o.Protocol, _ = strconv.Atoi(v); return nil }},
	{names: []string{"--previous"}, value: "P", shellOnly: true, set: func(o *Options, _, v string) error { o.Previous = &v; return nil }},
	{names: []string{"--auto-state"}, value: "S", shellOnly: true, set: func(o *Options, _, v string) error { o.AutoState = v; return nil }},
	{names: []string{"--following"}, value: "1|0", shellOnly: true, set: func(o *Options, _, v string) error { o.Following = v == "1"; return nil }},
	{names: []string{"--chdir"}, shellOnly: true, set: func(o *Options, _, _ string) error { o.Chdir = true; return nil }},
	{names: []string{"--complete"}, Action: ActComplete},
	{names: []string{"--man"}, Action: ActMan}, // install.sh and the packages: awsp --man > awsp.1
	{names: []string{"--remember"}, Action: ActRemember},
}, promptFlags()...)

// promptFlags are the options of --prompt, from prompt.Flags.
func promptFlags() []Flag {
	var out []Flag
	for _, f := range prompt.Flags {
		set := f.Set
		out = append(out, Flag{names: []string{f.Name}, value: f.Value, set: func(o *Options, _, v string) error { return set(&o.Prompt, v) }})
	}
	return out
}

// takesValue: the value is the next argument; else an optional value
// ([PATH]) is a name of its own.
func (f Flag) takesValue() bool {
	return f.value != "" && !strings.HasPrefix(f.value, "[") && f.names[0] != "--"
}

// lookupFlag finds the flag (or the word, for word) named arg.
func lookupFlag(arg string, word bool) (Flag, bool) {
	for _, f := range Flags {
		for _, n := range f.names {
			if n == arg && f.word == word {
				return f, true
			}
		}
	}
	return Flag{}, false
}

// Usage is awsp --help, made from the table.
func Usage() string {
	var b strings.Builder
	b.WriteString("awsp: switch AWS profiles and see the identity the next call will use\n")
	sections := []struct{ name, title string }{
		{"Usage", "Usage (switching needs the shell integration, see --init):"},
		{"Reading", "Reading:"},
		{"Acting", "Acting as a profile (the shell integration runs what they need):"},
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
	for _, sym := range Symbols {
		helpLine(&b, sym.mark, sym.meaning)
	}
	var codes []string
	for _, e := range ExitCodes {
		codes = append(codes, fmt.Sprintf("%d %s", e.code, e.short))
	}
	fmt.Fprintf(&b, "\nExit status: %s.\n", strings.Join(codes, ", "))
	for _, line := range termtext.Wrap(view.ColourRule, 78) {
		b.WriteString(line + "\n")
	}
	return b.String()
}

// Symbols are what awsp's marks mean wherever they show: --help, the man
// page and the README explain each (TestSymbolsAreExplained).
var Symbols = []struct{ mark, meaning string }{
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
	for _, f := range Flags {
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

// CompletedFlags are the flags completion offers, with what it says of
// each: the long name of every flag --help shows.
func CompletedFlags() [][2]string {
	var out [][2]string
	for _, f := range Flags {
		if f.section == "" || f.word || f.names[0] == "-" || f.names[0] == "--" {
			continue
		}
		out = append(out, [2]string{f.names[len(f.names)-1], f.short()})
	}
	return out
}

// short is what completion says of a flag: its help's first clause.
func (f Flag) short() string {
	help, _, _ := strings.Cut(f.help, " (")
	help, _, _ = strings.Cut(help, "\n")
	return strings.TrimRight(help, ",;: ")
}

// CompletedWords are the words of awsp's commands (awsp console, awsp
// exec), with what completion says of each, offered as the first word.
func CompletedWords() [][2]string {
	var out [][2]string
	for _, f := range Flags {
		if f.word {
			out = append(out, [2]string{f.names[0], f.short()})
		}
	}
	return out
}

// Exit codes, documented in the README, --help and the man page.
const (
	ExitOK       = 0
	ExitFindings = 1
	ExitUsage    = 2
)

// ExitCodes say what each code means: short for --help, whole for the man
// page.
var ExitCodes = []struct {
	code           int
	short, meaning string
}{
	{ExitOK, "ok", "done; the lint found nothing"},
	{ExitFindings, "lint findings or profile not found", "the lint found something, the chain asked for is broken, or a profile was not found"},
	{ExitUsage, "usage or unreadable file", "bad arguments, a file that cannot be read (or, for --lint --fix --write, written), or awsp login without the AWS CLI"},
}

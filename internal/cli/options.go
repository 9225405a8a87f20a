package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/awsp-dev/awsp/internal/prompt"
)

// Action is what one run of awsp does.
type Action string

const (
	ActSwitch   Action = "switch" // awsp NAME, -, -u, -r: shell code for the function to evaluate
	ActList     Action = "list"
	ActShow     Action = "show"
	ActLint     Action = "lint"
	ActCurrent  Action = "current"
	ActInit     Action = "init"
	ActPrompt   Action = "prompt"
	ActComplete Action = "complete"
	ActDemo     Action = "demo"
	ActHelp     Action = "help"
	ActVersion  Action = "version"
	ActMan      Action = "man"
	// ActRemember keeps a profile as the sticky one: the shell code of
	// a switch that waited for a login runs it once the login succeeded.
	ActRemember Action = "remember"
	ActConsole  Action = "console" // awsp console: the console's address, for the shell to open
	ActExec     Action = "exec"    // awsp exec: shell code that runs one command as a profile
	ActSSO      Action = "sso"     // awsp sso sync: shell code that runs awsp-net's sync
)

type Options struct {
	Action Action
	JSON   bool
	Names  []string // profile names, in order

	Shell    string // --init SHELL, --eval SHELL (the function's own call), --prompt --shell
	Eval     bool   // called by the shell function: print shell code
	Protocol int    // --protocol: the shell files' (shell.Protocol); 0 when not said
	// Typed are the arguments as the person typed them to the shell
	// function, without the flags the function adds (shellOnly).
	Typed    []string
	Previous *string
	Unset    bool
	Region   string
	NoPrompt bool
	Prompt   prompt.Options // --prompt --format, --shell, --watch

	Auto      bool   // --init --auto: follow .awsprofile files
	Chdir     bool   // the directory hook (from the shell function)
	Following bool   // the shell function's: its shell follows .awsprofile files (--init --auto)
	Allow     *bool  // --allow (true) or --deny (false) the nearest .awsprofile
	AutoState string // the shell's remembered directory state
	// login: log in to the chain's Primary, then switch (--login, or the
	// word login, loginWord, which a profile named login may also mean).
	Login, LoginWord bool

	// awsp console: the page (Service, in Region), printed (URL) or
	// signed in to with the session's credentials (Federate).
	Service       string
	URL, Federate bool
	// Command is awsp exec's command and its arguments.
	Command []string

	// awsp sso sync: the sso-session (all when ""), the names' template,
	// and whether to prune, only show (DryRun) or write without asking.
	SSOSession, Template string
	Prune, DryRun, Write bool

	// --lint: the fixes' diff (written with Write), and the findings'
	// format (LintFormats; --format, which is the prompt's otherwise).
	Fix    bool
	Format string
}

// LintFormats are the formats of --lint --format.
var LintFormats = []string{"text", "json", "sarif", "github"}

// Parse reads the command line with the table of flags: every
// argument that is not a flag is a profile name, and "--" makes every
// later one a name, for names that start with "-". A word of the table
// (console, exec) first is a command; after awsp exec NAME the rest,
// after an optional "--", is the command to run.
func Parse(args []string) (Options, error) {
	var o Options
	dashdash := false
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if o.Action == ActExec && len(o.Names) == 1 && (arg == "--" || !strings.HasPrefix(arg, "-")) {
			// awsp exec NAME [--] COMMAND...: the rest is the command's.
			o.Typed = append(o.Typed, args[i:]...)
			if arg == "--" {
				i++
			}
			o.Command = args[i:]
			break
		}
		if o.Action == ActExec && len(o.Names) == 0 && arg == "--" && i+1 < len(args) {
			i++ // awsp exec -- -name -- COMMAND
			o.Names = append(o.Names, args[i])
			o.Typed = append(o.Typed, arg, args[i])
			continue
		}
		if arg == "--" {
			if len(o.Names) == 0 && i+1 < len(args) {
				dashdash = true // awsp -- login: the profile
			}
			o.Names = append(o.Names, args[i+1:]...)
			o.Typed = append(o.Typed, args[i:]...)
			break
		}
		// sso is a command only before sync: a Primary named sso is
		// common, and awsp sso switches to it.
		if f, ok := lookupFlag(arg, true); ok && len(o.Typed) == 0 && o.Action == "" && (f.Action != ActSSO || i+1 < len(args) && args[i+1] == "sync") {
			o.Action = f.Action
			o.Typed = append(o.Typed, arg)
			continue
		}
		if arg == "-" || !strings.HasPrefix(arg, "-") {
			o.Names = append(o.Names, arg)
			o.Typed = append(o.Typed, arg)
			continue
		}
		f, ok := lookupFlag(arg, false)
		if !ok {
			return o, fmt.Errorf("unknown option %s", arg)
		}
		if !f.shellOnly {
			o.Typed = append(o.Typed, arg)
			if f.takesValue() && i+1 < len(args) {
				o.Typed = append(o.Typed, args[i+1])
			}
		}
		if f.Action != "" {
			if o.Action != "" && o.Action != f.Action {
				return o, fmt.Errorf("%s cannot be combined with --%s", arg, o.Action)
			}
			o.Action = f.Action
		}
		var value string
		if f.takesValue() {
			if i+1 >= len(args) {
				return o, fmt.Errorf("%s needs a value", arg)
			}
			i++
			value = args[i]
		}
		if f.set != nil {
			if err := f.set(&o, arg, value); err != nil {
				return o, err
			}
		}
	}
	if o.Action == "" {
		o.Action = ActSwitch
	}
	if o.Action == ActLint {
		o.Format, o.Prompt.Format = o.Prompt.Format, ""
		if o.JSON && o.Format == "" {
			o.Format = "json"
		}
	}
	if o.Action == ActSwitch && !o.Login && !dashdash && len(o.Names) > 0 && o.Names[0] == "login" {
		o.Login, o.LoginWord, o.Names = true, true, o.Names[1:]
	}
	return o, o.check()
}

// check rejects combinations that mean nothing.
func (o Options) check() error {
	switch o.Action {
	case ActLint:
		if o.Format != "" && !slices.Contains(LintFormats, o.Format) {
			return fmt.Errorf("--lint --format is one of %s, not %q", strings.Join(LintFormats, ", "), o.Format)
		}
		if o.JSON && o.Format != "json" {
			return fmt.Errorf("--json is --format json")
		}
		if o.Fix && o.Format != "" && o.Format != "text" {
			return fmt.Errorf("--fix prints a diff: the findings' fixes are in --format json and sarif")
		}
		if o.Write && !o.Fix {
			return fmt.Errorf("--lint --write goes with --fix")
		}
	case ActList, ActCurrent, ActHelp, ActVersion, ActPrompt, ActInit:
		if len(o.Names) > 0 {
			return fmt.Errorf("--%s takes no profile name", o.Action)
		}
	case ActRemember:
		if len(o.Names) != 1 {
			return fmt.Errorf("--remember takes one profile name")
		}
	case ActShow, ActSwitch, ActDemo, ActConsole:
		if len(o.Names) > 1 {
			return fmt.Errorf("one profile at a time, not %d", len(o.Names))
		}
	case ActSSO:
		if len(o.Names) != 1 {
			return fmt.Errorf("awsp sso sync takes no profile name")
		}
	case ActExec:
		if len(o.Names) != 1 || len(o.Command) == 0 {
			return fmt.Errorf("awsp exec takes a profile and a command: awsp exec NAME -- COMMAND [ARGS...]")
		}
	}
	if (o.Service != "" || o.URL || o.Federate) && o.Action != ActConsole {
		return fmt.Errorf("--service, --url and --federate go with awsp console")
	}
	if (o.SSOSession != "" || o.Template != "" || o.Prune || o.DryRun || o.Write && o.Action != ActLint) && o.Action != ActSSO {
		return fmt.Errorf("--sso-session, --template, --prune, --dry-run and --write go with awsp sso sync (--write also with --lint --fix)")
	}
	if o.Fix && o.Action != ActLint {
		return fmt.Errorf("--fix goes with --lint")
	}
	if o.DryRun && o.Write {
		return fmt.Errorf("--dry-run and --write: one or the other")
	}
	if o.JSON && o.Action != ActList && o.Action != ActShow && o.Action != ActLint {
		return fmt.Errorf("--json goes with --list, --show or --lint")
	}
	if o.Unset && o.Action != ActSwitch || o.Region != "" && o.Action != ActSwitch && o.Action != ActConsole && o.Action != ActExec && o.Action != ActSSO {
		return fmt.Errorf("--unset and --region switch the shell; they go alone (--region also with awsp console, exec and sso sync)")
	}
	if o.Login && (o.Unset || o.Allow != nil || o.Chdir) {
		return fmt.Errorf("awsp login takes a profile name, and at most -r REGION")
	}
	if o.Unset && (len(o.Names) > 0 || o.Region != "") {
		return fmt.Errorf("--unset takes no profile or region")
	}
	if (o.NoPrompt || o.Auto) && o.Action != ActInit {
		return fmt.Errorf("--no-prompt and --auto go with --init")
	}
	if (o.Chdir || o.Allow != nil) && (o.Action != ActSwitch || o.Unset || o.Region != "" || len(o.Names) > 1) {
		return fmt.Errorf("--allow and --deny take at most a file or directory")
	}
	if o.Prompt != (prompt.Options{}) && o.Action != ActPrompt {
		return fmt.Errorf("--format, --shell and --watch go with --prompt")
	}
	return nil
}

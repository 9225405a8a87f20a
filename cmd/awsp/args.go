package main

import (
	"fmt"
	"strings"

	"github.com/awsp-dev/awsp/internal/prompt"
)

// action is what one run of awsp does.
type action string

const (
	actSwitch   action = "switch" // awsp NAME, -, -u, -r: shell code for the function to evaluate
	actList     action = "list"
	actShow     action = "show"
	actLint     action = "lint"
	actCurrent  action = "current"
	actInit     action = "init"
	actPrompt   action = "prompt"
	actComplete action = "complete"
	actDemo     action = "demo"
	actHelp     action = "help"
	actVersion  action = "version"
)

type options struct {
	action action
	json   bool
	names  []string // profile names, in order

	shell    string // --init SHELL, --eval SHELL (the function's own call), --prompt --shell
	eval     bool   // called by the shell function: print shell code
	previous *string
	unset    bool
	region   string
	noPrompt bool
	format   string
	watch    string // --prompt --watch PID: the shell integration's form

	auto      bool   // --init --auto: follow .awsprofile files
	chdir     bool   // the directory hook (from the shell function)
	allow     *bool  // --allow (true) or --deny (false) the nearest .awsprofile
	autoState string // the shell's remembered directory state
}

// flagActions maps each action flag to its action.
var flagActions = map[string]action{
	"-l": actList, "--list": actList,
	"-s": actShow, "--show": actShow,
	"--lint": actLint,
	"-c":     actCurrent, "--current": actCurrent,
	"--init":     actInit,
	"--prompt":   actPrompt,
	"--complete": actComplete,
	"--demo":     actDemo,
	"-h":         actHelp, "--help": actHelp,
	"--version": actVersion,
}

// parseArgs reads the command line: every argument that is not a flag is a
// profile name, and "--" makes every later one a name, for names that
// start with "-".
func parseArgs(args []string) (options, error) {
	var o options
	setAction := func(a action, flag string) error {
		if o.action != "" && o.action != a {
			return fmt.Errorf("%s cannot be combined with --%s", flag, o.action)
		}
		o.action = a
		return nil
	}
	value := func(i *int, flag string) (string, error) {
		if *i+1 >= len(args) {
			return "", fmt.Errorf("%s needs a value", flag)
		}
		*i++
		return args[*i], nil
	}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			o.names = append(o.names, args[i+1:]...)
			break
		}
		if a, ok := flagActions[arg]; ok {
			if err := setAction(a, arg); err != nil {
				return o, err
			}
			if a == actInit {
				v, err := value(&i, arg)
				if err != nil {
					return o, err
				}
				o.shell = v
			}
			continue
		}
		var err error
		switch arg {
		case "--json":
			o.json = true
		case "-u", "--unset":
			o.unset = true
		case "--no-prompt":
			o.noPrompt = true
		case "--auto":
			o.auto = true
		case "--chdir":
			o.chdir = true
		case "--allow", "--deny":
			allow := arg == "--allow"
			o.allow = &allow
		case "--auto-state":
			o.autoState, err = value(&i, arg)
		case "-r", "--region":
			o.region, err = value(&i, arg)
			if err == nil && o.region == "" {
				err = fmt.Errorf("%s needs a region, like eu-west-1", arg)
			}
		case "--format":
			o.format, err = value(&i, arg)
		case "--watch":
			if o.watch, err = value(&i, arg); err == nil && !prompt.ValidWatchID(o.watch) {
				err = fmt.Errorf("--watch takes the shell's process ID, not %q", o.watch)
			}
		case "--shell":
			o.shell, err = value(&i, arg)
		case "--eval":
			o.eval = true
			o.shell, err = value(&i, arg)
		case "--previous":
			var p string
			p, err = value(&i, arg)
			o.previous = &p
		default:
			if strings.HasPrefix(arg, "-") && arg != "-" {
				return o, fmt.Errorf("unknown option %s", arg)
			}
			o.names = append(o.names, arg)
		}
		if err != nil {
			return o, err
		}
	}
	if o.action == "" {
		o.action = actSwitch
	}
	return o, o.check()
}

// check rejects combinations that mean nothing.
func (o options) check() error {
	switch o.action {
	case actList, actLint, actCurrent, actHelp, actVersion, actPrompt, actInit:
		if len(o.names) > 0 {
			return fmt.Errorf("--%s takes no profile name", o.action)
		}
	case actShow, actSwitch, actDemo:
		if len(o.names) > 1 {
			return fmt.Errorf("one profile at a time, not %d", len(o.names))
		}
	}
	if o.json && o.action != actList && o.action != actShow && o.action != actLint {
		return fmt.Errorf("--json goes with --list, --show or --lint")
	}
	if (o.unset || o.region != "") && o.action != actSwitch {
		return fmt.Errorf("--unset and --region switch the shell; they go alone")
	}
	if o.unset && (len(o.names) > 0 || o.region != "") {
		return fmt.Errorf("--unset takes no profile or region")
	}
	if (o.noPrompt || o.auto) && o.action != actInit {
		return fmt.Errorf("--no-prompt and --auto go with --init")
	}
	if (o.chdir || o.allow != nil) && (o.action != actSwitch || o.unset || o.region != "" || len(o.names) > 1) {
		return fmt.Errorf("--allow and --deny take at most a file or directory")
	}
	if (o.format != "" || o.watch != "") && o.action != actPrompt {
		return fmt.Errorf("--format and --watch go with --prompt")
	}
	return nil
}

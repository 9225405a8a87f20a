package main

import (
	"fmt"
	"strings"
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
	actMan      action = "man"
	// actRemember keeps a profile as the sticky one: the shell code of
	// a switch that waited for a login runs it once the login succeeded.
	actRemember action = "remember"
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
	following bool   // the shell function's: its shell follows .awsprofile files (--init --auto)
	allow     *bool  // --allow (true) or --deny (false) the nearest .awsprofile
	autoState string // the shell's remembered directory state
	// login: log in to the chain's Primary, then switch (--login, or the
	// word login, loginWord, which a profile named login may also mean).
	login, loginWord bool
}

// parseArgs reads the command line with the table of flags: every
// argument that is not a flag is a profile name, and "--" makes every
// later one a name, for names that start with "-".
func parseArgs(args []string) (options, error) {
	var o options
	dashdash := false
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			if len(o.names) == 0 && i+1 < len(args) {
				dashdash = true // awsp -- login: the profile
			}
			o.names = append(o.names, args[i+1:]...)
			break
		}
		if arg == "-" || !strings.HasPrefix(arg, "-") {
			o.names = append(o.names, arg)
			continue
		}
		f, ok := lookupFlag(arg)
		if !ok {
			return o, fmt.Errorf("unknown option %s", arg)
		}
		if f.action != "" {
			if o.action != "" && o.action != f.action {
				return o, fmt.Errorf("%s cannot be combined with --%s", arg, o.action)
			}
			o.action = f.action
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
	if o.action == "" {
		o.action = actSwitch
	}
	if o.action == actSwitch && !o.login && !dashdash && len(o.names) > 0 && o.names[0] == "login" {
		o.login, o.loginWord, o.names = true, true, o.names[1:]
	}
	return o, o.check()
}

// check rejects combinations that mean nothing.
func (o options) check() error {
	switch o.action {
	case actLint:
		if len(o.names) > 1 {
			return fmt.Errorf("--lint takes at most one directory")
		}
	case actList, actCurrent, actHelp, actVersion, actPrompt, actInit:
		if len(o.names) > 0 {
			return fmt.Errorf("--%s takes no profile name", o.action)
		}
	case actRemember:
		if len(o.names) != 1 {
			return fmt.Errorf("--remember takes one profile name")
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
	if o.login && (o.unset || o.allow != nil || o.chdir) {
		return fmt.Errorf("awsp login takes a profile name, and at most -r REGION")
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

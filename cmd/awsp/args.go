package main

import (
	"fmt"
	"strings"
)

// action is what one run of awsp does.
type action string

const (
	actSwitch  action = "switch" // awsp NAME: only through the shell function
	actList    action = "list"
	actShow    action = "show"
	actLint    action = "lint"
	actCurrent action = "current"
	actHelp    action = "help"
	actVersion action = "version"
)

type options struct {
	action action
	json   bool
	names  []string // profile names, in order
}

// flagActions maps each action flag to its action.
var flagActions = map[string]action{
	"-l": actList, "--list": actList,
	"-s": actShow, "--show": actShow,
	"--lint":    actLint,
	"-c":        actCurrent,
	"--current": actCurrent,
	"-h":        actHelp, "--help": actHelp,
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
			continue
		}
		switch {
		case arg == "--json":
			o.json = true
		case strings.HasPrefix(arg, "-") && arg != "-":
			return o, fmt.Errorf("unknown option %s", arg)
		default:
			o.names = append(o.names, arg)
		}
	}
	if o.action == "" {
		o.action = actSwitch
	}
	switch o.action {
	case actList, actLint, actCurrent, actHelp, actVersion:
		if len(o.names) > 0 {
			return o, fmt.Errorf("--%s takes no profile name", o.action)
		}
	case actShow, actSwitch:
		if len(o.names) > 1 {
			return o, fmt.Errorf("one profile at a time, not %d", len(o.names))
		}
	}
	if o.json && o.action != actList && o.action != actShow && o.action != actLint {
		return o, fmt.Errorf("--json goes with --list, --show or --lint")
	}
	return o, nil
}

package shellcode

import (
	"encoding/json"
	"strings"
)

// Code accumulates statements for one shell to evaluate. Variable names are
// awsp's own constants; every value is quoted.
type Code struct {
	sh Shell
	b  strings.Builder
	nu nuCode
}

// New starts code for sh.
func New(sh Shell) *Code { return &Code{sh: sh} }

// Shell is the shell the code is for.
func (c *Code) Shell() Shell { return c.sh }

// Export sets an environment variable.
func (c *Code) Export(name, value string) {
	switch c.sh {
	case Nu:
		c.nu.setEnv(name, &value)
	case Fish:
		c.line("set -gx " + name + " " + Quote(c.sh, value))
	default:
		c.line("export " + name + "=" + Quote(c.sh, value))
	}
}

// Unset removes a variable.
func (c *Code) Unset(name string) {
	switch c.sh {
	case Nu:
		c.nu.setEnv(name, nil)
	case Fish:
		c.line("set -e " + name)
	default:
		c.line("unset " + name)
	}
}

// Set sets a shell variable that is not exported.
func (c *Code) Set(name, value string) {
	switch c.sh {
	case Nu:
		c.nu.keep(name, value)
	case Fish:
		c.line("set -g " + name + " " + Quote(c.sh, value))
	default:
		c.line(name + "=" + Quote(c.sh, value))
	}
}

func (c *Code) line(s string) {
	c.b.WriteString(s)
	c.b.WriteByte('\n')
}

// String is the code to evaluate: for nushell, the JSON document.
func (c *Code) String() string {
	if c.sh == Nu {
		return c.nu.String()
	}
	return c.b.String()
}

// InitLine is the code as a line of awsp --init: the code itself, or for
// nushell the document handed to the function that applies it.
func (c *Code) InitLine() string {
	if c.sh == Nu {
		return "__awsp_apply (" + Quote(Nu, strings.TrimSuffix(c.nu.String(), "\n")) + " | from json)\n"
	}
	return c.String()
}

// IfAWS makes the statements up to End run only when the AWS CLI, which
// the shell runs first with args (after "aws"), succeeds; when it fails
// the code's status is 1. awsp never runs a program itself: this is the
// one command it hands a shell, and only ever the AWS CLI (`aws sso
// login`, `aws login`), never a program named in a file. For nushell the
// whole document waits for the AWS CLI: IfAWS comes before any statement.
func (c *Code) IfAWS(args ...string) {
	if c.sh == Nu {
		c.nu.AWS = args
		return
	}
	words := make([]string, len(args))
	for i, a := range args {
		words[i] = Quote(c.sh, a)
	}
	if c.sh == Fish {
		c.line("if command aws " + strings.Join(words, " "))
	} else {
		c.line("if \\command aws " + strings.Join(words, " ") + "; then")
	}
}

// Remember keeps name as the sticky profile by running awsp --remember,
// inside IfAWS: only once the login the switch waits for has succeeded.
func (c *Code) Remember(name string) {
	switch c.sh {
	case Nu:
		c.nu.Remember = name
	case Fish:
		c.line("command awsp --remember -- " + Quote(c.sh, name))
	default:
		c.line("\\command awsp --remember -- " + Quote(c.sh, name))
	}
}

// Reinit loads into the shell the init of the awsp on its PATH, with the
// flags its own init had (the shell keeps them in __awsp_show_prompt and
// __awsp_auto): for a shell whose functions came from an awsp that spoke
// another protocol (package shell). Not for nushell, which cannot source
// text in its caller's scope: a new nushell writes the init anew.
func (c *Code) Reinit() {
	switch c.sh {
	case Fish:
		c.line(`set -l __awsp_flags; test "$__awsp_show_prompt" = 0; and set __awsp_flags $__awsp_flags --no-prompt; test "$__awsp_auto" = 1; and set __awsp_flags $__awsp_flags --auto; command awsp --init fish $__awsp_flags | source`)
	case Bash, Zsh:
		// Four branches, not a word list: bash 3.2 under set -u and zsh's
		// unsplit words make a list of flags fragile.
		init := func(flags string) string {
			return `\builtin eval "$(\command awsp --init ` + string(c.sh) + flags + `)"`
		}
		c.line(`if [[ ${__awsp_show_prompt-1} == 0 && ${__awsp_auto-0} == 1 ]]; then ` + init(" --no-prompt --auto") +
			`; elif [[ ${__awsp_show_prompt-1} == 0 ]]; then ` + init(" --no-prompt") +
			`; elif [[ ${__awsp_auto-0} == 1 ]]; then ` + init(" --auto") +
			`; else ` + init("") + `; fi`)
	}
}

// Rerun runs the shell's awsp function with args, each quoted: after
// Reinit, the command the person typed, by the functions just loaded.
func (c *Code) Rerun(args []string) {
	words := make([]string, len(args))
	for i, a := range args {
		words[i] = Quote(c.sh, a)
	}
	c.line(strings.TrimSpace("awsp " + strings.Join(words, " ")))
}

// End closes IfAWS.
func (c *Code) End() {
	switch c.sh {
	case Nu:
	case Fish:
		c.line("else; false; end")
	default:
		c.line("else \\builtin false; fi")
	}
}

// nuCode is the document the nushell function reads with from json and
// applies with load-env and hide-env: nushell cannot evaluate text in
// its caller's scope, and nothing in the document is ever run as code.
type nuCode struct {
	// AWS: the AWS CLI's arguments, run first; the rest applies only if
	// it succeeds.
	AWS []string `json:"aws,omitempty"`
	// Env: the environment variables to set, null for those to hide.
	Env map[string]*string `json:"env,omitempty"`
	// Keep: what the shell keeps in $env.__awsp, a record (nushell
	// passes no record to a program's environment), by the name of the
	// other shells' variable without its __awsp_ prefix.
	Keep map[string]string `json:"keep,omitempty"`
	// Remember: the profile to keep as the sticky one (Code.Remember),
	// once the AWS CLI succeeded.
	Remember string `json:"remember,omitempty"`
}

func (n *nuCode) setEnv(name string, value *string) {
	if n.Env == nil {
		n.Env = map[string]*string{}
	}
	n.Env[name] = value
}

func (n *nuCode) keep(name, value string) {
	if n.Keep == nil {
		n.Keep = map[string]string{}
	}
	n.Keep[strings.TrimPrefix(name, "__awsp_")] = value
}

func (n *nuCode) String() string {
	data, err := json.Marshal(n)
	if err != nil {
		panic(err) // strings only: cannot fail
	}
	return string(data) + "\n"
}

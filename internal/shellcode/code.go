package shellcode

import (
	"encoding/json"
	"slices"
	"strings"
)

// Code accumulates statements for one shell to evaluate. Variable names are
// awsp's own constants; every value is quoted.
type Code struct {
	sh Shell
	b  strings.Builder
	nu nuCode
	// scoped: the variables set are a command's alone (Exec).
	scoped bool
}

// New starts code for sh.
func New(sh Shell) *Code { return &Code{sh: sh} }

// Shell is the shell the code is for.
func (c *Code) Shell() Shell { return c.sh }

// Export sets an environment variable.
func (c *Code) Export(name, value string) {
	switch {
	case c.sh == Nu && c.scoped:
		c.nu.Exec.Env[name] = value
	case c.sh == Nu:
		c.nu.setEnv(name, &value)
	case c.sh == Fish && c.scoped:
		c.line("set -lx " + name + " " + Quote(c.sh, value))
	case c.sh == Fish:
		c.line("set -gx " + name + " " + Quote(c.sh, value))
	default:
		c.line("export " + name + "=" + Quote(c.sh, value))
	}
}

// Unset removes a variable.
func (c *Code) Unset(name string) {
	switch {
	case c.sh == Nu && c.scoped:
		c.nu.Exec.Hide = append(c.nu.Exec.Hide, name)
	case c.sh == Nu:
		c.nu.setEnv(name, nil)
	case c.sh == Fish && c.scoped:
		// A local, unexported, in the block: it hides the global from
		// the command, and goes with the block.
		c.line("set -lu " + name)
	case c.sh == Fish:
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
// the code's status is 1. awsp never runs a program itself; what it
// hands a shell to run is the AWS CLI (`aws sso login`, `aws login`,
// here), the browser and the person's own command (Open, Exec), and
// awsp-net (Federate): never a program named in a file. For nushell the
// whole document waits for the AWS CLI: IfAWS comes before any statement.
func (c *Code) IfAWS(args ...string) {
	if c.sh == Nu {
		c.nu.AWS = args
		return
	}
	if c.sh == Fish {
		c.line("if " + c.prefix() + "aws " + c.words(args))
	} else {
		c.line("if " + c.prefix() + "aws " + c.words(args) + "; then")
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
	c.line(strings.TrimSpace("awsp " + c.words(args)))
}

// Programs the shell runs for awsp, besides the AWS CLI (IfAWS, Federate):
// a browser with a console's address (Open), the command a person gave
// awsp exec (Exec, Command), and awsp-net (Federate, Net). awsp itself
// runs none of them.

// Open runs the browser opener (argv: the program and its first
// arguments, from $BROWSER or the system's) with url.
func (c *Code) Open(opener []string, url string) {
	argv := append(slices.Clip(opener), url)
	if c.sh == Nu {
		c.nu.Open = argv
		return
	}
	c.line(c.prefix() + c.words(argv))
}

// Print writes text and a newline to the shell's standard output.
func (c *Code) Print(text string) {
	switch c.sh {
	case Nu:
		c.nu.Print = append(c.nu.Print, text)
	case Fish:
		c.line("printf '%s\\n' " + Quote(c.sh, text))
	default:
		c.line("\\builtin printf '%s\\n' " + Quote(c.sh, text))
	}
}

// Exec starts the scope of one command (awsp exec): the variables
// exported and unset up to Command are that command's alone, the
// shell's own stay as they were.
func (c *Code) Exec() {
	c.scoped = true
	switch c.sh {
	case Nu:
		c.nu.Exec = &nuExec{Env: map[string]string{}, Hide: []string{}}
	case Fish:
		c.line("begin")
	default:
		c.line("(")
	}
}

// Command runs argv in the scope Exec began, and ends it: the code's
// status is the command's. The name is quoted, so that no alias takes
// its place; a function of the shell may.
func (c *Code) Command(argv []string) {
	c.scoped = false
	switch c.sh {
	case Nu:
		c.nu.Exec.Argv = argv
	case Fish:
		c.line(c.words(argv))
		c.line("end")
	default:
		c.line(c.words(argv))
		c.line(")")
	}
}

// Federate opens the console with a sign-in token for a profile's
// session (awsp console --federate): the AWS CLI prints the session's
// credentials (aws args), awsp-net reads them on its standard input and
// exchanges them for the sign-in URL (net args), which goes to the
// browser opener, or to standard output for none. The credentials pass
// through a pipe alone, the URL through the shell's memory: neither is
// ever an argument of a process but the browser's, nor a file.
func (c *Code) Federate(aws, net, opener []string) {
	if c.sh == Nu {
		c.nu.Federate = &nuFederate{AWS: aws, Net: net, Open: opener}
		return
	}
	pipe := c.prefix() + "aws " + c.words(aws) + " | " + c.prefix() + "awsp-net " + c.words(net)
	then := c.prefix() + c.words(opener)
	if len(opener) == 0 {
		then = "printf '%s\\n'"
		if c.sh != Fish {
			then = "\\builtin " + then
		}
	}
	if c.sh == Fish {
		c.line("begin; set -l __awsp_url (" + pipe + "); and " + then + " $__awsp_url; end")
		return
	}
	c.line("(__awsp_url=$(" + pipe + ") && " + then + ` "$__awsp_url")`)
}

// Net runs awsp-net with args: the part of awsp that connects (awsp sso
// sync), a program of its own so that awsp's start stays small.
func (c *Code) Net(args []string) {
	if c.sh == Nu {
		c.nu.Net = args
		return
	}
	c.line(c.prefix() + "awsp-net " + c.words(args))
}

// prefix keeps a program's name from an alias or a function of the
// person's: fish has no aliases apart from functions.
func (c *Code) prefix() string {
	if c.sh == Fish {
		return "command "
	}
	return "\\command "
}

// words are args, each quoted.
func (c *Code) words(args []string) string {
	words := make([]string, len(args))
	for i, a := range args {
		words[i] = Quote(c.sh, a)
	}
	return strings.Join(words, " ")
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
	// Open: the browser opener and the address (Code.Open).
	Open []string `json:"open,omitempty"`
	// Print: lines for the standard output (Code.Print).
	Print []string `json:"print,omitempty"`
	// Exec: one command, with the variables of its own (Code.Exec).
	Exec *nuExec `json:"exec,omitempty"`
	// Federate: the console's sign-in through the federation endpoint
	// (Code.Federate).
	Federate *nuFederate `json:"federate,omitempty"`
	// Net: awsp-net's arguments (Code.Net).
	Net []string `json:"net,omitempty"`
}

// nuExec is a command run by with-env: Env set and Hide hidden for it.
type nuExec struct {
	Env  map[string]string `json:"env"`
	Hide []string          `json:"hide"`
	Argv []string          `json:"argv"`
}

// nuFederate: ^aws ...AWS | ^awsp-net ...Net, its line to ^Open, or
// printed for no Open.
type nuFederate struct {
	AWS  []string `json:"aws"`
	Net  []string `json:"net"`
	Open []string `json:"open"`
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

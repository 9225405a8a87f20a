package shellcode

import "strings"

// Code accumulates statements for one shell to evaluate. Variable names are
// awsp's own constants; every value is quoted.
type Code struct {
	sh Shell
	b  strings.Builder
}

// New starts code for sh.
func New(sh Shell) *Code { return &Code{sh: sh} }

// Export sets an environment variable.
func (c *Code) Export(name, value string) {
	if c.sh == Fish {
		c.line("set -gx " + name + " " + Quote(c.sh, value))
	} else {
		c.line("export " + name + "=" + Quote(c.sh, value))
	}
}

// Unset removes a variable.
func (c *Code) Unset(name string) {
	if c.sh == Fish {
		c.line("set -e " + name)
	} else {
		c.line("unset " + name)
	}
}

// Set sets a shell variable that is not exported.
func (c *Code) Set(name, value string) {
	if c.sh == Fish {
		c.line("set -g " + name + " " + Quote(c.sh, value))
	} else {
		c.line(name + "=" + Quote(c.sh, value))
	}
}

func (c *Code) line(s string) {
	c.b.WriteString(s)
	c.b.WriteByte('\n')
}

// String is the code to evaluate.
func (c *Code) String() string { return c.b.String() }

// IfAWS makes the statements up to End run only when the AWS CLI, which
// the shell runs first with args (after "aws"), succeeds; when it fails
// the code's status is 1. awsp never runs a program itself: this is the
// one command it hands a shell, and only ever the AWS CLI (`aws sso
// login`, `aws login`), never a program named in a file.
func (c *Code) IfAWS(args ...string) {
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

// End closes IfAWS.
func (c *Code) End() {
	if c.sh == Fish {
		c.line("else; false; end")
	} else {
		c.line("else \\builtin false; fi")
	}
}

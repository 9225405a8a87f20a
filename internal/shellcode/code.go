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

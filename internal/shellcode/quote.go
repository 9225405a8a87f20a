// Package shellcode writes the shell code that the awsp function evaluates:
// quoting, exporting and unsetting variables, one small set per shell.
//
// Everything that reaches a shell from a config file passes through Quote,
// so that no name, however hostile, is ever executed.
package shellcode

import "strings"

// Shell is a shell awsp integrates with.
type Shell string

const (
	Bash Shell = "bash"
	Zsh  Shell = "zsh"
	Fish Shell = "fish"
)

// Shells lists the supported shells.
var Shells = []Shell{Bash, Zsh, Fish}

// Parse names a shell, accepting a path such as /bin/zsh.
func Parse(name string) (Shell, bool) {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimPrefix(name, "-") // a login shell's argv[0]
	for _, s := range Shells {
		if string(s) == name {
			return s, true
		}
	}
	return "", false
}

var fishQuoted = strings.NewReplacer(`\`, `\\`, `'`, `\'`)

// Quote makes s one literal word for sh. In single quotes bash and zsh take
// every byte as it is, newlines included; fish also gives meaning to \\ and
// \' there, so those are escaped.
func Quote(sh Shell, s string) string {
	if sh == Fish {
		return "'" + fishQuoted.Replace(s) + "'"
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// QuoteWord quotes s only when it needs it, for commands shown to a person.
func QuoteWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,/@+=:") == "" {
		return s
	}
	return Quote(Bash, s)
}

// Package shellcode writes the shell code that the awsp function evaluates:
// quoting, exporting and unsetting variables, one small set per shell.
// For nushell, which evaluates no text as code, it writes a JSON document
// instead (nu.go), and quotes only for the init and for completions.
//
// Everything that reaches a shell from a config file passes through Quote,
// so that no name, however hostile, is ever executed.
package shellcode

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Shell is a shell awsp integrates with.
type Shell string

const (
	Bash Shell = "bash"
	Zsh  Shell = "zsh"
	Fish Shell = "fish"
	Nu   Shell = "nu"
)

// Shells lists the supported shells.
var Shells = []Shell{Bash, Zsh, Fish, Nu}

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

// Holds reports whether a variable of sh can hold s: none holds a NUL
// byte, and a nushell string holds only UTF-8. awsp refuses to switch to
// a name that the shell would change.
func Holds(sh Shell, s string) bool {
	return strings.IndexByte(s, 0) < 0 && (sh != Nu || utf8.ValidString(s))
}

var fishQuoted = strings.NewReplacer(`\`, `\\`, `'`, `\'`)

// Quote makes s one literal word for sh. In single quotes bash and zsh take
// every byte as it is, newlines included; fish also gives meaning to \\ and
// \' there, so those are escaped. For nushell, see quoteNu.
func Quote(sh Shell, s string) string {
	switch sh {
	case Fish:
		return "'" + fishQuoted.Replace(s) + "'"
	case Nu:
		return quoteNu(s)
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// quoteNu makes s a nushell double-quoted string: \ and " escaped, and
// every character that does not print written as \u{...}, so that the
// code (and a completed command line) shows no control character and no
// invisible one. Nushell has no interpolation in "...". s must be UTF-8
// (Holds): an invalid byte becomes U+FFFD.
func quoteNu(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case !unicode.IsPrint(r) && r != ' ':
			fmt.Fprintf(&b, `\u{%x}`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// plain are the characters of a word that means itself unquoted, in
// every shell (in nushell, as a string argument).
const plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,/@+=:"

// QuoteNuWord quotes s for a nushell command line only when it needs it:
// a completion inserts the word as it is. A word that starts with
// anything but a letter (a digit reads as a number, - as a flag, ~ as the
// home directory) is quoted, and so is one with a comma, which separates
// items inside a list ([a,b] is two).
func QuoteNuWord(s string) string {
	if s != "" && strings.Trim(s, plain) == "" && unicode.IsLetter(rune(s[0])) && !strings.Contains(s, ",") {
		return s
	}
	return quoteNu(s)
}

// QuoteWord quotes s only when it needs it, for commands shown to a person.
func QuoteWord(s string) string {
	if s != "" && strings.Trim(s, plain) == "" {
		return s
	}
	return Quote(Bash, s)
}

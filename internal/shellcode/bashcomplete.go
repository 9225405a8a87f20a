package shellcode

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/awsp-dev/awsp/internal/termtext"
)

// quoteState is where a partly typed bash word stands at its end.
type quoteState byte

const (
	unquoted quoteState = 0
	double   quoteState = '"'
	single   quoteState = '\''
	ansiC    quoteState = '$' // inside $'...'
)

// A BashWord is the word being completed, read from the line as bash's
// parser and readline's completer read it.
type BashWord struct {
	// Typed is what the word means so far, quotes and escapes removed.
	Typed string
	// state is the quoting in force at the end of the word; open is the
	// index, in the word, just after the quote that opened it.
	state quoteState
	open  int
	raw   string
	// ambiguous: readline and bash would disagree about where the word's
	// quotes are (a \' inside $'...', which readline reads as a closing
	// quote), so no completion is safe to offer.
	ambiguous bool
}

// ParseBashWord reads the last word of line (the command line up to the
// cursor).
func ParseBashWord(line string) BashWord {
	raw := line[lastWordStart(line):]
	w := BashWord{raw: raw}
	var b []byte
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch w.state {
		case single:
			if c == '\'' {
				w.state = unquoted
			} else {
				b = append(b, c)
			}
		case double:
			switch {
			case c == '"':
				w.state = unquoted
			case c == '\\' && i+1 < len(raw) && strings.IndexByte("\"\\$`\n", raw[i+1]) >= 0:
				i++
				if raw[i] != '\n' {
					b = append(b, raw[i])
				}
			default:
				b = append(b, c)
			}
		case ansiC:
			switch {
			case c == '\'':
				w.state = unquoted
			case c == '\\':
				var n int
				b, n = appendANSIEscape(b, raw[i+1:])
				if strings.HasPrefix(raw[i+1:], "'") {
					w.ambiguous = true
				}
				i += n
			default:
				b = append(b, c)
			}
		default:
			switch {
			case c == '\'':
				w.state, w.open = single, i+1
			case c == '"':
				w.state, w.open = double, i+1
			case c == '$' && i+1 < len(raw) && raw[i+1] == '\'':
				w.state, w.open = ansiC, i+2
				i++
			case c == '\\':
				if i+1 < len(raw) {
					i++
					if raw[i] != '\n' {
						b = append(b, raw[i])
					}
				}
			default:
				b = append(b, c)
			}
		}
	}
	w.Typed = string(b)
	return w
}

// lastWordStart is where the last word of line begins: after the last
// blank or command separator that is not quoted or escaped.
func lastWordStart(line string) int {
	start := 0
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			}
		case quote == '$':
			if c == '\\' {
				i++
			} else if c == '\'' {
				quote = 0
			}
		case quote == '"':
			if c == '\\' {
				i++
			} else if c == '"' {
				quote = 0
			}
		case c == '\\':
			i++
		case c == '\'' || c == '"':
			quote = c
		case c == '$' && i+1 < len(line) && line[i+1] == '\'':
			quote = '$'
			i++
		case strings.IndexByte(" \t\n;&|<>()", c) >= 0:
			start = i + 1
		}
	}
	return min(start, len(line))
}

// appendANSIEscape decodes the escape after a backslash inside $'...', as
// bash does, and says how many bytes of s it took.
func appendANSIEscape(b []byte, s string) ([]byte, int) {
	if s == "" {
		return b, 0
	}
	simple := map[byte]byte{'a': 7, 'b': 8, 'e': 27, 'E': 27, 'f': 12, 'n': 10, 'r': 13, 't': 9, 'v': 11, '\\': '\\', '\'': '\'', '"': '"', '?': '?'}
	if v, ok := simple[s[0]]; ok {
		return append(b, v), 1
	}
	digits := func(from, max, base int) (uint64, int) {
		n := from
		for n < len(s) && n-from < max && isDigit(s[n], base) {
			n++
		}
		v, _ := strconv.ParseUint(s[from:n], base, 32)
		return v, n
	}
	switch s[0] {
	case 'x':
		if v, n := digits(1, 2, 16); n > 1 {
			return append(b, byte(v)), n
		}
	case 'u', 'U':
		max := 4
		if s[0] == 'U' {
			max = 8
		}
		if v, n := digits(1, max, 16); n > 1 {
			return utf8.AppendRune(b, rune(v)), n
		}
	case 'c':
		if len(s) > 1 {
			return append(b, s[1]&0x1f), 2
		}
	case '0', '1', '2', '3', '4', '5', '6', '7':
		v, n := digits(0, 3, 8)
		return append(b, byte(v)), n
	}
	return append(b, '\\', s[0]), 1
}

func isDigit(c byte, base int) bool {
	if base == 8 {
		return c >= '0' && c <= '7'
	}
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// BashReply is what bash's completion must put in COMPREPLY so that the
// word becomes name, run nothing, and reach the command as name byte for
// byte, whatever state the word was typed in. cur is bash's own current
// word (COMP_WORDS[COMP_CWORD]), which COMP_WORDBREAKS may have cut short.
// ok is false when name does not continue what was typed.
//
// Readline replaces only part of the word: after an open quote, the text
// after that quote, and it appends the closing quote itself when one
// name is left; else bash's current word. The reply continues in the
// quoting in force there, so that its end still needs that closing quote.
func (w BashWord) BashReply(cur, name string) (string, bool) {
	if w.ambiguous || !strings.HasPrefix(name, w.Typed) {
		return "", false
	}
	start := w.ReplaceStart(cur)
	before := ParseBashWord(w.raw[:start])
	if before.ambiguous || !strings.HasPrefix(name, before.Typed) {
		return "", false
	}
	reply := quoteIn(w.state, name[len(before.Typed):])
	// Readline appends the closing quote unless the line already ends
	// with that character, as a reply does that ends with an escaped
	// quote or a quote opened again after an escape: the reply then
	// closes it itself.
	if q := w.Closer(); q != "" && strings.HasSuffix(w.raw[:start]+reply, q) {
		reply += q
	}
	return reply, true
}

// quoteIn writes s so that a word in state reads it literally and ends in
// the same state.
func quoteIn(state quoteState, s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		ch := s[i : i+size]
		if unsafeInBash(r, size) {
			b.WriteString(ansiCIn(state, ch))
		} else {
			b.WriteString(literalIn(state, ch))
		}
		i += size
	}
	return b.String()
}

// unsafeInBash: a character that is not typed into a command line as it
// is: a control or invisible character, or a byte that is not UTF-8.
func unsafeInBash(r rune, size int) bool {
	return r == utf8.RuneError && size == 1 || termtext.Unsafe(r)
}

// ansiCIn writes bytes as $'\xNN' escapes from inside state: the open
// quote is closed first and opened again after.
func ansiCIn(state quoteState, ch string) string {
	var esc strings.Builder
	for i := 0; i < len(ch); i++ {
		esc.WriteString(`\x`)
		esc.WriteString(strconv.FormatUint(uint64(ch[i])>>4, 16))
		esc.WriteString(strconv.FormatUint(uint64(ch[i])&0xf, 16))
	}
	switch state {
	case double:
		return `"$'` + esc.String() + `'"`
	case single:
		return `'$'` + esc.String() + `''`
	case ansiC:
		return esc.String()
	}
	return `$'` + esc.String() + `'`
}

// literalIn writes one printable character so that state keeps it as it
// is; ! is kept from interactive bash's history expansion too.
func literalIn(state quoteState, ch string) string {
	switch state {
	case double:
		switch ch {
		case `\`, `"`, "$", "`":
			return `\` + ch
		case "!":
			return `"'!'"`
		}
	case single:
		if ch == "'" {
			return `'\''`
		}
	case ansiC:
		switch ch {
		case `\`:
			return `\\`
		case "'", "!": // \' would read as a closing quote to readline and history
			return ansiCIn(ansiC, ch)
		}
	default:
		if strings.Contains(" \t'\"\\$`;&|<>()[]{}*?!#^~=:,", ch) {
			return `\` + ch
		}
	}
	return ch
}

// Closer is the quote that closes the word's open quote: readline appends
// it when one name is left and the line does not already end with it.
func (w BashWord) Closer() string {
	switch w.state {
	case double:
		return `"`
	case single, ansiC:
		return "'"
	}
	return ""
}

// ReplaceStart is the index in the word where readline's replacement
// begins: after the open quote; else where bash's current word begins
// (COMP_WORDBREAKS may have cut it short).
func (w BashWord) ReplaceStart(cur string) int {
	if w.state != unquoted {
		return w.open
	}
	if !strings.HasSuffix(w.raw, cur) {
		return 0
	}
	return len(w.raw) - len(cur)
}

package profiles

import (
	"strings"
	"unicode/utf8"
)

// The AWS CLI reads its files with Python's configparser, shlex and os.path.
// These helpers reproduce the few Python behaviours that decide what a file
// means, so that awsp reads the files exactly as botocore does.

// pyIsSpace reports whether Python's str.isspace() is true for r, which is
// what str.strip() and the regular expression \s use. Go's unicode.IsSpace
// differs: it leaves out the separators U+001C to U+001F.
func pyIsSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', 0x1c, 0x1d, 0x1e, 0x1f, 0x85, 0xa0,
		0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// asciiSpace marks the ASCII bytes Python counts as whitespace. Every
// other Python space is multi-byte in UTF-8, so a byte below 0x80 that is
// not marked here ends the spaces for sure.
var asciiSpace = [128]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true, 0x1c: true, 0x1d: true, 0x1e: true, 0x1f: true}

// pyStrip is str.strip(). The byte loops are the fast path for ASCII; the
// parse spends most of its time here.
func pyStrip(s string) string {
	i, j := 0, len(s)
	for i < j && s[i] < 0x80 && asciiSpace[s[i]] {
		i++
	}
	for j > i && s[j-1] < 0x80 && asciiSpace[s[j-1]] {
		j--
	}
	if i < j && (s[i] >= 0x80 || s[j-1] >= 0x80) {
		return strings.TrimFunc(s[i:j], pyIsSpace)
	}
	return s[i:j]
}

func pyRStrip(s string) string {
	j := len(s)
	for j > 0 && s[j-1] < 0x80 && asciiSpace[s[j-1]] {
		j--
	}
	if j > 0 && s[j-1] >= 0x80 {
		return strings.TrimRightFunc(s[:j], pyIsSpace)
	}
	return s[:j]
}

// pyLStrip is str.lstrip().
func pyLStrip(s string) string {
	i := 0
	for i < len(s) && s[i] < 0x80 && asciiSpace[s[i]] {
		i++
	}
	if i < len(s) && s[i] >= 0x80 {
		return strings.TrimLeftFunc(s[i:], pyIsSpace)
	}
	return s[i:]
}

// pyIndent is the position of the first non-space character in code points,
// as configparser measures indentation.
func pyIndent(line string) int {
	i := 0
	for i < len(line) && line[i] < 0x80 && asciiSpace[line[i]] {
		i++
	}
	switch {
	case i == len(line):
		return 0 // all spaces: configparser never measures such a line
	case line[i] < 0x80:
		return i
	}
	n := 0 // a non-ASCII space, or text after ASCII spaces: count runes
	for _, r := range line {
		if !pyIsSpace(r) {
			return n
		}
		n++
	}
	return 0
}

// pySplitLines splits like str.splitlines(), which also breaks on the
// vertical tab, form feed, file/group/record separators and Unicode line
// separators.
func pySplitLines(s string) []string {
	var lines []string
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\r':
			lines = append(lines, s[start:i])
			if i+1 < len(s) && s[i+1] == '\n' {
				size = 2
			}
			start = i + size
		case '\n', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029:
			lines = append(lines, s[start:i])
			start = i + size
		}
		i += size
	}
	if start < len(s) {
		lines = append(lines, s[start:])
	}
	return lines
}

// shlexSplit is Python's shlex.split(s) in POSIX mode, which botocore uses
// on section headers: "profile  dev " is two words, `profile "a b"` too.
// ok is false where shlex raises (an unclosed quote or a trailing escape).
func shlexSplit(s string) (words []string, ok bool) {
	if !strings.ContainsAny(s, `'"\`) {
		// Nothing to unquote: the words are slices of s.
		return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\r' || r == '\n' }), true
	}
	const (
		none = iota
		word
		single
		double
	)
	state := none
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch state {
		case none, word:
			switch {
			case c == ' ' || c == '\t' || c == '\r' || c == '\n':
				if state == word {
					words = append(words, cur.String())
					cur.Reset()
				}
				state = none
			case c == '\\':
				if i+1 >= len(s) {
					return nil, false
				}
				i++
				cur.WriteByte(s[i])
				state = word
			case c == '\'':
				state = single
			case c == '"':
				state = double
			default:
				cur.WriteByte(c)
				state = word
			}
		case single:
			if c == '\'' {
				state = word
			} else {
				cur.WriteByte(c)
			}
		case double:
			switch {
			case c == '"':
				state = word
			case c == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\'):
				i++
				cur.WriteByte(s[i])
			case c == '\\' && i+1 >= len(s):
				return nil, false
			default:
				cur.WriteByte(c)
			}
		}
	}
	switch state {
	case single, double:
		return nil, false
	case word:
		words = append(words, cur.String())
	}
	return words, true
}

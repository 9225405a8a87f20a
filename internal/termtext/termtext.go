// Package termtext is the one gate between text awsp did not write (profile
// names, values from the AWS files, paths, directory names, environment
// variables, .awsprofile files) and a terminal. Such text may hold escape
// sequences that retitle a terminal or rewrite what it shows, or bidi and
// zero-width characters that make one name look like another: Clean shows
// every such character as an escape instead, so that what a person reads
// is what the file holds.
//
// It never changes text that has none of them: the fast path returns the
// string itself.
package termtext

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Unsafe reports whether r must not reach a terminal as it is: C0 and C1
// controls (ESC, BEL, CSI among them), DEL, the line and paragraph
// separators, and Unicode's format characters (bidi overrides and
// isolates, zero-width spaces and joiners, the BOM, tags).
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r < 0xa0:
		return true
	case r < 0xad:
		return false // printable ASCII and Latin-1: the common case, no table
	case r == 0x2028, r == 0x2029:
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// Clean returns s with every unsafe character written as a Go escape
// (\x1b, \u202e) and every byte that is not UTF-8 as \xNN, so that
// nothing in it is interpreted by a terminal and no byte is lost from
// view.
func Clean(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	b := make([]byte, 0, len(s)+16)
	b = append(b, s[:i]...)
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = appendByteEscape(b, s[i])
		case r < 0x80 && Unsafe(r):
			b = appendByteEscape(b, byte(r))
		case Unsafe(r):
			b = append(b, `\u`...)
			b = appendHex(b, uint64(r), 4)
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(b)
}

// firstUnsafe is the index of the first unsafe character or invalid byte
// of s, or -1.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || Unsafe(r) {
			return i
		}
		i += size
	}
	return -1
}

func appendByteEscape(b []byte, c byte) []byte {
	b = append(b, `\x`...)
	return appendHex(b, uint64(c), 2)
}

func appendHex(b []byte, v uint64, digits int) []byte {
	h := strconv.FormatUint(v, 16)
	for n := len(h); n < digits; n++ {
		b = append(b, '0')
	}
	return append(b, h...)
}

// JSON makes encoding/json's output as safe for a terminal as Clean makes
// text: encoding/json escapes C0 controls but writes C1 controls, bidi
// and format characters raw, and DEL. Each becomes a \uXXXX escape, which decodes
// to the same string. Outside strings JSON holds only ASCII, so every such
// rune is inside a string.
func JSON(data []byte) []byte {
	i := firstUnsafe(string(data))
	if i < 0 {
		return data
	}
	out := make([]byte, 0, len(data)+16)
	out = append(out, data[:i]...)
	for i < len(data) {
		r, size := utf8.DecodeRune(data[i:])
		if (r >= 0x80 || r == 0x7f) && Unsafe(r) {
			if r > 0xffff { // a tag character: a surrogate pair in JSON
				hi, lo := 0xd800+((r-0x10000)>>10), 0xdc00+((r-0x10000)&0x3ff)
				out = append(out, `\u`...)
				out = appendHex(out, uint64(hi), 4)
				out = append(out, `\u`...)
				out = appendHex(out, uint64(lo), 4)
			} else {
				out = append(out, `\u`...)
				out = appendHex(out, uint64(r), 4)
			}
		} else {
			out = append(out, data[i:i+size]...)
		}
		i += size
	}
	return out
}

// Width is how many columns s takes on a terminal: grapheme clusters
// measured as terminals draw them (開発 is four columns, an emoji two),
// the colour sequences awsp writes (ESC [ ... m) none.
func Width(s string) int {
	w := 0
	for s != "" {
		if n := sgrLen(s); n > 0 {
			s = s[n:]
			continue
		}
		next := strings.Index(s, "\x1b[")
		if next < 0 {
			next = len(s)
		} else if next == 0 {
			next = 1 // an ESC that starts no colour: Clean never lets one through
		}
		w += textWidth(s[:next])
		s = s[next:]
	}
	return w
}

// textWidth is the width of s, free of colour sequences. Printable ASCII
// takes a column a byte and needs no grapheme clusters found, but for the
// byte before anything else, which may begin its cluster (e and U+0301):
// uniseg measures only the rest, which made a picker of 10,000 profiles
// four times slower to lay out.
func textWidth(s string) int {
	w := 0
	for s != "" {
		i := 0
		for i < len(s) && isPrintableASCII(s[i]) {
			i++
		}
		if i == len(s) {
			return w + i
		}
		start := max(0, i-1)
		j := i + 1
		for j < len(s) && !isPrintableASCII(s[j]) {
			j++
		}
		if n, ok := ownSymbols(s[i:j]); ok {
			w += i + n // awsp's own marks: no grapheme tables touched
		} else {
			w += start + uniseg.StringWidth(s[start:j])
		}
		s = s[j:]
	}
	return w
}

// ownSymbols is the width of s when it is made of the marks awsp itself
// draws (a chain's arrows, ↻, ⚠): one column each, and nothing a
// cluster could join them to. A prompt segment is measured without
// uniseg's tables, each page of which costs a prompt a page fault.
func ownSymbols(s string) (int, bool) {
	n := 0
	for _, r := range s {
		if !strings.ContainsRune("←…↻⚠✗▸·", r) {
			return 0, false
		}
		n++
	}
	return n, true
}

func isPrintableASCII(c byte) bool { return c >= 0x20 && c < 0x7f }

// Truncate cuts s to at most width columns, whole grapheme clusters and
// colour sequences kept; a cut string ends in "…", and in a colour reset
// when it holds colour.
func Truncate(s string, width int) string {
	if Width(s) <= width {
		return s
	}
	var b strings.Builder
	used := 0
	state := -1
	coloured := false
	for s != "" {
		if n := sgrLen(s); n > 0 {
			b.WriteString(s[:n])
			s = s[n:]
			coloured = true
			continue
		}
		var cluster string
		var w int
		cluster, s, w, state = uniseg.FirstGraphemeClusterInString(s, state)
		if used+w > width-1 {
			break
		}
		b.WriteString(cluster)
		used += w
	}
	b.WriteString("…")
	if coloured {
		b.WriteString("\x1b[0m")
	}
	return b.String()
}

// Pad fills s with spaces to width columns.
func Pad(s string, width int) string {
	if w := Width(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}

// sgrLen is the length of the colour sequence at the start of s, or 0.
func sgrLen(s string) int {
	if !strings.HasPrefix(s, "\x1b[") {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c == 'm':
			return i + 1
		case c != ';' && (c < '0' || c > '9'):
			return 0
		}
	}
	return 0
}

// Table lays rows out in columns two spaces apart, as wide as their widest
// cell is drawn; header styles the first row's cells. Lines carry no
// trailing spaces.
func Table(rows [][]string, header func(string) string) []string {
	if len(rows) == 0 {
		return nil
	}
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, cell := range r {
			widths[i] = max(widths[i], Width(cell))
		}
	}
	lines := make([]string, 0, len(rows))
	for n, r := range rows {
		var b strings.Builder
		for i, cell := range r {
			pad := 0
			if i < len(r)-1 {
				pad = widths[i] + 2 - Width(cell)
			}
			if n == 0 && header != nil {
				cell = header(cell)
			}
			b.WriteString(cell)
			b.WriteString(strings.Repeat(" ", pad))
		}
		lines = append(lines, strings.TrimRight(b.String(), " "))
	}
	return lines
}

// TruncateStart cuts s to at most width columns from its start, keeping
// its end: "…" and the last whole grapheme clusters. The end of a name is
// what tells it from its neighbours (acme-core-gbl-identity). s holds no
// colour sequences.
func TruncateStart(s string, width int) string {
	if Width(s) <= width {
		return s
	}
	var clusters []string
	var widths []int
	state := -1
	for rest := s; rest != ""; {
		var c string
		var w int
		c, rest, w, state = uniseg.FirstGraphemeClusterInString(rest, state)
		clusters, widths = append(clusters, c), append(widths, w)
	}
	used, i := 0, len(clusters)
	for i > 0 && used+widths[i-1] <= width-1 {
		i--
		used += widths[i]
	}
	return "…" + strings.Join(clusters[i:], "")
}

// TruncateMiddle cuts s to at most width columns by taking out its
// middle: its start and its end stay, the end the larger part, since
// names that share a start (acme-plat-ue2-prod-eks-admin,
// acme-plat-ue2-prod-eks-readonly) differ at the end. s holds no colour
// sequences.
func TruncateMiddle(s string, width int) string {
	if Width(s) <= width {
		return s
	}
	if width < 4 {
		return TruncateStart(s, width)
	}
	head := (width - 1) / 3
	tail := TruncateStart(s, width-head)                       // "…" and the end
	return strings.TrimSuffix(Truncate(s, head+1), "…") + tail // the start, then "…end"
}

// CutDistinct cuts each of names wider than width to width columns, so
// that names that differed still differ: the start every name shares, up
// to a word break (acme-), gives way first ("…" in its place), then the
// middle of a name (TruncateMiddle keeps its start and its end, where
// Cloud Posse-style names differ: -admin, -readonly). Should two cut
// names still come out alike, they keep their ends alone. Names that fit
// stay as they are. The names hold no colour sequences but whole ones
// around them (a class's colour), kept.
func CutDistinct(names []string, width int) []string {
	out := slices.Clone(names)
	shared := sharedStart(names)
	var cut []int
	for i, n := range names {
		if Width(n) <= width {
			continue
		}
		cut = append(cut, i)
		on, text, off := splitColour(n)
		if shared > 0 {
			text = "…" + text[shared:]
		}
		out[i] = on + TruncateMiddle(text, width) + off
	}
	seen := map[string]int{}
	for _, i := range cut {
		seen[out[i]]++
	}
	for _, i := range cut {
		if seen[out[i]] > 1 {
			on, text, off := splitColour(names[i])
			out[i] = on + TruncateStart(text, width) + off
		}
	}
	return out
}

// IsWordBreak: the characters that part the words of a profile name
// (acme-plat-ue2, team_a.prod, org/role).
func IsWordBreak(c byte) bool {
	return c == '-' || c == '_' || c == '.' || c == '/' || c == ':' || c == ' '
}

// sharedStart is the length of the start every name shares, to its last
// word break; 0 for fewer than two names.
func sharedStart(names []string) int {
	if len(names) < 2 {
		return 0
	}
	_, first, _ := splitColour(names[0])
	n := len(first)
	for _, name := range names[1:] {
		_, text, _ := splitColour(name)
		i := 0
		for i < n && i < len(text) && text[i] == first[i] {
			i++
		}
		n = i
	}
	for n > 0 && !IsWordBreak(first[n-1]) {
		n--
	}
	return n
}

// splitColour parts s into the colour sequence before its text, the
// text, and the reset after it.
func splitColour(s string) (on, text, off string) {
	if n := sgrLen(s); n > 0 && strings.HasSuffix(s, "\x1b[0m") && len(s) >= n+4 {
		return s[:n], s[n : len(s)-4], "\x1b[0m"
	}
	return "", s, ""
}

// Wrap lays text out on lines of at most width columns (0: one line),
// breaking at spaces; a word wider than a line is broken after a / or :
// where it can be (an ARN), else left whole. Colour sequences count for
// nothing.
func Wrap(text string, width int) []string {
	if width <= 0 || Width(text) <= width {
		return []string{text}
	}
	var lines []string
	line := ""
	for i, word := range strings.Split(text, " ") {
		if i > 0 && Width(line)+1+Width(word) <= width {
			line += " " + word
			continue
		}
		if i > 0 {
			lines = append(lines, line)
		}
		line = word
		for Width(line) > width {
			cut := strings.LastIndexAny(line[:min(len(line), width)], "/:")
			if cut <= 0 {
				break
			}
			lines = append(lines, line[:cut+1])
			line = line[cut+1:]
		}
	}
	return append(lines, line)
}

package profiles

import "sort"

// A Layout is where each line, section and key of a file is, in bytes:
// what an edit that keeps every other byte needs (the lint's fixes). It
// reads lines by the rules Parse does, and records every occurrence,
// repeated sections and keys included, which Parse merges or drops.
type Layout struct {
	Data     string
	Lines    []LineSpan    // Lines[n-1] is line n
	Sections []SectionSpan // every header in file order, [DEFAULT] and repeats included
	EOL      string        // the first line end of the file, "\n" when it has none
}

// A LineSpan is one line: its text is Data[Start:End], its line end
// Data[End:Next] ("" on a last line without one).
type LineSpan struct{ Start, End, Next int }

// A SectionSpan is one [header] line and the keys under it.
type SectionSpan struct {
	Header string
	Line   int
	Keys   []KeySpan
}

// A KeySpan is one key: its line, the last line of its value (its
// continuation lines and nested block), and where its value starts and
// ends on its first line, in bytes of Data.
type KeySpan struct {
	Name                 string // lower case, as Parse has it
	Line, End            int
	ValueStart, ValueEnd int
}

// End is the last line of the section: its header, or its last key's.
func (s SectionSpan) End() int {
	if len(s.Keys) == 0 {
		return s.Line
	}
	return s.Keys[len(s.Keys)-1].End
}

// Text is line n without its line end.
func (l *Layout) Text(n int) string { return l.Data[l.Lines[n-1].Start:l.Lines[n-1].End] }

// Blank reports whether line n holds only spaces.
func (l *Layout) Blank(n int) bool { return n >= 1 && n <= len(l.Lines) && pyStrip(l.Text(n)) == "" }

// Value is the text of a key's value on its first line.
func (l *Layout) Value(k KeySpan) string { return l.Data[k.ValueStart:k.ValueEnd] }

// Columns are where the text of line n starts and ends, 1-based in code
// points, the end exclusive (what an editor underlines); 0, 0 when the
// line is not there or blank.
func (l *Layout) Columns(n int) (start, end int) {
	if n < 1 || n > len(l.Lines) {
		return 0, 0
	}
	text := l.Text(n)
	body := pyStrip(text)
	if body == "" {
		return 0, 0
	}
	lead := len(text) - len(pyLStrip(text))
	start = 1 + runeCount(text[:lead])
	return start, start + runeCount(body)
}

// Position is the 1-based line and code-point column of byte offset off.
func (l *Layout) Position(off int) (line, col int) {
	// Lines are few next to the work of the fix that asks; a binary
	// search keeps a file of many fixes linear enough.
	lo, hi := 0, len(l.Lines)
	for lo < hi {
		m := (lo + hi) / 2
		if l.Lines[m].Next <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(l.Lines) {
		if lo == 0 {
			return 1, 1
		}
		last := l.Lines[lo-1]
		if last.Next == last.End { // no line end: off is on that line
			return lo, 1 + runeCount(l.Data[last.Start:min(off, len(l.Data))])
		}
		return lo + 1, 1
	}
	return lo + 1, 1 + runeCount(l.Data[l.Lines[lo].Start:min(off, l.Lines[lo].End)])
}

func runeCount(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}

// NewLayout reads data line by line as Parse does: comments never join a
// value, an indented line continues the key above it.
func NewLayout(data []byte) *Layout {
	text := string(data)
	l := &Layout{Data: text, EOL: "\n"}
	lines := newLineReader(text)
	var (
		cur         *SectionSpan
		key         *KeySpan
		indentLevel int
	)
	for lineno := 1; ; lineno++ {
		start := len(text) - len(lines.text)
		line, ok := lines.next()
		if !ok {
			break
		}
		next := len(text) - len(lines.text)
		end := start + len(line)
		if lineno == 1 && next > end {
			l.EOL = text[end:next]
		}
		l.Lines = append(l.Lines, LineSpan{start, end, next})
		stripped := pyStrip(line)
		if stripped == "" || stripped[0] == '#' || stripped[0] == ';' {
			continue
		}
		indent := pyIndent(line)
		if key != nil && indent > indentLevel {
			key.End = lineno
			continue
		}
		indentLevel = indent
		key = nil
		if header, ok := sectionHeader(stripped); ok {
			l.Sections = append(l.Sections, SectionSpan{Header: header, Line: lineno})
			cur = &l.Sections[len(l.Sections)-1]
			continue
		}
		name, _, ok := splitOption(stripped)
		if cur == nil || !ok {
			continue
		}
		// The value's bytes: after the delimiter and the spaces that
		// follow it, to the end of the stripped line.
		lead := len(line) - len(pyLStrip(line))
		delim := lead + indexDelimiter(line[lead:])
		valueStart := delim + 1 + (len(line[delim+1:]) - len(pyLStrip(line[delim+1:])))
		valueEnd := max(valueStart, len(pyRStrip(line)))
		cur.Keys = append(cur.Keys, KeySpan{Name: name, Line: lineno, End: lineno, ValueStart: start + valueStart, ValueEnd: start + valueEnd})
		key = &cur.Keys[len(cur.Keys)-1]
	}
	return l
}

// indexDelimiter is where the first '=' or ':' of an option line is.
func indexDelimiter(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '=' || s[i] == ':' {
			return i
		}
	}
	return -1
}

// SectionAt is the index of the section line n is in (the last header
// at or above it), or -1 above the first.
func (l *Layout) SectionAt(n int) int {
	return sort.Search(len(l.Sections), func(i int) bool { return l.Sections[i].Line > n }) - 1
}

// KeyAt is the key whose first line is line n, and the index of its
// section.
func (l *Layout) KeyAt(n int) (int, KeySpan, bool) {
	i := l.SectionAt(n)
	if i < 0 {
		return -1, KeySpan{}, false
	}
	keys := l.Sections[i].Keys
	j := sort.Search(len(keys), func(j int) bool { return keys[j].Line >= n })
	if j == len(keys) || keys[j].Line != n {
		return -1, KeySpan{}, false
	}
	return i, keys[j], true
}

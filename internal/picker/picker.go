// Package picker is awsp's profile picker: type to filter (fzf's
// extended search), arrows to move, Enter to choose, Esc to leave. Picker
// is its state, driven by keys and drawn to a string; Run drives it on a
// Terminal, which tests replace.
package picker

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/termtext"
	"github.com/awsp-dev/awsp/internal/view"
)

// Row is one profile as the picker shows it and searches it.
type Row struct {
	Name string // as in the files
	View view.Row
	// fields are what a search term is matched against, lower case: the
	// name, then the account ID and alias, the role, the region and the
	// sso-session.
	fields []string
	// preview is what the line under the list says of the row: the
	// whole chain (hops), then the account, role, region, sso-session.
	hops, details []string
	ready         bool // described (Describe)
}

// Named are rows of names alone, for New to describe as it shows them.
func Named(names []string, mark func(name string) string) []Row {
	rows := make([]Row, len(names))
	for i, n := range names {
		rows[i] = Row{Name: n, View: view.Row{Mark: mark(n), Name: termtext.Clean(n)}}
	}
	return rows
}

// Describe fills r from its profile's description, once.
func Describe(r *Row, describe func(name string) view.Profile, now time.Time, st view.Style) {
	if r.ready {
		return
	}
	p := describe(r.Name)
	t := p.Target
	r.View = p.Row(r.View.Mark, now, st)
	r.fields = lower(p.Name, t.AccountID, p.Alias, t.Role, p.Region(), t.SSOSession)
	r.hops = view.ChainNames(p.Chain, 0, 12)
	r.details = nil
	if t.AccountID != "" {
		r.details = append(r.details, "account "+termtext.Clean(strings.TrimSpace(t.AccountID+" "+parenthesised(p.Alias))))
	}
	for _, f := range [][2]string{{"role ", t.Role}, {"region ", p.Region()}, {"sso-session ", t.SSOSession}} {
		if f[1] != "" {
			r.details = append(r.details, f[0]+termtext.Clean(f[1]))
		}
	}
	r.ready = true
}

// Preview is what the picker shows of r under the list: its chain, then
// its account, role, region and sso-session.
func Preview(r Row) []string { return append(append([]string(nil), r.hops...), r.details...) }

func parenthesised(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

func lower(fields ...string) []string {
	for i, f := range fields {
		fields[i] = strings.ToLower(f)
	}
	return fields
}

// Picker is the picker's state, apart from the terminal so tests can
// drive it.
type Picker struct {
	rows    []Row
	query   string
	shown   []*Row
	cursor  int
	scrollY int
	// fill describes a row not yet described; nil when all are.
	fill func(*Row)
	// nameWidth is the widest name's, so that the columns stay put
	// whichever rows are shown.
	nameWidth int
}

// New is a picker over rows with every row shown and the cursor on the
// active profile, where a person expects to start from. fill describes a
// row the first time it is shown (nil when every row is described).
func New(rows []Row, active string, fill func(*Row)) *Picker {
	p := &Picker{rows: rows, fill: fill}
	for _, r := range rows {
		p.nameWidth = max(p.nameWidth, termtext.Width(r.View.Name))
	}
	p.filter()
	for i, r := range p.shown {
		if r.Name == active {
			p.cursor = i
		}
	}
	return p
}

// filter keeps the rows that match every term of the query, in any
// order, as fzf's extended search does: a term matches the name, account
// ID or alias, role, region or sso-session where its letters appear in
// order; 'term only where they appear together, ^term at the start,
// term$ at the end, and !term excludes. The closest matches come first:
// the name before the other fields, a prefix before a substring before
// scattered letters; ties keep the files' order.
func (p *Picker) filter() {
	terms := strings.Fields(strings.ToLower(p.query))
	if len(terms) > 0 {
		p.FillAll() // the terms match what describing a row finds
	}
	type ranked struct {
		row  *Row
		rank int
	}
	var found []ranked
	for i := range p.rows {
		r := &p.rows[i]
		if r.fields == nil {
			r.fields = lower(r.Name) // not described: the name alone
		}
		total := 0
		for _, t := range terms {
			rank := matchTerm(t, r.fields)
			if rank < 0 {
				total = -1
				break
			}
			total += rank
		}
		if total >= 0 {
			found = append(found, ranked{r, total})
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].rank < found[j].rank })
	p.shown = p.shown[:0]
	for _, f := range found {
		p.shown = append(p.shown, f.row)
	}
	p.cursor, p.scrollY = 0, 0
}

// FillAll describes every row not yet described.
func (p *Picker) FillAll() {
	if p.fill == nil {
		return
	}
	for i := range p.rows {
		p.fill(&p.rows[i])
	}
	p.fill = nil
}

// matchTerm ranks how well one search term matches fields (the name
// first), lower is better; -1 when it does not.
func matchTerm(term string, fields []string) int {
	negate := strings.HasPrefix(term, "!")
	term = strings.TrimPrefix(term, "!")
	exact, prefix, suffix := false, false, false
	switch {
	case strings.HasPrefix(term, "'"):
		exact, term = true, term[1:]
	case strings.HasPrefix(term, "^"):
		prefix, term = true, term[1:]
	}
	if len(term) > 1 && strings.HasSuffix(term, "$") {
		suffix, term = true, strings.TrimSuffix(term, "$")
	}
	if term == "" {
		return 0 // an operator alone (!, ', ^), as fzf: every row, while the term is typed
	}
	best := -1
	for i, f := range fields {
		rank := -1
		switch {
		case term == "":
			rank = 0
		case prefix || suffix:
			if (!prefix || strings.HasPrefix(f, term)) && (!suffix || strings.HasSuffix(f, term)) {
				rank = 0
			}
		case strings.HasPrefix(f, term):
			rank = 0
		case strings.Contains(f, term):
			rank = 1
		case !exact && subsequence(term, f):
			rank = 2
		}
		if rank < 0 {
			continue
		}
		if i > 0 {
			rank += 3 // the name before the other fields
		}
		if best < 0 || rank < best {
			best = rank
		}
	}
	if negate {
		if best >= 0 {
			return -1
		}
		return 0
	}
	return best
}
func subsequence(q, s string) bool {
	for _, r := range q {
		i := strings.IndexRune(s, r)
		if i < 0 {
			return false
		}
		s = s[i+utf8.RuneLen(r):]
	}
	return true
}

// Key handles one key (SplitKeys); done is true when the picker closes,
// with the chosen name or "" when left.
func (p *Picker) Key(b []byte) (done bool, chosen string) {
	switch s := string(b); s {
	case "\r", "\n":
		if len(p.shown) == 0 {
			return false, ""
		}
		return true, p.shown[p.cursor].Name
	case "\x1b", "\x03", "\x07": // Esc, Ctrl-C, Ctrl-G
		return true, ""
	case "\x1b[A", "\x1bOA", "\x10", "\x0b": // up, Ctrl-P, Ctrl-K
		p.cursor = max(0, p.cursor-1)
	case "\x1b[B", "\x1bOB", "\x0e": // down, Ctrl-N
		p.cursor = min(max(0, len(p.shown)-1), p.cursor+1)
	case "\x7f", "\x08": // Backspace
		if p.query != "" {
			_, size := utf8.DecodeLastRuneInString(p.query)
			p.query = p.query[:len(p.query)-size]
			p.filter()
		}
	case "\x15": // Ctrl-U
		p.query = ""
		p.filter()
	default:
		if strings.HasPrefix(s, "\x1b") {
			return false, "" // another key's escape sequence: ignored
		}
		typed := strings.Map(func(r rune) rune {
			if termtext.Unsafe(r) {
				return -1
			}
			return r
		}, s)
		if typed != "" {
			p.query += typed
			p.filter()
		}
	}
	return false, ""
}

// Draw renders the whole screen: the query, a line of help, the rows
// that fit, and the preview of the row under the cursor at the bottom.
func (p *Picker) Draw(width, height int, st view.Style) string {
	var b strings.Builder
	b.WriteString("\x1b[H\x1b[2J")
	fmt.Fprintf(&b, "%s %s\r\n", st.Bold("awsp>"), termtext.Clean(p.query)+"█")
	help := fmt.Sprintf("%d/%d  type to filter by name, account, role, region; ↑↓ Enter Esc", len(p.shown), len(p.rows))
	fmt.Fprintf(&b, "%s\r\n", st.Dim(termtext.Truncate(help, width)))
	var preview []string
	if len(p.shown) > 0 {
		r := p.shown[p.cursor]
		if p.fill != nil {
			p.fill(r)
		}
		preview = append(view.Wrap(r.hops, prompt.Hop, "← ", width), view.Wrap(r.details, "  ·  ", "", width)...)
		preview = preview[:min(len(preview), max(0, height-4))]
	}
	room := max(1, height-3-len(preview))
	if p.cursor < p.scrollY {
		p.scrollY = p.cursor
	}
	if p.cursor >= p.scrollY+room {
		p.scrollY = p.cursor - room + 1
	}
	// Only the rows shown are laid out; the widest name sets the first
	// column's width whichever they are.
	var visible []view.Row
	for i := p.scrollY; i < p.scrollY+room && i < len(p.shown); i++ {
		if p.fill != nil {
			p.fill(p.shown[i])
		}
		visible = append(visible, p.shown[i].View)
	}
	if len(visible) > 0 {
		visible[0].Name = termtext.Pad(visible[0].Name, p.nameWidth)
	}
	table, _ := view.Fit(visible, width-2, false)
	lines := termtext.Table(table, st.Bold)
	fmt.Fprintf(&b, "  %s\r\n", termtext.Truncate(lines[0], width-2))
	// The screen's lines are joined, not ended, by a newline: one after
	// its last line would scroll the input line off the top.
	var below []string
	for i := p.scrollY; i < p.scrollY+room; i++ {
		if i >= len(p.shown) {
			below = append(below, "")
			continue
		}
		line := termtext.Truncate(lines[i-p.scrollY+1], width-2)
		if i == p.cursor {
			line = st.Bold("▸ ") + line
		} else {
			line = "  " + line
		}
		below = append(below, line)
	}
	for _, line := range preview {
		below = append(below, st.Dim(line))
	}
	b.WriteString(strings.Join(below, "\r\n"))
	return b.String()
}

// SplitKeys cuts what the terminal sent into keys, as a person typed them:
// one per character, one per escape sequence (arrows), so that a paste, a
// held key or several keys in one read act as typed. An incomplete
// sequence or character at the end is left in rest for the next read,
// unless final, when it is taken as it is.
func SplitKeys(b []byte, final bool) (keys [][]byte, rest []byte) {
	for i := 0; i < len(b); {
		n := keyLen(b[i:])
		if n == 0 { // incomplete
			if !final {
				return keys, b[i:]
			}
			n = 1
			if b[i] != 0x1b {
				n = len(b) - i
			}
		}
		keys = append(keys, b[i:i+n])
		i += n
	}
	return keys, nil
}

// keyLen is the length of the key at the start of b, 0 when b ends
// before the key does.
func keyLen(b []byte) int {
	switch {
	case b[0] != 0x1b:
		if b[0] < utf8.RuneSelf {
			return 1
		}
		if !utf8.FullRune(b) {
			return 0
		}
		_, n := utf8.DecodeRune(b)
		return n
	case len(b) == 1:
		return 0
	case b[1] == '[': // CSI: parameters, intermediates, a final byte
		for i := 2; i < len(b); i++ {
			if b[i] >= 0x40 && b[i] <= 0x7e {
				return i + 1
			}
			if b[i] < 0x20 || b[i] > 0x7e {
				return i // not a sequence after all: the key ends here
			}
		}
		return 0
	case b[1] == 'O': // SS3: one more byte
		if len(b) < 3 {
			return 0
		}
		return 3
	}
	return 2 // Alt and a key
}

package main

import (
	"bufio"
	"fmt"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/settings"
	"github.com/awsp-dev/awsp/internal/termtext"
)

// pick lets a person choose a profile on the terminal: type to filter,
// arrows to move, Enter to choose, Esc to leave. It draws on /dev/tty, so
// it works while the shell function captures stdout. It returns "" and an
// exit code when nothing was chosen.
func (a *app) pick() (string, error) {
	c, err := a.load()
	if err != nil {
		return "", err
	}
	tty, err := a.openTTY()
	if err != nil {
		// No terminal: the names, on stderr, since stdout here is code
		// for the shell to evaluate.
		for _, n := range c.Names() {
			fmt.Fprintln(a.stderr, clean(n))
		}
		return "", quiet(exitFindings)
	}
	defer tty.Close()
	set := a.settingsQuietly() // the picker says nothing of a broken awsp config
	if a.env["TERM"] == "dumb" {
		return a.pickByLine(c, set, tty)
	}
	state, err := term.MakeRaw(int(tty.Fd()))
	if err != nil {
		return "", failf(exitUsage, "no terminal for the picker: %v", err)
	}
	defer term.Restore(int(tty.Fd()), state)

	// The list is drawn on the terminal, whatever stdout is.
	st := newStyle(tty, a.env)
	rows, fill := a.lazyPickerRows(c, set, st)
	p := newPicker(rows, a.activeProfile(), fill)
	fmt.Fprint(tty, "\x1b[?1049h\x1b[?25l") // the alternate screen, no cursor
	defer fmt.Fprint(tty, "\x1b[?25h\x1b[?1049l")

	// A resize redraws; a signal that ends the process leaves the
	// terminal as it was first (the deferred calls above), as Ctrl-C does.
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, syscall.SIGWINCH, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT, syscall.SIGQUIT)
	defer signal.Stop(signals)
	// One byte is read at a time, and only when the picker wants one:
	// what is typed after the key that closes the picker stays in the
	// terminal for the shell. A read still waiting when the picker closes
	// (after Esc or a signal) is called off before the screen is given
	// back, so that it takes nothing typed after.
	defer tty.SetReadDeadline(time.Unix(1, 0))
	want, got := make(chan bool), make(chan []byte)
	go func() {
		for range want {
			var b [1]byte
			if n, err := tty.Read(b[:]); err != nil || n == 0 {
				close(got)
				return
			}
			got <- b[:]
		}
	}()
	var pending []byte
	var escape <-chan time.Time // a lone Esc, or the start of a sequence?
	asked := false
	for {
		width, height, err := term.GetSize(int(tty.Fd()))
		if err != nil {
			width, height = 80, 24
		}
		fmt.Fprint(tty, p.draw(width, height, st))
		// With the first frame on the screen, the rest of the rows are
		// described while the person reads it (a no-op after that).
		p.fillAll()
		if !asked {
			want <- true
			asked = true
		}
		final := false
		select {
		case b, ok := <-got:
			if !ok {
				return "", quiet(exitFindings)
			}
			asked = false
			pending = append(pending, b...)
		case <-escape:
			final = true // nothing followed the Esc: it was the key
		case sig := <-signals:
			if sig == syscall.SIGWINCH {
				continue
			}
			return "", quiet(exitFindings)
		}
		keys, rest := splitKeys(pending, final)
		for _, k := range keys {
			switch done, chosen := p.key(k); {
			case done && chosen == "":
				return "", quiet(exitFindings)
			case done:
				return chosen, nil
			}
		}
		pending, escape = rest, nil
		if len(rest) > 0 {
			// The terminal sends a sequence in one write; a pause
			// after its first bytes means the person pressed Esc.
			escape = time.After(escDelay)
		}
	}
}

// escDelay is how long the picker waits for the rest of a key that began
// with ESC before it takes the ESC alone (fzf waits about as long).
const escDelay = 50 * time.Millisecond

// splitKeys cuts what the terminal sent into keys, as a person typed them:
// one per character, one per escape sequence (arrows), so that a paste, a
// held key or several keys in one read act as typed. An incomplete
// sequence or character at the end is left in rest for the next read,
// unless final, when it is taken as it is.
func splitKeys(b []byte, final bool) (keys [][]byte, rest []byte) {
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

// pickByLine is the picker for a terminal that takes no escape codes
// (TERM=dumb): a numbered list and a line to answer with a number or a
// name.
func (a *app) pickByLine(c *profiles.Config, set *settings.File, tty *os.File) (string, error) {
	rows := a.pickerRows(c, set, style{})
	table, _ := fitRows(pickerListRows(rows), 0, false)
	for i, line := range termtext.Table(table, nil)[1:] {
		fmt.Fprintf(tty, "%3d %s\n", i+1, line)
	}
	fmt.Fprint(tty, "awsp: a number or a name (Enter alone to leave): ")
	line, _ := bufio.NewReader(tty).ReadString('\n')
	answer := strings.TrimSpace(line)
	if answer == "" {
		return "", quiet(exitFindings)
	}
	if n, err := strconv.Atoi(answer); err == nil && n >= 1 && n <= len(rows) {
		return rows[n-1].name, nil
	}
	if c.Profiles[answer] != nil {
		return answer, nil
	}
	return "", a.notFound(c, answer)
}

// pickerRow is one profile as the picker shows it and searches it.
type pickerRow struct {
	name string // as in the files
	row  listRow
	// fields are what a search term is matched against, lower case: the
	// name, then the account ID and alias, the role, the region and the
	// sso-session.
	fields []string
	// preview is what the line under the list says of the row: the
	// whole chain (hops), then the account, role, region, sso-session.
	hops, details []string
	ready         bool // described (lazyPickerRows)
}

func pickerListRows(rows []pickerRow) []listRow {
	out := make([]listRow, len(rows))
	for i, r := range rows {
		out[i] = r.row
	}
	return out
}

// pickerRows are the rows of every profile, described.
func (a *app) pickerRows(c *profiles.Config, set *settings.File, st style) []pickerRow {
	rows, fill := a.lazyPickerRows(c, set, st)
	for i := range rows {
		fill(&rows[i])
	}
	return rows
}

// lazyPickerRows are the rows with their names alone, and what describes
// one: the picker describes the rows it shows first, and the rest once
// the first frame is on the screen (10,000 profiles take longer to
// describe than a frame should take to appear).
func (a *app) lazyPickerRows(c *profiles.Config, set *settings.File, st style) ([]pickerRow, func(*pickerRow)) {
	active, wanted := a.activeProfile(), a.wantedHere()
	names := c.Names()
	rows := make([]pickerRow, len(names))
	for i, n := range names {
		rows[i] = pickerRow{name: n, row: listRow{mark: listMark(n == active, n == wanted), name: clean(n)}}
	}
	return rows, func(r *pickerRow) {
		if r.ready {
			return
		}
		n := r.name
		d := a.describe(c, n, set.Ignore)
		e := listEntry(c.Profiles[n], d, false)
		t := c.TargetOf(d.chain)
		alias, class := set.Classify(n, t)
		region := c.Profiles[n].Text("region")
		r.row.kind, r.row.sources, r.row.status = e.Kind, sourceNames(d.chain), a.statusText(e, st)
		r.row = a.classRow(r.row, class, st)
		r.fields = lower(n, t.AccountID, alias, t.Role, region, t.SSOSession)
		r.hops = chainNames(d.chain, 0, 12)
		if t.AccountID != "" {
			r.details = append(r.details, "account "+clean(strings.TrimSpace(t.AccountID+" "+parenthesised(alias))))
		}
		for _, f := range [][2]string{{"role ", t.Role}, {"region ", region}, {"sso-session ", t.SSOSession}} {
			if f[1] != "" {
				r.details = append(r.details, f[0]+clean(f[1]))
			}
		}
		r.ready = true
	}
}

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

// picker is the picker's state, apart from the terminal so tests can drive it.
type picker struct {
	rows    []pickerRow
	query   string
	shown   []*pickerRow
	cursor  int
	scrollY int
	// fill describes a row not yet described; nil when all are.
	fill func(*pickerRow)
	// nameWidth is the widest name's, so that the columns stay put
	// whichever rows are shown.
	nameWidth int
}

// newPicker is a picker over rows with every row shown and the cursor on
// the active profile, where a person expects to start from.
func newPicker(rows []pickerRow, active string, fill func(*pickerRow)) picker {
	p := picker{rows: rows, fill: fill}
	for _, r := range rows {
		p.nameWidth = max(p.nameWidth, termtext.Width(r.row.name))
	}
	p.filter()
	for i, r := range p.shown {
		if r.name == active {
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
func (p *picker) filter() {
	terms := strings.Fields(strings.ToLower(p.query))
	if len(terms) > 0 {
		p.fillAll() // the terms match what describing a row finds
	}
	type ranked struct {
		row  *pickerRow
		rank int
	}
	var found []ranked
	for i := range p.rows {
		r := &p.rows[i]
		if r.fields == nil {
			r.fields = lower(r.name) // not described: the name alone
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

// fillAll describes every row not yet described.
func (p *picker) fillAll() {
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

// key handles one key (splitKeys); done is true when the picker closes,
// with the chosen name or "" when left.
func (p *picker) key(b []byte) (done bool, chosen string) {
	switch s := string(b); s {
	case "\r", "\n":
		if len(p.shown) == 0 {
			return false, ""
		}
		return true, p.shown[p.cursor].name
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

// draw renders the whole screen: the query, a line of help, the rows
// that fit, and the preview of the row under the cursor at the bottom.
func (p *picker) draw(width, height int, st style) string {
	var b strings.Builder
	b.WriteString("\x1b[H\x1b[2J")
	fmt.Fprintf(&b, "%s %s\r\n", st.bold("awsp>"), clean(p.query)+"█")
	help := fmt.Sprintf("%d/%d  type to filter by name, account, role, region; ↑↓ Enter Esc", len(p.shown), len(p.rows))
	fmt.Fprintf(&b, "%s\r\n", st.dim(termtext.Truncate(help, width)))
	var preview []string
	if len(p.shown) > 0 {
		r := p.shown[p.cursor]
		if p.fill != nil {
			p.fill(r)
		}
		preview = append(wrap(r.hops, prompt.Hop, "← ", width), wrap(r.details, "  ·  ", "", width)...)
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
	var visible []listRow
	for i := p.scrollY; i < p.scrollY+room && i < len(p.shown); i++ {
		if p.fill != nil {
			p.fill(p.shown[i])
		}
		visible = append(visible, p.shown[i].row)
	}
	if len(visible) > 0 {
		visible[0].name = termtext.Pad(visible[0].name, p.nameWidth)
	}
	table, _ := fitRows(visible, width-2, false)
	lines := termtext.Table(table, st.bold)
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
			line = st.bold("▸ ") + line
		} else {
			line = "  " + line
		}
		below = append(below, line)
	}
	for _, line := range preview {
		below = append(below, st.dim(line))
	}
	b.WriteString(strings.Join(below, "\r\n"))
	return b.String()
}

// wrap lays parts out on lines of at most width columns, sep between
// them; a line after the first starts with cont (← identity), and a part
// too long for any line is cut.
func wrap(parts []string, sep, cont string, width int) []string {
	var lines []string
	line := ""
	for _, part := range parts {
		switch {
		case line == "":
			line = part
		case termtext.Width(line+sep+part) <= width:
			line += sep + part
		default:
			lines = append(lines, termtext.Truncate(line, width))
			line = cont + part
		}
	}
	if line != "" {
		lines = append(lines, termtext.Truncate(line, width))
	}
	return lines
}

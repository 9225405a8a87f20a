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
	"github.com/awsp-dev/awsp/internal/settings"
	"github.com/awsp-dev/awsp/internal/termtext"
)

// pick lets a person choose a profile on the terminal: type to filter,
// arrows to move, Enter to choose, Esc to leave. It draws on /dev/tty, so
// it works while the shell function captures stdout. It returns "" and an
// exit code when nothing was chosen.
func (a *app) pick() (string, int) {
	c, rc := a.load()
	if c == nil {
		return "", rc
	}
	tty, err := a.openTTY()
	if err != nil {
		// No terminal: the names, on stderr, since stdout here is code
		// for the shell to evaluate.
		for _, n := range c.Names() {
			fmt.Fprintln(a.stderr, clean(n))
		}
		return "", exitFindings
	}
	defer tty.Close()
	ignore, _ := settings.Ignores(a.env) // the picker says nothing of a broken config
	if a.env["TERM"] == "dumb" {
		return a.pickByLine(c, ignore, tty)
	}
	state, err := term.MakeRaw(int(tty.Fd()))
	if err != nil {
		return "", fail(a.stderr, exitUsage, "no terminal for the picker: %v", err)
	}
	defer term.Restore(int(tty.Fd()), state)

	// The list is drawn on the terminal, whatever stdout is.
	st := newStyle(tty, a.env)
	p := picker{rows: a.pickerRows(c, ignore, st), active: a.activeProfile(), wanted: a.wantedHere()}
	p.filter()
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
		if !asked {
			want <- true
			asked = true
		}
		final := false
		select {
		case b, ok := <-got:
			if !ok {
				return "", exitFindings
			}
			asked = false
			pending = append(pending, b...)
		case <-escape:
			final = true // nothing followed the Esc: it was the key
		case sig := <-signals:
			if sig == syscall.SIGWINCH {
				continue
			}
			return "", exitFindings
		}
		keys, rest := splitKeys(pending, final)
		for _, k := range keys {
			switch done, chosen := p.key(k); {
			case done && chosen == "":
				return "", exitFindings
			case done:
				return chosen, exitOK
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
func (a *app) pickByLine(c *profiles.Config, ignore profiles.Ignore, tty *os.File) (string, int) {
	rows := a.pickerRows(c, ignore, style{})
	for i, r := range rows {
		mark := listMark(r.name == a.activeProfile(), r.name == a.wantedHere())
		fmt.Fprintf(tty, "%3d %s %s\n", i+1, mark, r.text)
	}
	fmt.Fprint(tty, "awsp: a number or a name (Enter alone to leave): ")
	line, _ := bufio.NewReader(tty).ReadString('\n')
	answer := strings.TrimSpace(line)
	if answer == "" {
		return "", exitFindings
	}
	if n, err := strconv.Atoi(answer); err == nil && n >= 1 && n <= len(rows) {
		return rows[n-1].name, exitOK
	}
	if c.Profiles[answer] != nil {
		return answer, exitOK
	}
	return "", a.notFound(c, answer)
}

// pickerRow is one profile as the picker shows it.
type pickerRow struct {
	name, text string
}

func (a *app) pickerRows(c *profiles.Config, ignore profiles.Ignore, st style) []pickerRow {
	var rows []pickerRow
	width := 0
	for _, n := range c.Names() {
		width = max(width, termtext.Width(clean(n)))
	}
	for _, n := range c.Names() {
		d := a.describe(c, n, ignore)
		e := listEntry(c.Profiles[n], d, false)
		name := clean(n)
		text := fmt.Sprintf("%s  %-7s  %s  %s", termtext.Pad(name, width), e.Kind, chainText(d.chain), a.statusText(e, st))
		rows = append(rows, pickerRow{name: n, text: text})
	}
	return rows
}

// picker is the picker's state, apart from the terminal so tests can drive it.
type picker struct {
	rows    []pickerRow
	active  string
	wanted  string // the .awsprofile of the current directory names it
	query   string
	shown   []pickerRow
	cursor  int
	scrollY int
}

// filter keeps the rows whose name holds the query's letters in order,
// the closest matches first: a prefix, then a substring, then the rest.
func (p *picker) filter() {
	q := strings.ToLower(p.query)
	type ranked struct {
		row  pickerRow
		rank int
	}
	var found []ranked
	for _, r := range p.rows {
		n := strings.ToLower(r.name)
		switch {
		case strings.HasPrefix(n, q):
			found = append(found, ranked{r, 0})
		case strings.Contains(n, q):
			found = append(found, ranked{r, 1})
		case subsequence(q, n):
			found = append(found, ranked{r, 2})
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].rank < found[j].rank })
	p.shown = p.shown[:0]
	for _, f := range found {
		p.shown = append(p.shown, f.row)
	}
	p.cursor, p.scrollY = 0, 0
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

// draw renders the whole screen.
func (p *picker) draw(width, height int, st style) string {
	var b strings.Builder
	b.WriteString("\x1b[H\x1b[2J")
	fmt.Fprintf(&b, "%s %s\r\n", st.bold("awsp>"), clean(p.query)+"█")
	fmt.Fprintf(&b, "%s\r\n", st.dim(fmt.Sprintf("%d/%d  type to filter, ↑↓ to move, Enter to switch, Esc to leave", len(p.shown), len(p.rows))))
	room := max(1, height-3)
	if p.cursor < p.scrollY {
		p.scrollY = p.cursor
	}
	if p.cursor >= p.scrollY+room {
		p.scrollY = p.cursor - room + 1
	}
	for i := p.scrollY; i < len(p.shown) && i < p.scrollY+room; i++ {
		r := p.shown[i]
		mark := listMark(r.name == p.active, r.name == p.wanted) + " "
		line := termtext.Truncate(mark+r.text, width-2)
		if i == p.cursor {
			line = st.bold("▸ ") + line
		} else {
			line = "  " + line
		}
		b.WriteString(line + "\r\n")
	}
	return b.String()
}

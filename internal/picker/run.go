package picker

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/term"

	"github.com/awsp-dev/awsp/internal/termtext"
	"github.com/awsp-dev/awsp/internal/view"
)

// A Terminal is what the picker draws on and reads keys from: /dev/tty
// in raw mode (OpenTTY), whatever stdout is, so that it works while the
// shell function captures stdout; a stand-in in tests.
type Terminal interface {
	io.Writer
	// Read reads what was typed; the picker asks for one byte at a time.
	Read(b []byte) (int, error)
	// Size is the terminal's width and height, in cells.
	Size() (width, height int, err error)
	// StopReading makes a Read in progress return at once: a read still
	// waiting when the picker closes must not take what is typed after.
	StopReading()
}

// escDelay is how long the picker waits for the rest of a key that began
// with ESC before it takes the ESC alone (fzf waits about as long).
const escDelay = 50 * time.Millisecond

// Run shows p on t until a row is chosen (its name, true) or the picker
// is left (Esc, Ctrl-C, the end of the input, or a signal other than
// SIGWINCH on signals, which redraws). It uses the alternate screen and
// leaves the terminal as it found it.
func Run(t Terminal, p *Picker, st view.Style, signals <-chan os.Signal) (string, bool) {
	fmt.Fprint(t, "\x1b[?1049h\x1b[?25l") // the alternate screen, no cursor
	defer fmt.Fprint(t, "\x1b[?25h\x1b[?1049l")
	// One byte is read at a time, and only when the picker wants one:
	// what is typed after the key that closes the picker stays in the
	// terminal for the shell. A read still waiting when the picker closes
	// (after Esc or a signal) is called off before the screen is given
	// back, so that it takes nothing typed after.
	defer t.StopReading()
	want, got := make(chan bool), make(chan []byte)
	go func() {
		for range want {
			var b [1]byte
			if n, err := t.Read(b[:]); err != nil || n == 0 {
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
		width, height, err := t.Size()
		if err != nil || width <= 0 || height <= 0 {
			width, height = 80, 24
		}
		fmt.Fprint(t, p.Draw(width, height, st))
		// With the first frame on the screen, the rest of the rows are
		// described while the person reads it (a no-op after that).
		p.FillAll()
		if !asked {
			want <- true
			asked = true
		}
		final := false
		select {
		case b, ok := <-got:
			if !ok {
				return "", false
			}
			asked = false
			pending = append(pending, b...)
		case <-escape:
			final = true // nothing followed the Esc: it was the key
		case sig := <-signals:
			if sig == syscall.SIGWINCH {
				continue
			}
			return "", false
		}
		keys, rest := SplitKeys(pending, final)
		for _, k := range keys {
			if done, chosen := p.Key(k); done {
				return chosen, chosen != ""
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

// ByLine is the picker for a terminal that takes no escape codes
// (TERM=dumb): a numbered list of rows (described), and a line to answer
// with a number or a name. It returns the number's row's name, or the
// answer as typed (which may name no profile: the caller says so); ""
// when the answer is empty.
func ByLine(t io.ReadWriter, rows []Row) string {
	views := make([]view.Row, len(rows))
	for i, r := range rows {
		views[i] = r.View
	}
	table, _ := view.Fit(views, 0, false)
	for i, line := range termtext.Table(table, nil)[1:] {
		fmt.Fprintf(t, "%3d %s\n", i+1, line)
	}
	fmt.Fprint(t, "awsp: a number or a name (Enter alone to leave): ")
	line, _ := bufio.NewReader(t).ReadString('\n')
	answer := strings.TrimSpace(line)
	if n, err := strconv.Atoi(answer); err == nil && n >= 1 && n <= len(rows) {
		return rows[n-1].Name
	}
	return answer
}

// TTY is a terminal device as a Terminal.
type TTY struct{ f *os.File }

// OpenTTY puts the terminal f in raw mode for the picker; restore gives
// it back as it was.
func OpenTTY(f *os.File) (t TTY, restore func(), err error) {
	state, err := term.MakeRaw(int(f.Fd()))
	if err != nil {
		return TTY{}, nil, err
	}
	return TTY{f}, func() { term.Restore(int(f.Fd()), state) }, nil
}

func (t TTY) Write(b []byte) (int, error) { return t.f.Write(b) }
func (t TTY) Read(b []byte) (int, error)  { return t.f.Read(b) }
func (t TTY) Size() (int, int, error)     { return term.GetSize(int(t.f.Fd())) }
func (t TTY) StopReading()                { t.f.SetReadDeadline(time.Unix(1, 0)) }

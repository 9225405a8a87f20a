package picker

import (
	"bytes"
	"io"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/awsp-dev/awsp/internal/view"
)

// term is a Terminal a test types into: what it holds is read one byte a
// read, as a terminal in raw mode hands it over.
type fakeTerm struct {
	typed  chan byte // closed: the end of the input
	stop   chan struct{}
	once   sync.Once
	mu     sync.Mutex
	out    bytes.Buffer
	draws  int
	onDraw func(n int) // after each frame, with how many were drawn
}

func newTerm(typed string, more bool) *fakeTerm {
	t := &fakeTerm{typed: make(chan byte, len(typed)+1), stop: make(chan struct{})}
	for i := 0; i < len(typed); i++ {
		t.typed <- typed[i]
	}
	if !more {
		close(t.typed)
	}
	return t
}

func (t *fakeTerm) Read(b []byte) (int, error) {
	select {
	case c, ok := <-t.typed:
		if !ok {
			return 0, io.EOF
		}
		b[0] = c
		return 1, nil
	case <-t.stop:
		return 0, os.ErrDeadlineExceeded
	}
}

func (t *fakeTerm) Write(b []byte) (int, error) {
	t.mu.Lock()
	frame := bytes.HasPrefix(b, []byte("\x1b[H\x1b[2J"))
	if frame {
		t.draws++
	}
	n, draws := len(b), t.draws
	t.out.Write(b)
	t.mu.Unlock()
	if frame && t.onDraw != nil {
		t.onDraw(draws)
	}
	return n, nil
}

func (t *fakeTerm) Size() (int, int, error) { return 60, 8, nil }
func (t *fakeTerm) StopReading()            { t.once.Do(func() { close(t.stop) }) }

func rows() []Row {
	return Named([]string{"dev", "dev-mfa", "prod", "sandbox-dev"}, func(n string) string { return view.Mark(n == "prod", false) })
}

// Run reads only the keys it needs: what is typed after the key that
// closes the picker stays for the shell.
func TestRunChoosesAndLeavesTheRestTyped(t *testing.T) {
	ft := newTerm("pro\rls\r", true)
	name, ok := Run(ft, New(rows(), "", nil), view.Style{}, nil)
	if name != "prod" || !ok {
		t.Fatalf("Run = %q, %v; want prod, true", name, ok)
	}
	var rest []byte
	for len(ft.typed) > 0 {
		rest = append(rest, <-ft.typed)
	}
	if string(rest) != "ls\r" {
		t.Errorf("left typed: %q, want %q", rest, "ls\r")
	}
	out := ft.out.String()
	if !strings.HasPrefix(out, "\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J") || !strings.HasSuffix(out, "\x1b[?25h\x1b[?1049l") {
		t.Errorf("the alternate screen is not entered, then left: %q ... %q", out[:min(len(out), 30)], out[max(0, len(out)-20):])
	}
	// One frame, then one a key: p, r, o (Enter closes it).
	if ft.draws != 4 {
		t.Errorf("%d frames drawn, want 4", ft.draws)
	}
}

// The cursor starts on the active profile; arrows move it; a sequence
// and a key in one read are two keys.
func TestRunArrows(t *testing.T) {
	name, ok := Run(newTerm("\x1b[B\x1b[A\x1b[A\r", false), New(rows(), "prod", nil), view.Style{}, nil)
	if name != "dev-mfa" || !ok {
		t.Errorf("Run = %q, %v; want dev-mfa, true", name, ok)
	}
}

// Esc, Ctrl-C, the end of the input and a signal other than a resize
// leave with nothing chosen; a resize redraws.
func TestRunLeaves(t *testing.T) {
	for _, tc := range []struct {
		name, typed string
		more        bool
		signal      os.Signal
	}{
		{"Esc", "d\x1b", true, nil},
		{"Ctrl-C", "d\x03", true, nil},
		{"end of input", "d", false, nil},
		{"SIGTERM", "", true, syscall.SIGTERM},
		{"SIGHUP", "", true, syscall.SIGHUP},
	} {
		t.Run(tc.name, func(t *testing.T) {
			signals := make(chan os.Signal, 1)
			if tc.signal != nil {
				signals <- tc.signal
			}
			if name, ok := Run(newTerm(tc.typed, tc.more), New(rows(), "", nil), view.Style{}, signals); name != "" || ok {
				t.Errorf("Run = %q, %v; want nothing chosen", name, ok)
			}
		})
	}
	signals := make(chan os.Signal, 1)
	signals <- syscall.SIGWINCH
	ft := newTerm("", true)
	// Enter once the resize is drawn: the second frame.
	ft.onDraw = func(n int) {
		if n == 2 {
			ft.typed <- '\r'
		}
	}
	if name, ok := Run(ft, New(rows(), "", nil), view.Style{}, signals); name != "dev" || !ok {
		t.Errorf("after a resize: Run = %q, %v; want dev, true", name, ok)
	}
}

// ByLine lists the rows numbered and takes a number or a name.
func TestByLine(t *testing.T) {
	for _, tc := range []struct{ answer, want string }{
		{"2\n", "dev-mfa"},
		{"prod\n", "prod"},
		{"nope\n", "nope"},
		{"\n", ""},
		{"9\n", "9"},
	} {
		var out bytes.Buffer
		rw := struct {
			io.Reader
			io.Writer
		}{strings.NewReader(tc.answer), &out}
		if got := ByLine(rw, rows()); got != tc.want {
			t.Errorf("ByLine answered %q = %q, want %q", tc.answer, got, tc.want)
		}
		// Rows not described: no kind, no chain, no status.
		want := "  1   dev                -\n  2   dev-mfa            -\n  3 * prod               -\n  4   sandbox-dev        -\nawsp: a number or a name (Enter alone to leave): "
		if out.String() != want {
			t.Errorf("ByLine showed\n%q\nwant\n%q", out.String(), want)
		}
	}
}

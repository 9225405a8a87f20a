package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/shellcode"
	"github.com/awsp-dev/awsp/internal/view"
	"github.com/awsp-dev/awsp/shell"
)

// The man page renders without a warning and holds every entry of
// --help, every lint code, every prompt field and every exit code.
func TestManPage(t *testing.T) {
	if _, err := exec.LookPath("man"); err != nil {
		t.Fatal("man is required (test.sh installs man-db)")
	}
	page := Man()
	path := filepath.Join(t.TempDir(), "awsp.1")
	os.WriteFile(path, []byte(page), 0o644)
	cmd := exec.Command("man", "--warnings", "-l", path)
	cmd.Env = append(os.Environ(), "MANWIDTH=200", "MAN_KEEP_FORMATTING=", "LANG=C.UTF-8", "MANPAGER=cat", "PAGER=cat")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil || errb.Len() > 0 {
		t.Fatalf("man -l: %v: %s", err, errb.String())
	}
	// Overstrike bold (x\bx) and underline (_\bx) back to plain text.
	text := string(out.Bytes())
	for strings.Contains(text, "\b") {
		i := strings.Index(text, "\b")
		text = text[:i-1] + text[i+1:]
	}
	// Each entry whole, as the tables have it; the page wraps lines, so
	// runs of spaces and line ends count as one space on both sides.
	var want []string
	for _, section := range []string{"Usage", "Reading", "Setup", "Options"} {
		for _, e := range helpEntries(section) {
			want = append(want, e[0]+" "+e[1])
		}
	}
	for _, c := range profiles.Codes {
		want = append(want, c.Name+" "+c.Severity+": "+c.Meaning)
	}
	for _, f := range prompt.Fields {
		want = append(want, "{"+f.Name+"} "+f.Meaning)
	}
	for _, sym := range Symbols {
		want = append(want, sym.mark+" "+sym.meaning)
	}
	for _, e := range ExitCodes {
		want = append(want, fmt.Sprintf("%d %s", e.code, e.meaning))
	}
	want = append(want, view.ColourRule)
	for _, sh := range shellcode.Shells {
		want = append(want, strings.Split(shell.RCLines(sh, ""), "\n")...)
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	text = flat(text)
	for _, w := range want {
		if !strings.Contains(text, flat(w)) {
			t.Errorf("man page lacks %q", flat(w))
		}
	}
}

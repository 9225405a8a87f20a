package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/shellcode"
	"github.com/awsp-dev/awsp/shell"
)

// The man page renders without a warning and holds every entry of
// --help, every lint code, every prompt field and every exit code.
func TestManPage(t *testing.T) {
	if _, err := exec.LookPath("man"); err != nil {
		t.Skip("man is not installed (test.sh installs man-db)")
	}
	page, stderr, code := runAll(sampleHome(t), "--man")
	if code != 0 || stderr != "" {
		t.Fatalf("--man: exit %d %q", code, stderr)
	}
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
	var want []string
	for _, section := range []string{"Usage", "Reading", "Setup", "Options"} {
		for _, e := range helpEntries(section) {
			want = append(want, e[0], strings.Fields(e[1])[0])
		}
	}
	for _, c := range profiles.Codes {
		want = append(want, c.Name)
	}
	for _, f := range prompt.Fields {
		want = append(want, "{"+f.Name+"}")
	}
	for _, e := range exitCodes {
		want = append(want, e.meaning[:20])
	}
	for _, sh := range shellcode.Shells {
		for _, line := range strings.Split(shell.RCLines(sh, ""), "\n") {
			want = append(want, line)
		}
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("man page lacks %q", w)
		}
	}
}

package test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPicker: the picker in each shell takes a paste of a name and Enter
// in one write as typed; redraws when the terminal is resized; leaves the
// terminal as it found it when killed; and with TERM=dumb asks with a
// numbered list and no escape codes.
func TestPicker(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		t.Run(shell, func(t *testing.T) {
			h := home(t, shell)
			tm := startShell(t, shell, h)
			alternate := func() string {
				out, _ := exec.Command("tmux", "-S", tm.sock, "display-message", "-p", "-t", "0", "#{alternate_on}").Output()
				return strings.TrimSpace(string(out))
			}

			tm.clear()
			tm.run("awsp")
			tm.waitFor("type to filter")
			tm.typeText("prod\r") // one write, as a paste
			tm.profileIs("prod")

			// A narrower terminal: the rows are cut to it, with a mark.
			tm.clear()
			tm.run("awsp")
			tm.waitFor("type to filter")
			exec.Command("tmux", "-S", tm.sock, "resize-window", "-t", "0", "-x", "60").Run()
			tm.waitFor("…")
			// Killed: back on the main screen, in a terminal that echoes.
			exec.Command("pkill", "-TERM", "-f", "^"+filepath.Join(binDir, "awsp-real")+" --eval").Run()
			tm.waitMainScreen()
			tm.run(`echo "BACK-""42"`)
			tm.waitFor("BACK-42")
			if a := alternate(); a != "0" {
				t.Errorf("the alternate screen is still on after SIGTERM: %q", a)
			}
			exec.Command("tmux", "-S", tm.sock, "resize-window", "-t", "0", "-x", "220").Run()
			tm.profileIs("prod")

			// TERM=dumb: a numbered list, a line to answer.
			tm.clear()
			if shell == "fish" {
				tm.run("begin; set -lx TERM dumb; awsp; end")
			} else {
				tm.run("TERM=dumb awsp")
			}
			tm.waitFor("a number or a name")
			if raw := tm.screenWithEscapes(); strings.Contains(raw, "\x1b[?1049h") || alternate() != "0" {
				t.Errorf("TERM=dumb: the picker used the alternate screen")
			}
			tm.run("identity")
			tm.profileIs("identity")
		})
	}
}

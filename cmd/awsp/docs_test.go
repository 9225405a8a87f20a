package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/shellcode"
	"github.com/awsp-dev/awsp/shell"
)

// The init lines people copy are the ones install.sh writes
// (shell.RCLines): the README shows them, and no document or message
// shows an eval of awsp without \command, which an alias of command in
// an rc file breaks (the whole init printed, awsp undefined).
func TestInitLinesAreTheRCLines(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, sh := range shellcode.Shells {
		if !strings.Contains(string(readme), shell.RCLines(sh, "")) {
			t.Errorf("the README does not show the %s line %q", sh, shell.RCLines(sh, ""))
		}
	}
	_, needs, _ := runAll(environ.Environ{"HOME": t.TempDir()}, "dev")
	texts := map[string]string{"README.md": string(readme), "man page": cli.Man(), "--help": cli.Usage(), "message": needs}
	for _, file := range []string{"../../install.sh", "../../shell/awsp.bash", "../../shell/awsp.zsh", "../../completions/_awsp", "../../completions/awsp.bash"} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		texts[file] = string(data)
	}
	if !strings.Contains(needs, shell.RCLines(shellcode.Bash, "")) || !strings.Contains(needs, shell.RCLines(shellcode.Fish, "")) {
		t.Errorf("the message for a missing integration: %q", needs)
	}
	unescaped := regexp.MustCompile(`\$\((command )?awsp --init|\\\(dq\$\(awsp`)
	for name, text := range texts {
		if m := unescaped.FindString(text); m != "" {
			t.Errorf("%s runs the init as %q, without \\command", name, m)
		}
	}
}

// Every action the flag table can ask for has a command: a missing one
// would be a nil function at run time.
func TestEveryActionHasACommand(t *testing.T) {
	actions := map[cli.Action]bool{cli.ActSwitch: true}
	for _, f := range cli.Flags {
		if f.Action != "" {
			actions[f.Action] = true
		}
	}
	for a := range actions {
		if commands[a] == nil {
			t.Errorf("no command for the action %q", a)
		}
	}
	if len(commands) != len(actions) {
		t.Errorf("%d commands for %d actions", len(commands), len(actions))
	}
}

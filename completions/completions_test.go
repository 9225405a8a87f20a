package completions

import (
	"os/exec"
	"strings"
	"testing"
)

// Each completion script parses in its shell, as installed on its own.
func TestScriptsParse(t *testing.T) {
	for script, argv := range map[string][]string{Bash: {"bash", "-n"}, Zsh: {"zsh", "-n"}, Fish: {"fish", "--no-execute"}} {
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Stdin = strings.NewReader(script)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: the completion does not parse: %v\n%s", argv[0], err, out)
		}
	}
}

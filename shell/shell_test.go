package shell

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/shellcode"
)

// Every form of the init parses in its own shell, holds its completion,
// and sets what it was asked to.
func TestInitParsesInItsShell(t *testing.T) {
	check := map[shellcode.Shell][]string{shellcode.Bash: {"bash", "-n"}, shellcode.Zsh: {"zsh", "-n"}, shellcode.Fish: {"fish", "--no-execute"}}
	for _, sh := range shellcode.Shells {
		for _, prompt := range []bool{true, false} {
			for _, auto := range []bool{true, false} {
				code := Init(sh, prompt, auto)
				cmd := exec.Command(check[sh][0], check[sh][1:]...)
				cmd.Stdin = strings.NewReader(code)
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Errorf("%s init (prompt %v, auto %v) does not parse: %v\n%s", sh, prompt, auto, err, out)
				}
				if !strings.Contains(code, "_awsp") && !strings.Contains(code, "complete -c awsp") {
					t.Errorf("%s init without its completion", sh)
				}
				want := map[bool]string{true: "1", false: "0"}[auto]
				if !strings.Contains(code, "__awsp_auto="+want) && !strings.Contains(code, "__awsp_auto "+want) {
					t.Errorf("%s init: auto %v not set", sh, auto)
				}
			}
		}
	}
}

package test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// completionNames hold, each, a control character and a command that
// would run if a completion inserted them unquoted.
var completionNames = []string{
	"q1$(touch $HOME/pwned-q1)\x1b[31m",
	"q2`touch $HOME/pwned-q2`\x07",
	"q3'it\"s\x01 $HOME",
	"q4!x\\y\x1b]0;t\x07",
}

// TestCompletionQuoting: in each shell, a name is completed from a word
// begun plainly and after each opening quote the shell has; Enter then
// switches to exactly that name and runs nothing.
func TestCompletionQuoting(t *testing.T) {
	openers := map[string][]string{
		"bash": {"", `"`, `'`, `$'`},
		"zsh":  {"", `"`, `'`, `$'`},
		"fish": {"", `"`, `'`},
		"nu":   {"", `"`, `'`, "`"},
	}
	for _, shell := range []string{"bash", "zsh", "fish", "nu"} {
		t.Run(shell, func(t *testing.T) {
			h := homeWith(t, "")
			f, _ := os.OpenFile(filepath.Join(h, ".aws", "credentials"), os.O_APPEND|os.O_WRONLY, 0)
			for _, n := range completionNames {
				fmt.Fprintf(f, "[%s]\naws_access_key_id = AKIDTEST\naws_secret_access_key = test-not-secret\n", n)
			}
			f.Close()
			os.WriteFile(filepath.Join(h, "same.sh"), []byte(`[ "$AWS_PROFILE" = "$(cat "$1")" ] && echo SAME-"4"2 || echo "DIFFERENT"`+"\n"), 0o700)
			tm := startShell(t, shell, h)
			for i, name := range completionNames {
				os.WriteFile(filepath.Join(h, fmt.Sprintf("expect-%d", i)), []byte(name), 0o600)
				for _, open := range openers[shell] {
					tm.clear()
					tm.typeText("awsp " + open + name[:2])
					tm.keys("Tab")
					tm.keys("Enter")
					tm.run(fmt.Sprintf("sh ~/same.sh ~/expect-%d", i))
					if s := tm.waitForAny("SAME-42", "DIFFERENT"); s != "SAME-42" {
						t.Errorf("%s, begun with %q: did not switch to %q:\n%s", shell, open, name, tm.screen())
					}
					tm.run("awsp sso")
				}
			}
			for i := 1; i <= 4; i++ {
				if _, err := os.Stat(filepath.Join(h, fmt.Sprintf("pwned-q%d", i))); err == nil {
					t.Errorf("pwned-q%d exists: a completed name was executed", i)
				}
			}
		})
	}
}

// waitForAny polls until the screen shows one of wants, and returns it.
func (tm *term) waitForAny(wants ...string) string {
	tm.t.Helper()
	var s string
	for i := 0; i < 200; i++ {
		s = tm.screen()
		for _, w := range wants {
			if strings.Contains(s, w) {
				return w
			}
		}
		time.Sleep(50 * time.Millisecond) // a poll, not a timing
	}
	tm.t.Fatalf("the screen never showed any of %q:\n%s", wants, s)
	return ""
}

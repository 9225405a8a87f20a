package shellcode

import (
	"os/exec"
	"strings"
	"testing"
)

// FuzzQuote quotes any string for each shell and has the real shell give
// it back: byte for byte, and nothing else runs. It also completes the
// string in bash from its first half typed in each way a word can be
// begun (unquoted, after ", ', $', or ending in a backslash), and has bash
// read the completed word back.
func FuzzQuote(f *testing.F) {
	for _, s := range awkward {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsRune(s, 0) {
			t.Skip("no shell word holds a NUL, and no environment variable")
		}
		for _, sh := range Shells {
			// The script on stdin: a long input is larger than one
			// argument may be.
			args := map[Shell][]string{Bash: {"--norc"}, Zsh: {"-f"}, Fish: {"--no-config"}}[sh]
			cmd := exec.Command(string(sh), args...)
			cmd.Stdin = strings.NewReader("printf '%s' " + Quote(sh, s))
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("%s on %.200q: %v", sh, s, err)
			}
			if string(out) != s {
				t.Fatalf("%s: %q came back as %q", sh, s, out)
			}
		}
		for i, got := range evalWords(t, completedWords(t, s)) {
			if got != s {
				t.Fatalf("bash completion after %s: %q came back as %q", wordStates[i], s, got)
			}
		}
	})
}

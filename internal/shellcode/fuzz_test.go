package shellcode

import (
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
			if !Holds(sh, s) {
				continue // awsp refuses such a name for this shell
			}
			out, err := runScript(sh, printZ(sh, []string{Quote(sh, s)}))
			if err != nil {
				t.Fatalf("%s on %.200q: %v", sh, s, err)
			}
			if string(out) != s+"\x00" {
				t.Fatalf("%s: %q came back as %q", sh, s, out)
			}
			if sh == Nu && QuoteNuWord(s) != Quote(Nu, s) {
				// A bare word: it must mean itself.
				if out, err := runScript(sh, printZ(sh, []string{QuoteNuWord(s)})); err != nil || string(out) != s+"\x00" {
					t.Fatalf("nu bare word %q came back as %q (%v)", s, out, err)
				}
			}
		}
		for i, got := range evalWords(t, completedWords(t, s)) {
			if got != s {
				t.Fatalf("bash completion after %s: %q came back as %q", wordStates[i], s, got)
			}
		}
	})
}

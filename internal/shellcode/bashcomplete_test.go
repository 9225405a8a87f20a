package shellcode

import (
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"
)

// typedIn is how a person would have typed the first part of name in a
// word begun in state: what the completion then completes.
func typedIn(state string, part string) string {
	open, st := map[string]string{"double": `"`, "single": `'`, "ansi-c": `$'`}[state], unquoted
	switch state {
	case "double":
		st = double
	case "single":
		st = single
	case "ansi-c":
		st = ansiC
	}
	typed := open + quoteIn(st, part)
	if state == "backslash" {
		typed += `\`
	}
	return typed
}

var wordStates = []string{"unquoted", "double", "single", "ansi-c", "backslash"}

// completedWords plays readline's part: for each state a word can be
// begun in, the word as it stands after Tab completed name from its
// first half.
func completedWords(t *testing.T, name string) []string {
	t.Helper()
	half := len(name) / 2
	for half > 0 && !utf8.RuneStart(name[half]) {
		half--
	}
	var words []string
	for _, state := range wordStates {
		typed := typedIn(state, name[:half])
		w := ParseBashWord("awsp " + typed)
		if w.Typed != name[:half] {
			t.Fatalf("%s: %q reads as %q, want %q", state, typed, w.Typed, name[:half])
		}
		reply, ok := w.BashReply(typed, name)
		if !ok {
			t.Fatalf("%s: %q does not complete to %q", state, typed, name)
		}
		word := typed[:w.ReplaceStart(typed)] + reply
		if !strings.HasSuffix(word, w.Closer()) { // readline's rule
			word += w.Closer()
		}
		words = append(words, word)
	}
	return words
}

// evalWords has the real bash evaluate each word and hand it back. The
// script goes in on stdin: a long word of escapes is larger than one
// argument may be.
func evalWords(t *testing.T, words []string) []string {
	t.Helper()
	script := "printf '%s\\0' " + strings.Join(words, " ")
	cmd := exec.Command("bash", "--norc")
	cmd.Stdin = strings.NewReader(script)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bash on a script of %d bytes (%.200q...): %v", len(script), script, err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
}

// TestBashCompletionRoundTrips: a name completed from a word begun
// unquoted, after ", after ', after $' or ending in a backslash becomes,
// once bash reads it, the name itself, and runs nothing.
func TestBashCompletionRoundTrips(t *testing.T) {
	for _, name := range append(awkward[1:], "te\x1b]0;x\x07$(touch pwned)", "a`id`\x01b", "x\u202ey", "bad\xffbyte", "q!x'y\"z", "ends\"", "ends'", "ends!", "ends\x07", "q2`touch $HOME/pwned-q2`\x07") {
		got := evalWords(t, completedWords(t, name))
		for i, g := range got {
			if g != name {
				t.Errorf("%s: %q came back as %q", wordStates[i], name, g)
			}
		}
	}
}

func TestParseBashWord(t *testing.T) {
	for line, want := range map[string]string{
		`awsp a\ b`:          "a b",
		`awsp "a\"b$`:        `a"b$`,
		`awsp 'a\b`:          `a\b`,
		`awsp $'a\x1bb\'c`:   "a\x1bb'c",
		`awsp x; awsp de`:    "de",
		`awsp "a b" c"d e`:   "cd e",
		`awsp $'\u00e9\101'`: "éA",
	} {
		if got := ParseBashWord(line).Typed; got != want {
			t.Errorf("%q: %q, want %q", line, got, want)
		}
	}
	// Readline takes \' in $'...' for the closing quote: nothing offered.
	if _, ok := ParseBashWord(`awsp $'it\'`).BashReply(`$'it\'`, "it's"); ok {
		t.Error("a word readline and bash read differently was completed")
	}
}

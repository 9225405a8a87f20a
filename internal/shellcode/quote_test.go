package shellcode

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// awkward are strings that break naive quoting in one shell or another.
var awkward = []string{
	"", "plain", "a b", "it's", `say "hi"`, `back\slash`, `ends\`, `\'`, `\\'`, "$(touch pwned)", "`touch pwned`",
	"${HOME}", "$HOME", "a;b", "a|b&c", "*?[a]", "(x)", "<y>", "!bang", "!!", "%F{red}", "~user", "#hash",
	"new\nline", "tab\there", "esc\x1b[31m", "café ☕", "'", "''", `"`, "{a,b}", "-n", "\x01\x02", "\r",
}

// TestQuoteRoundTrips gives every string, quoted, to the real shell and
// checks that the shell hands it back byte for byte.
func TestQuoteRoundTrips(t *testing.T) {
	for _, sh := range Shells {
		t.Run(string(sh), func(t *testing.T) {
			path, err := exec.LookPath(string(sh))
			if err != nil {
				t.Fatalf("%s is required (test.sh installs it)", sh)
			}
			var script strings.Builder
			script.WriteString("printf '%s\\0'")
			for _, s := range awkward {
				script.WriteString(" " + Quote(sh, s))
			}
			script.WriteString("\n")
			args := []string{"-c", script.String()}
			if sh == Fish {
				args = []string{"--no-config", "-c", script.String()}
			}
			out, err := exec.Command(path, args...).Output()
			if err != nil {
				t.Fatalf("%s: %v", sh, err)
			}
			got := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
			if len(got) != len(awkward) {
				t.Fatalf("%s returned %d strings, want %d: %q", sh, len(got), len(awkward), out)
			}
			for i, s := range awkward {
				if got[i] != s {
					t.Errorf("%s: %q came back as %q", sh, s, got[i])
				}
			}
		})
	}
}

// TestCodeEvaluates runs the code for a switch in each shell and reads the
// variables back.
func TestCodeEvaluates(t *testing.T) {
	for _, sh := range Shells {
		c := New(sh)
		c.Export("AWS_PROFILE", "a 'b' $(c)")
		c.Set("__awsp_previous", `old\`)
		c.Unset("AWS_DEFAULT_PROFILE")
		show := `printf '%s|%s|%s' "$AWS_PROFILE" "$__awsp_previous" "${AWS_DEFAULT_PROFILE-unset}"`
		args := []string{"-c", c.String() + show}
		if sh == Fish {
			show = `printf '%s|%s|%s' "$AWS_PROFILE" "$__awsp_previous" (set -q AWS_DEFAULT_PROFILE; and echo set; or echo unset)`
			args = []string{"--no-config", "-c", c.String() + show}
		}
		cmd := exec.Command(string(sh), args...)
		cmd.Env = []string{"AWS_DEFAULT_PROFILE=x", "PATH=/usr/bin:/bin"}
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v", sh, err)
		}
		if want := `a 'b' $(c)|old\|unset`; !bytes.Equal(out, []byte(want)) {
			t.Errorf("%s: %q, want %q", sh, out, want)
		}
	}
}

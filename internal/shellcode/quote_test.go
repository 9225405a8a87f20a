package shellcode

import (
	"bytes"
	"fmt"
	"os"
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
			words := make([]string, len(awkward))
			for i, s := range awkward {
				words[i] = Quote(sh, s)
			}
			out, err := runScript(sh, printZ(sh, words))
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

// printZ is a script of sh that prints each word, a NUL after each.
func printZ(sh Shell, words []string) string {
	if sh == Nu {
		return "print -n ([" + strings.Join(words, " ") + "] | each {|w| $w + (char nul) } | str join)\n"
	}
	return "printf '%s\\0' " + strings.Join(words, " ") + "\n"
}

// runScript runs script in the real sh, without the person's config,
// from a file: a long script is larger than one argument may be, and
// nushell reads no script on stdin.
func runScript(sh Shell, script string, env ...string) ([]byte, error) {
	path, err := exec.LookPath(string(sh))
	if err != nil {
		return nil, fmt.Errorf("%s is required (test.sh installs it)", sh)
	}
	f, err := os.CreateTemp("", "awsp-quote-")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	f.WriteString(script)
	f.Close()
	args := map[Shell][]string{Bash: {"--norc"}, Zsh: {"-f"}, Fish: {"--no-config"}, Nu: {"--no-config-file", "--no-std-lib"}}[sh]
	cmd := exec.Command(path, append(args, f.Name())...)
	if env != nil {
		cmd.Env = env
	}
	return cmd.Output()
}

// TestCodeEvaluates runs the code for a switch in each shell and reads the
// variables back. Nushell's document is applied by shell/awsp.nu: its
// test is there (TestNuAppliesDocument).
func TestCodeEvaluates(t *testing.T) {
	for _, sh := range []Shell{Bash, Zsh, Fish} {
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

// TestNuDocument: for nushell the code is a JSON document; IfAWS puts the
// login first, and what the shell keeps goes by the name without the
// prefix.
func TestNuDocument(t *testing.T) {
	c := New(Nu)
	c.IfAWS("sso", "login", "--profile", "a b")
	c.Set("__awsp_previous", "old")
	c.Export("AWS_PROFILE", "new\x1b")
	c.Unset("AWS_DEFAULT_PROFILE")
	c.End()
	want := `{"aws":["sso","login","--profile","a b"],"env":{"AWS_DEFAULT_PROFILE":null,"AWS_PROFILE":"new\u001b"},"keep":{"previous":"old"}}` + "\n"
	if got := c.String(); got != want {
		t.Errorf("got %s want %s", got, want)
	}
	if got := New(Nu).String(); got != "{}\n" {
		t.Errorf("empty code: %q", got)
	}
}

package shell

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/shellcode"
)

// Every form of the init parses in its own shell and sets what it was
// asked to (TestInitRegistersItsCompletion: what it completes).
func TestInitParsesInItsShell(t *testing.T) {
	check := map[shellcode.Shell][]string{shellcode.Bash: {"bash", "-n"}, shellcode.Zsh: {"zsh", "-n"}, shellcode.Fish: {"fish", "--no-execute"}}
	for _, sh := range shellcode.Shells {
		for _, prompt := range []bool{true, false} {
			for _, auto := range []bool{true, false} {
				code := Init(sh, prompt, auto)
				var out []byte
				var err error
				if sh == shellcode.Nu {
					// nushell parses the whole file before it runs any of it.
					out, err = runNu(t, code+"\nprint -n $env.__awsp.auto\n", nil)
				} else {
					cmd := exec.Command(check[sh][0], check[sh][1:]...)
					cmd.Stdin = strings.NewReader(code)
					out, err = cmd.CombinedOutput()
				}
				if err != nil {
					t.Errorf("%s init (prompt %v, auto %v) does not parse: %v\n%s", sh, prompt, auto, err, out)
				}
				want := map[bool]string{true: "1", false: "0"}[auto]
				if sh == shellcode.Nu {
					if string(out) != map[bool]string{true: "true", false: "false"}[auto] {
						t.Errorf("nu init: auto %v came out as %q", auto, out)
					}
				} else if !strings.Contains(code, "__awsp_auto="+want) && !strings.Contains(code, "__awsp_auto "+want) {
					t.Errorf("%s init: auto %v not set", sh, auto)
				}
			}
		}
	}
}

// The init, sourced by an interactive shell, registers awsp's completion
// with that shell: the completion function bash and zsh name for awsp,
// the candidates fish offers for "awsp --ini", the completer nushell ties
// to awsp's arguments.
func TestInitRegistersItsCompletion(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		sh   shellcode.Shell
		argv []string // the init is in the file named by the last word
		want string
	}{
		{shellcode.Bash, []string{"bash", "--norc", "-i", "-c", `. "$0"; complete -p awsp`}, "complete -o nosort -F _awsp_complete awsp\n"},
		{shellcode.Zsh, []string{"zsh", "-f", "-i", "-c", `autoload -Uz compinit; compinit -u -D; . "$0"; print -r -- $_comps[awsp]`}, "_awsp\n"},
		{shellcode.Fish, []string{"fish", "--no-config", "-i", "-c", `source $argv[1]; complete -C "awsp --ini"`, "--"}, "--init\tthe integration for bash, zsh, fish or nu\n"},
		{shellcode.Nu, []string{"nu", "--no-config-file", "-c", `source init.nu; scope commands | where name == awsp | get 0.signatures | values | flatten | where parameter_name == args | get 0.completion | print`}, "__awsp_complete\n"},
	} {
		file := filepath.Join(dir, "init."+string(tc.sh))
		if err := os.WriteFile(file, []byte(Init(tc.sh, true, false)), 0o600); err != nil {
			t.Fatal(err)
		}
		argv := append(tc.argv, file)
		if tc.sh == shellcode.Nu {
			argv = tc.argv // nushell's source takes a literal path: run in dir
		}
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Dir = dir
		cmd.Env = []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH"), "TERM=dumb", "XDG_CONFIG_HOME=" + dir}
		out, _ := cmd.Output()
		if string(out) != tc.want {
			t.Errorf("%s registers %q, want %q", tc.sh, out, tc.want)
		}
	}
}

// runNu runs script with nushell, without the person's config, with
// extra PATH entries first.
func runNu(t *testing.T, script string, path []string) ([]byte, error) {
	t.Helper()
	if _, err := exec.LookPath("nu"); err != nil {
		t.Fatal("nu is required (test.sh installs it)")
	}
	file := filepath.Join(t.TempDir(), "script.nu")
	if err := os.WriteFile(file, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("nu", "--no-config-file", file)
	cmd.Env = append(os.Environ(), "PATH="+strings.Join(append(path, os.Getenv("PATH")), ":"))
	return cmd.CombinedOutput()
}

// TestNuAppliesDocument: awsp.nu applies the binary's document as it is
// (a hostile value stays a value), keeps its state out of the
// environment of programs, changes no variable but AWS_ ones whatever a
// document says, and applies nothing when the login it runs first fails.
func TestNuAppliesDocument(t *testing.T) {
	c := shellcode.New(shellcode.Nu)
	c.Set("__awsp_previous", "old")
	c.Export("AWS_PROFILE", "a 'b' $(c)\x1b\"\\")
	c.Unset("AWS_DEFAULT_PROFILE")
	failing := shellcode.New(shellcode.Nu)
	failing.IfAWS("sso", "login", "--profile", "x")
	failing.Export("AWS_PROFILE", "after-login")
	failing.End()
	bin := t.TempDir()
	os.WriteFile(filepath.Join(bin, "aws"), []byte("#!/bin/sh\nexit 1\n"), 0o755)
	script := Init(shellcode.Nu, true, false) + `
$env.AWS_DEFAULT_PROFILE = 'x'
` + c.InitLine() + `
__awsp_apply ('{"env": {"PATH": "/nowhere", "HOME": null}}' | from json)
try { ` + strings.TrimSuffix(failing.InitLine(), "\n") + ` } catch { print -n 'login failed|' }
print -n $"(^printenv AWS_PROFILE)|($env.__awsp.previous)|($env.AWS_DEFAULT_PROFILE? | default unset)|(^env | lines | where ($it starts-with __awsp) | length)|($env.HOME? != null)"
`
	out, err := runNu(t, script, []string{bin})
	if want := "login failed|a 'b' $(c)\x1b\"\\|old|unset|0|true"; err != nil || string(out) != want {
		t.Errorf("got %q (%v), want %q", out, err, want)
	}
}

// TestRenderKeyIsTheGoDefinition holds the re-render key of each shell's
// prompt hook, and the test for an identity, to prompt.RenderVars and
// prompt.IdentityVars: a variable the segment is made from, missing in
// one shell, would leave that shell's segment stale.
func TestRenderKeyIsTheGoDefinition(t *testing.T) {
	ref := map[string]func(string) string{
		"awsp.bash": func(v string) string { return "${" + v + "-}" },
		"awsp.zsh":  func(v string) string { return "${" + v + "-}" },
		"awsp.fish": func(v string) string { return "$" + v },
		"awsp.nu":   func(v string) string { return "($env." + v + "? | default '')" },
	}
	for file, r := range ref {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		src := string(data)
		join := func(vars []string, sep string) string {
			parts := make([]string, len(vars))
			for i, v := range vars {
				parts[i] = r(v)
			}
			return strings.Join(parts, sep)
		}
		key := `"` + join(prompt.RenderVars, "|") + `"`
		if n := strings.Count(src, key); n != 1 {
			t.Errorf("%s: the re-render key %s appears %d times, want once", file, key, n)
		}
		// Every other key-like line would be a second definition.
		if n := strings.Count(src, r("AWS_PROFILE")+"|"); n != 1 {
			t.Errorf("%s: %d re-render keys, want 1", file, n)
		}
		if who := join(prompt.IdentityVars, ""); !strings.Contains(src, who) {
			t.Errorf("%s: no test for an identity as %s", file, who)
		}
	}
}

// unescapedBuiltin is a builtin (or command) in command position without
// the \builtin (\command) before it that keeps an alias of the same name
// out: a person's rc file may alias any of them (local, command, ...).
var unescapedBuiltin = regexp.MustCompile(`(?m)(?:^|[;&|({]|\bthen|\bdo|\belse)\s*(local|return|eval|typeset|unset|export|unalias|printf|echo|read|shift|shopt|type|declare|emulate|autoload|compctl|setopt|whence|true|false|command|cd|test|builtin)\b`)

// TestNoUnescapedBuiltin: every builtin and command in the bash and zsh
// code awsp puts in a person's shell is called as \builtin or \command.
func TestNoUnescapedBuiltin(t *testing.T) {
	for _, file := range []string{"awsp.bash", "awsp.zsh", "../completions/awsp.bash", "../completions/_awsp"} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "#") {
				continue
			}
			if m := unescapedBuiltin.FindStringSubmatch(line); m != nil {
				t.Errorf("%s:%d: %s without \\builtin or \\command: %s", file, i+1, m[1], strings.TrimSpace(line))
			}
		}
	}
}

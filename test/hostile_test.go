package test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/sample"
)

// envSecret is in the environment of every process of these tests: a
// .awsprofile linked to /proc/self/environ would show it.
const envSecret = "ENVIRONSECRET0042"

// hostileRepos writes, under ~/src, the .awsprofile files and directory
// names a cloned repository could hold, and returns the directories with
// what awsp must say in each.
func hostileRepos(t *testing.T, h string) map[string]string {
	t.Helper()
	src := filepath.Join(h, "src")
	token := filepath.Join(h, sample.SSOCache("corp"))
	dirs := map[string]string{
		"h0-environ":                   "symlink to a file outside its directory",
		"h1-token":                     "symlink to a file outside its directory",
		"h2-big":                       "larger than the 1 KiB awsp reads",
		"h3-binary":                    "is not text",
		"h4-escape":                    "holds control or invisible characters",
		"h5-fifo":                      "is not a regular file",
		"h6-t\x1b]2;pwned-dir\x07itle": `h6-t\x1b]2;pwned-dir\x07itle/.awsprofile asks for profile dev`,
		"h7-bidi\u202eved":             `h7-bidi\u202eved/.awsprofile asks for profile dev`,
		"h8-region":                    "line 2 is not region=REGION",
	}
	for d := range dirs {
		os.MkdirAll(filepath.Join(src, d, "sub"), 0o755)
	}
	p := func(d string) string { return filepath.Join(src, d, ".awsprofile") }
	os.Symlink("/proc/self/environ", p("h0-environ"))
	os.Symlink(token, p("h1-token"))
	os.WriteFile(p("h2-big"), bytes.Repeat([]byte("dev\n"), 1000), 0o644)
	os.WriteFile(p("h3-binary"), []byte("\x00\x01\x02\xff"+envSecret), 0o644)
	os.WriteFile(p("h4-escape"), []byte("dev\x1b]2;pwned-title\x07\n"), 0o644)
	if err := exec.Command("mkfifo", p("h5-fifo")).Run(); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(p("h6-t\x1b]2;pwned-dir\x07itle"), []byte("dev\n"), 0o644)
	os.WriteFile(p("h7-bidi\u202eved"), []byte("dev\n"), 0o644)
	os.WriteFile(p("h8-region"), []byte("dev\nregion=\x1b[2J\n"), 0o644)
	return dirs
}

// unsafeOnScreen is what must never reach a terminal from a file: a
// secret, and the escapes (ESC, BEL, CSI, bidi overrides) that retitle
// or rewrite it.
func unsafeOnScreen(s string, secrets ...string) string {
	for _, secret := range secrets {
		if strings.Contains(s, secret) {
			return "the secret " + secret
		}
	}
	if i := strings.IndexAny(s, "\x1b\x07\u009b\u202e"); i >= 0 {
		return "a raw control character"
	}
	return ""
}

// TestHostileRepositoryCommands: from inside each hostile tree, every
// command that reads .awsprofile files says in one clean line why it
// refuses the file, and prints no secret: neither the environment's nor
// the SSO token's.
func TestHostileRepositoryCommands(t *testing.T) {
	h := homeWith(t, "")
	dirs := hostileRepos(t, h)
	for d, want := range dirs {
		for _, args := range [][]string{{"--lint"}, {"--lint", "--json"}, {"--allow"}, {"--eval", "bash", "--protocol", protocol, "--chdir"}, {"--eval", "fish", "--protocol", protocol, "--allow"}, {"-l"}} {
			cmd := exec.Command(filepath.Join(binDir, "awsp-real"), args...)
			cmd.Dir = filepath.Join(h, "src", d, "sub")
			cmd.Env = []string{"HOME=" + h, "PATH=/usr/bin:/bin", "NO_COLOR=1", "AWS_SECRET_ACCESS_KEY=" + envSecret}
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			out := stdout.String() + stderr.String()
			// The SSO token's secrets, and any of its keys (expiresAt):
			// no byte of the token file may show.
			if bad := unsafeOnScreen(out, append([]string{envSecret, `expiresAt"`}, sample.Secrets...)...); bad != "" {
				t.Errorf("%q: awsp %q printed %s:\n%q", d, args, bad, out)
			}
			if cmd.ProcessState.ExitCode() > 2 || err != nil && cmd.ProcessState == nil {
				t.Errorf("%q: awsp %q: %v", d, args, err)
			}
			wantSaid := want
			if args[0] == "--lint" && args[len(args)-1] == "--json" {
				wantSaid = strings.ReplaceAll(want, `\`, `\\`)
			}
			if shown, ok := strings.CutSuffix(want, "/.awsprofile asks for profile dev"); ok {
				// A good file in a directory with escapes in its name: the
				// lint has nothing to say of it, --allow trusts it and the
				// hook then switches, each naming it escaped.
				wantSaid = map[string]string{
					"--lint":  "",
					"--allow": "awsp: allowed ~/src/" + shown + "/.awsprofile (profile dev)\n",
					"--chdir": "awsp: ~/src/" + shown + "/.awsprofile: switching to dev\n",
				}[args[len(args)-1]]
				if args[len(args)-1] == "--json" && strings.Contains(out, ".awsprofile") || args[0] == "--lint" && strings.Contains(out, "/.awsprofile:") {
					t.Errorf("%q: awsp %q reports a good file:\n%s", d, args, out)
				}
			}
			if args[0] != "-l" && !strings.Contains(out, wantSaid) {
				t.Errorf("%q: awsp %q does not say %q:\n%s", d, args, wantSaid, out)
			}
		}
	}
}

// TestHostileRepositoryShells: a person with --auto walks into each
// hostile tree in bash, zsh, fish and nushell: the shell stays on its profile,
// the screen shows why in clean text, no secret, and nothing retitles
// the terminal.
func TestHostileRepositoryShells(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "nu"} {
		t.Run(shell, func(t *testing.T) {
			h := homeWith(t, " --auto")
			dirs := hostileRepos(t, h)
			export := map[string]string{"bash": ".bashrc", "zsh": ".zshrc", "fish": ".config/fish/config.fish", "nu": ".config/nushell/config.nu"}[shell]
			line := map[string]string{"fish": "set -gx AWS_SECRET_ACCESS_KEY " + envSecret + "\n",
				"nu": "$env.AWS_SECRET_ACCESS_KEY = '" + envSecret + "'\n"}[shell]
			if line == "" {
				line = "export AWS_SECRET_ACCESS_KEY=" + envSecret + "\n"
			}
			rc, _ := os.ReadFile(filepath.Join(h, export))
			os.WriteFile(filepath.Join(h, export), append([]byte(line), rc...), 0o644)
			tm := startShell(t, shell, h)
			tm.run("awsp sso")
			for d, want := range dirs {
				if tm.nu && strings.Contains(d, "\x1b") {
					continue // nushell's cd cannot enter a directory whose name holds an escape sequence
				}
				tm.clear()
				dir := "~/src/" + d[:strings.IndexByte(d, '-')+1] + "*/sub"
				if tm.nu { // nushell's cd takes no pattern
					dir = "(glob " + dir + " | first)"
				}
				tm.run("cd " + dir)
				said := strings.ReplaceAll(want, "\x1b", "")
				tm.waitFor(said[:min(len(said), 20)])
				tm.profileIs("sso")
				if bad := unsafeOnScreen(tm.screen(), envSecret); bad != "" {
					t.Errorf("%q: the screen shows %s:\n%s", d, bad, tm.screen())
				}
				if title, _ := exec.Command("tmux", "-S", tm.sock, "display-message", "-p", "-t", "0", "#{pane_title}").Output(); strings.Contains(string(title), "pwned") {
					t.Errorf("%q retitled the terminal: %q", d, title)
				}
			}
			tm.clear()
			tm.run("cd ~/src/h0-environ")
			tm.run("awsp --allow")
			tm.waitFor("symlink to a file outside its directory")
			if bad := unsafeOnScreen(tm.screen(), envSecret); bad != "" {
				t.Errorf("awsp --allow shows %s:\n%s", bad, tm.screen())
			}
		})
	}
}

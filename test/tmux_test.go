// Package test drives the real bash, zsh, fish and nushell in tmux, as a
// person would: it types, presses Tab and Enter, and reads the screen.
package test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/sample"
	"github.com/awsp-dev/awsp/shell"
)

var binDir string // holds the awsp built for these tests, and its wrapper

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "awsp-test-bin-")
	if err != nil {
		panic(err)
	}
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Dir(filepath.Dir(file))
	for _, cmd := range []string{"awsp", "awsp-prompt", "awsp-net"} {
		real := filepath.Join(dir, cmd+"-real")
		build := exec.Command("go", "build", "-o", real, "./cmd/"+cmd)
		build.Dir = root
		build.Env = append(os.Environ(), "CGO_ENABLED=0") // as install.sh builds it
		build.Stderr = os.Stderr
		if err := build.Run(); err != nil {
			panic(err)
		}
		// The wrapper logs every start, so a test can count the
		// processes a prompt started.
		wrapper := "#!/bin/sh\n[ -n \"$AWSP_TEST_LOG\" ] && echo \"" + cmd + " $*\" >> \"$AWSP_TEST_LOG\"\nexec \"" + real + "\" \"$@\"\n"
		if err := os.WriteFile(filepath.Join(dir, cmd), []byte(wrapper), 0o755); err != nil {
			panic(err)
		}
	}
	// date is logged too: fish once ran one on every prompt.
	date := "#!/bin/sh\n[ -n \"$AWSP_TEST_LOG\" ] && echo \"date $*\" >> \"$AWSP_TEST_LOG\"\nexec /bin/date \"$@\"\n"
	if err := os.WriteFile(filepath.Join(dir, "date"), []byte(date), 0o755); err != nil {
		panic(err)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// term is one shell running in its own tmux server.
type term struct {
	t    *testing.T
	sock string
	home string
	log  string
	nu   bool // nushell: its own syntax for echo and variables
}

func requireTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is required (test.sh installs it): %v", tool, err)
		}
	}
}

// shellPath is the shell binary the tests run: AWSP_TEST_BASH,
// AWSP_TEST_ZSH, AWSP_TEST_FISH or AWSP_TEST_NU when set (another build, such as the
// bash 3.2 of macOS built from source), else the shell on PATH.
func shellPath(shell string) string {
	if p := os.Getenv("AWSP_TEST_" + strings.ToUpper(shell)); p != "" {
		return p
	}
	return shell
}

// startShell runs shell in tmux with home as HOME, the rc file given, and
// awsp's integration loaded by that rc.
func startShell(t *testing.T, shell, home string) *term {
	t.Helper()
	return startShellWith(t, shell, home)
}

// startShellWith is startShell with more arguments for the shell.
func startShellWith(t *testing.T, shell, home string, args ...string) *term {
	t.Helper()
	return startCommand(t, home, shellCommand(shell, home, args...)...)
}

// startShellSized is startShell on a terminal of cols columns.
func startShellSized(t *testing.T, shell, home string, cols int) *term {
	t.Helper()
	return startCommandSized(t, home, cols, shellCommand(shell, home)...)
}

// shellCommand is the command line that starts shell as a person's
// interactive shell with home's rc file, and args.
func shellCommand(shell, home string, args ...string) []string {
	var cmd []string
	switch shell {
	case "bash":
		cmd = []string{shellPath(shell), "--noprofile", "--rcfile", filepath.Join(home, ".bashrc"), "-i"}
	case "zsh", "fish":
		cmd = []string{shellPath(shell), "-i"}
	case "nu": // interactive on a terminal; its config under XDG_CONFIG_HOME
		cmd = []string{shellPath(shell)}
	}
	return append(cmd, args...)
}

// zshModules is the line that lets a zsh built elsewhere
// (../shared/shells/zsh-5.8, run through its wrapper) find its modules,
// or "": zsh ignores MODULE_PATH from the environment, for security, so
// the wrapper cannot set it, and the build's own path is gone.
func zshModules(zsh string) string {
	if filepath.Base(zsh) != "zsh" || !filepath.IsAbs(zsh) {
		return ""
	}
	dirs, _ := filepath.Glob(filepath.Join(filepath.Dir(zsh), "lib", "zsh", "*"))
	if len(dirs) != 1 {
		return ""
	}
	return "module_path=(" + dirs[0] + " $module_path)\n"
}

// zshModulesBeside writes zshModules to the home's .zshenv, as the
// person's /etc/zshenv would set it.
func zshModulesBeside(t *testing.T, home, zsh string) {
	t.Helper()
	line := zshModules(zsh)
	if line == "" {
		return
	}
	f, err := os.OpenFile(filepath.Join(home, ".zshenv"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.WriteString(line)
}

// startCommand runs a shell command line in tmux with home as HOME.
func startCommand(t *testing.T, home string, cmd ...string) *term {
	t.Helper()
	return startCommandSized(t, home, 220, cmd...)
}

// startCommandSized is startCommand on a terminal of cols columns.
func startCommandSized(t *testing.T, home string, cols int, cmd ...string) *term {
	t.Helper()
	requireTools(t, "tmux", cmd[0])
	livedIn(t, home, filepath.Base(cmd[0]))
	zshModulesBeside(t, home, cmd[0])
	sock := filepath.Join(t.TempDir(), "tmux.sock")
	tm := &term{t: t, sock: sock, home: home, log: filepath.Join(home, "awsp-starts.log"), nu: filepath.Base(cmd[0]) == "nu"}
	env := []string{"HOME=" + home, "ZDOTDIR=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_DATA_HOME=" + filepath.Join(home, ".local/share"), "PATH=" + binDir + ":/usr/local/bin:/usr/bin:/bin",
		"TERM=xterm-256color", "LANG=C.UTF-8", "AWSP_TEST_LOG=" + tm.log, "AWSP_CONFIG=" + filepath.Join(home, "awsp.ini")}
	tmuxArgs := []string{"-S", sock, "-f", "/dev/null", "new-session", "-d", "-x", fmt.Sprint(cols), "-y", "50", "env", "-i"}
	tmuxArgs = append(tmuxArgs, env...)
	tmuxArgs = append(tmuxArgs, cmd...)
	if out, err := exec.Command("tmux", tmuxArgs...).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-S", sock, "kill-server").Run() })
	tm.mark("READY")
	tm.waitFor("READY-42")
	return tm
}

// livedIn gives home the history a person's shell has (unless the test
// wrote one): a shell that starts from an empty history hides what reads
// it (fish 3.6 once printed an error at every prompt, but only with a
// history).
func livedIn(t *testing.T, home, shell string) {
	t.Helper()
	const when = 1796400000 // 2026-12-04, a day before fixedNow's world
	histories := map[string]struct{ path, text string }{
		"fish": {".local/share/fish/fish_history", "- cmd: aws sts get-caller-identity\n  when: %d\n- cmd: cd ~/src/infra-prod\n  when: %d\n  paths:\n    - ~/src/infra-prod\n- cmd: terraform plan\n  when: %d\n"},
		"bash": {".bash_history", "#%d\naws sts get-caller-identity\n#%d\ncd ~/src/infra-prod\n#%d\nterraform plan\n"},
		"zsh":  {".zsh_history", ": %d:0;aws sts get-caller-identity\n: %d:0;cd ~/src/infra-prod\n: %d:0;terraform plan\n"},
		"nu":   {".config/nushell/history.txt", "aws sts get-caller-identity\ncd ~/src/infra-prod\nterraform plan\n%.0d%.0d%.0d"},
	}
	h, ok := histories[shell]
	if !ok {
		return
	}
	path := filepath.Join(home, h.path)
	if _, err := os.Stat(path); err == nil {
		return
	}
	writeFiles(t, home, map[string]string{h.path: fmt.Sprintf(h.text, when, when+60, when+120)})
}

// mark has the shell print word-42, by a line that does not itself
// show it: the screen then holds the output, not the typing.
func (tm *term) mark(word string) {
	tm.t.Helper()
	if tm.nu {
		tm.run(`print $"` + word + `-(42)"`)
	} else {
		tm.run(`echo ` + word + `-"4"2`)
	}
}

var envRef = regexp.MustCompile(`\$([A-Z_][A-Z0-9_]*)`)

// echo has the shell print text, where $NAME is the environment
// variable NAME, empty when unset (nushell's form written for it).
func (tm *term) echo(text string) {
	tm.t.Helper()
	if tm.nu {
		tm.run(`print $"` + envRef.ReplaceAllString(text, `($$env.$1? | default '')`) + `"`)
	} else {
		tm.run(`echo "` + text + `"`)
	}
}

// keys sends tmux key names (Enter, Tab, Escape, Up, C-u, ...).
func (tm *term) keys(keys ...string) {
	tm.t.Helper()
	args := append([]string{"-S", tm.sock, "send-keys", "-t", "0"}, keys...)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		tm.t.Fatalf("send-keys: %v: %s", err, out)
	}
}

// typeText types text literally.
func (tm *term) typeText(text string) {
	tm.t.Helper()
	if out, err := exec.Command("tmux", "-S", tm.sock, "send-keys", "-t", "0", "-l", text).CombinedOutput(); err != nil {
		tm.t.Fatalf("send-keys: %v: %s", err, out)
	}
}

// run types a command line and presses Enter. Nushell's line editor
// keeps one line typed ahead while a command runs and drops the rest, so
// there each line waits for the prompt; the other shells keep them all,
// and take them as a person types them, ahead.
func (tm *term) run(line string) {
	tm.t.Helper()
	if tm.nu {
		tm.waitPrompt()
	}
	tm.typeText(line)
	tm.keys("Enter")
}

// answer types text and Enter at a question: no prompt to wait for.
func (tm *term) answer(text string) {
	tm.t.Helper()
	tm.typeText(text)
	tm.keys("Enter")
}

// waitPrompt polls until the cursor stands just after a prompt ending in
// "$ " (the tests' own) or "> " (nushell's default) with nothing typed.
func (tm *term) waitPrompt() {
	tm.t.Helper()
	var out []byte
	for i := 0; i < 200; i++ {
		out, _ = exec.Command("tmux", "-S", tm.sock, "display-message", "-p", "-t", "0", "#{cursor_x} #{cursor_y}").Output()
		var x, y int
		if _, err := fmt.Sscan(string(out), &x, &y); err == nil {
			pane, _ := exec.Command("tmux", "-S", tm.sock, "capture-pane", "-p", "-t", "0").Output()
			// tmux leaves out the spaces that end a line.
			if lines := strings.Split(string(pane), "\n"); y < len(lines) && x >= 2 {
				line := lines[y] + strings.Repeat(" ", max(0, x-len(lines[y])))
				if strings.HasSuffix(line[:x], "$ ") || strings.HasSuffix(line[:x], "> ") {
					return
				}
			}
		}
		time.Sleep(50 * time.Millisecond) // a poll, not a timing
	}
	tm.t.Fatalf("the shell never came back to its prompt (cursor %s):\n%q", out, tm.screen())
}

func (tm *term) screen() string {
	out, err := exec.Command("tmux", "-S", tm.sock, "capture-pane", "-p", "-J", "-t", "0", "-S", "-200").Output()
	if err != nil {
		tm.t.Fatalf("capture-pane: %v", err)
	}
	return string(out)
}

// screenWithEscapes is the screen with its colours, as tmux re-encodes
// them: a colour a program sent shows here.
func (tm *term) screenWithEscapes() string {
	out, err := exec.Command("tmux", "-S", tm.sock, "capture-pane", "-e", "-p", "-J", "-t", "0", "-S", "-200").Output()
	if err != nil {
		tm.t.Fatalf("capture-pane: %v", err)
	}
	return string(out)
}

// waitFor polls the screen until it shows want. The bound only keeps a
// broken shell from hanging the suite; no assertion is made about time.
func (tm *term) waitFor(want string) string {
	tm.t.Helper()
	var s string
	for i := 0; i < 200; i++ {
		s = tm.screen()
		if strings.Contains(s, want) {
			return s
		}
		time.Sleep(50 * time.Millisecond)
	}
	tm.t.Fatalf("the screen never showed %q:\n%s", want, s)
	return ""
}

// waitForLine polls until a line of the screen contains want and none of
// avoid (the line typed to cause it, say), and returns that line.
func (tm *term) waitForLine(want string, avoid ...string) string {
	tm.t.Helper()
	var s string
	for i := 0; i < 200; i++ {
		s = tm.screen()
		lines := strings.Split(s, "\n")
		for j := len(lines) - 1; j >= 0; j-- {
			if strings.Contains(lines[j], want) && !containsAny(lines[j], avoid) {
				return lines[j]
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	tm.t.Fatalf("no line showed %q without %q:\n%s", want, avoid, s)
	return ""
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// cancelLine closes a completion menu and empties the command line.
// Nushell's line editor takes Escape and a key sent just after it for
// one Alt-key: Ctrl-C clears its line instead.
func (tm *term) cancelLine() {
	tm.t.Helper()
	if tm.nu {
		tm.keys("C-c")
		return
	}
	tm.keys("Escape")
	tm.keys("C-u")
}

// shellError is how bash, zsh, fish and nushell report a failure of
// their own (not awsp's one-line messages): none must ever show.
var shellError = regexp.MustCompile(`Unknown function|in function '|command not found|bad substitution|parse error|syntax error|Error: |\(line [0-9]+\):`)

// noShellErrors fails the test when the screen shows a shell's own error:
// the integration must never break a prompt, whatever the test waits for.
func (tm *term) noShellErrors() {
	tm.t.Helper()
	if s := tm.screen(); shellError.MatchString(s) {
		tm.t.Errorf("the shell reported an error: %q\n%s", shellError.FindString(s), s)
	}
}

// clear empties the screen and the scrollback, so the next waitFor sees
// only what comes after.
func (tm *term) clear() {
	tm.t.Helper()
	tm.noShellErrors()
	tm.keys("C-u")
	tm.run("clear")
	exec.Command("tmux", "-S", tm.sock, "clear-history", "-t", "0").Run()
	tm.mark("CLEARED")
	tm.waitFor("CLEARED-42")
	exec.Command("tmux", "-S", tm.sock, "clear-history", "-t", "0").Run()
}

// profileIs has the shell show its AWS_PROFILE and waits for want.
func (tm *term) profileIs(want string) {
	tm.t.Helper()
	tm.echo(`<<$AWS_PROFILE>>`)
	tm.waitFor("<<" + want + ">>")
}

// waitMainScreen polls until the pane has left the alternate screen: a
// picker has closed.
func (tm *term) waitMainScreen() {
	tm.t.Helper()
	for i := 0; i < 200; i++ {
		out, _ := exec.Command("tmux", "-S", tm.sock, "display-message", "-p", "-t", "0", "#{alternate_on}").Output()
		if strings.TrimSpace(string(out)) == "0" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	tm.t.Fatalf("the picker never closed:\n%s", tm.screen())
}

// startsOnQuietPrompts presses Enter on a few empty lines and counts the
// processes (awsp, awsp-prompt, date) those prompts started.
func (tm *term) startsOnQuietPrompts() int {
	tm.t.Helper()
	tm.clear()
	os.Remove(tm.log)
	for i := 0; i < 5; i++ {
		tm.keys("Enter")
	}
	tm.mark("QUIET")
	tm.waitFor("QUIET-42")
	return tm.starts()
}

// starts counts the awsp processes started since the log was last reset.
func (tm *term) starts() int {
	data, _ := os.ReadFile(tm.log)
	return strings.Count(string(data), "\n")
}

// writeFiles writes files (paths relative to dir), making their
// directories.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	if err := sample.Write(dir, files); err != nil {
		t.Fatal(err)
	}
}

// tempHome is a HOME removed after the test's shells are gone: a shell
// killed with its tmux server may still write its history or awsp its
// cache for a moment, which t.TempDir would report as a failure.
func tempHome(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "awsp-home-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for i := 0; i < 40 && os.RemoveAll(dir) != nil; i++ {
			time.Sleep(50 * time.Millisecond)
		}
	})
	return dir
}

// protocol is what this awsp's shell functions pass as --protocol, for the
// tests that run the binary as they do.
var protocol = strconv.Itoa(shell.Protocol)

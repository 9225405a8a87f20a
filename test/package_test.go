package test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/sample"
	"github.com/awsp-dev/awsp/internal/testenv"
)

// TestDebPackage installs the .deb a release snapshot made
// (AWSP_TEST_DEB; test.sh builds one with goreleaser release --snapshot)
// with dpkg, as a person would, and uses only what it installed: the demo
// from /usr/bin, completion from the files the package put where
// bash-completion, zsh and fish look, and the man page. Removing the
// package leaves none of its files behind. It changes the machine, so it
// runs only when asked, as root, where awsp is not installed already.
func TestDebPackage(t *testing.T) {
	deb := os.Getenv("AWSP_TEST_DEB")
	if deb == "" {
		testenv.Needed(t, "AWSP_TEST_DEB is not set (test.sh sets it to the snapshot's .deb)")
	}
	if os.Geteuid() != 0 {
		testenv.Needed(t, "dpkg -i needs root")
	}
	requireTools(t, "dpkg", "tmux", "bash", "zsh", "fish", "man")
	if exec.Command("dpkg", "-s", "awsp").Run() == nil {
		t.Fatal("a package awsp is installed here already: the test will not replace it; dpkg -r awsp first")
	}
	if out, err := exec.Command("dpkg", "-i", deb).CombinedOutput(); err != nil {
		t.Fatalf("dpkg -i: %v\n%s", err, out)
	}
	listed, err := exec.Command("dpkg", "-L", "awsp").Output()
	removed := false
	remove := func() {
		if !removed {
			removed = true
			if out, err := exec.Command("dpkg", "-r", "awsp").CombinedOutput(); err != nil {
				t.Errorf("dpkg -r: %v\n%s", err, out)
			}
		}
	}
	t.Cleanup(remove)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range strings.Split(strings.TrimSpace(string(listed)), "\n") {
		if st, err := os.Stat(f); err == nil && !st.IsDir() {
			files = append(files, f)
		}
	}
	for _, want := range []string{"/usr/bin/awsp", "/usr/bin/awsp-prompt", "/usr/bin/awsp-net", "/usr/share/man/man1/awsp.1", "/usr/share/bash-completion/completions/awsp",
		"/usr/share/zsh/vendor-completions/_awsp", "/usr/share/fish/vendor_completions.d/awsp.fish"} {
		if !slices.Contains(files, want) {
			t.Errorf("the package does not install %s: %q", want, files)
		}
	}
	if out, err := exec.Command("man", "-w", "awsp").Output(); err != nil || strings.TrimSpace(string(out)) != "/usr/share/man/man1/awsp.1" {
		t.Errorf("man -w awsp: %q %v", out, err)
	}

	for _, shell := range []string{"bash", "zsh", "fish"} {
		t.Run("demo-"+shell, func(t *testing.T) {
			tm := startSystem(t, tempHome(t), "/usr/bin/awsp", "--demo", shell)
			tm.waitFor("no AWS account needed")
			tm.run("awsp dev")
			tm.waitForLine("dev ← identity ← sso 1h5", "awsp")
		})
		// Completion from the installed file alone: no init, no rc file.
		t.Run("completion-"+shell, func(t *testing.T) {
			h := tempHome(t) // removed once the shell is gone: it writes its history there
			writeFiles(t, h, sample.Files(time.Now()))
			var tm *term
			switch shell {
			case "bash":
				tm = startSystem(t, h, "bash", "--norc", "--noprofile", "-i")
				tm.run("source /usr/share/bash-completion/completions/awsp")
			case "zsh":
				tm = startSystem(t, h, "zsh", "-f", "-i")
				tm.run("autoload -Uz compinit && compinit -u -D")
			case "fish":
				tm = startSystem(t, h, "fish", "-i") // a home with no config.fish: --no-config would drop the vendor completions
			}
			tm.typeText("echo X-; awsp pro")
			tm.keys("Tab")
			tm.waitFor("awsp prod")
		})
	}

	remove()
	for _, f := range files {
		if _, err := os.Lstat(f); err == nil {
			t.Errorf("dpkg -r left %s", f)
		}
	}
}

// startSystem runs a command in tmux with home as HOME and only the
// system's PATH: what a package installed, not this test's build.
func startSystem(t *testing.T, home string, cmd ...string) *term {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "tmux.sock")
	args := []string{"-S", sock, "-f", "/dev/null", "new-session", "-d", "-x", "200", "-y", "50", "env", "-i",
		"HOME=" + home, "PATH=/usr/bin:/bin", "TERM=xterm-256color", "LANG=C.UTF-8"}
	if out, err := exec.Command("tmux", append(args, cmd...)...).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-S", sock, "kill-server").Run() })
	tm := &term{t: t, sock: sock, home: home}
	if cmd[0] != "/usr/bin/awsp" {
		tm.run(`echo READY-"4"2`)
		tm.waitFor("READY-42")
	}
	return tm
}

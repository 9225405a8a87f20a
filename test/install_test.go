package test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/sample"
	"github.com/awsp-dev/awsp/internal/shellcode"
	"github.com/awsp-dev/awsp/shell"
)

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

// installSh runs install.sh with home as HOME, Go's caches kept from the
// real environment so the build is quick.
func installSh(t *testing.T, home string, args ...string) string {
	t.Helper()
	return installShWith(t, home, nil, args...)
}

// installShWith is installSh with more variables (PREFIX=...).
func installShWith(t *testing.T, home string, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("bash", append([]string{filepath.Join(repoRoot(), "install.sh")}, args...)...)
	goEnv := func(k string) string {
		out, _ := exec.Command("go", "env", k).Output()
		return strings.TrimSpace(string(out))
	}
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "GOCACHE=" + goEnv("GOCACHE"),
		"GOMODCACHE=" + goEnv("GOMODCACHE"), "GOPATH=" + goEnv("GOPATH"), "GOFLAGS=-mod=mod"}
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("install.sh %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// snapshot reads every file under dir, links as links.
func snapshot(t *testing.T, dir string) map[string]string {
	files := map[string]string{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || strings.Contains(p, "/go/") || strings.Contains(p, "/.cache/") {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case info.Mode()&os.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			files[rel] = "link:" + target
		case info.Mode().IsRegular():
			data, _ := os.ReadFile(p)
			files[rel] = string(data)
		}
		return nil
	})
	return files
}

// TestInstall installs on a home with real dotfiles (one without a final
// newline, one a symlink into a dotfiles repo), twice, checks that each
// shell then has awsp, and uninstalls back to the very same bytes.
func TestInstall(t *testing.T) {
	requireTools(t, "bash", "zsh", "fish", "nu")
	home := t.TempDir()
	os.WriteFile(filepath.Join(home, ".bashrc"), []byte("alias ll='ls -l'"), 0o644) // no final newline
	os.MkdirAll(filepath.Join(home, "dotfiles"), 0o755)
	os.WriteFile(filepath.Join(home, "dotfiles", "zshrc"), []byte("export EDITOR=vi\n"), 0o644)
	os.Symlink(filepath.Join(home, "dotfiles", "zshrc"), filepath.Join(home, ".zshrc"))
	before := snapshot(t, home)

	installSh(t, home)
	once := snapshot(t, home)
	out := installSh(t, home)
	if again := snapshot(t, home); !equalMaps(once, again) {
		t.Errorf("a second install changed files:\n%s", out)
	}
	if !strings.HasPrefix(once[".bashrc"], "alias ll='ls -l'\n# >>> awsp >>>\n") || strings.Count(once[".bashrc"], "awsp --init bash") != 1 {
		t.Errorf(".bashrc after install:\n%s", once[".bashrc"])
	}
	if once[".zshrc"] != "link:"+filepath.Join(home, "dotfiles", "zshrc") || !strings.Contains(once["dotfiles/zshrc"], "awsp --init zsh") {
		t.Errorf("the symlinked .zshrc: %q -> %q", once[".zshrc"], once["dotfiles/zshrc"])
	}
	if nu := once[".config/nushell/config.nu"]; strings.Count(nu, "^awsp --init nu") != 1 {
		t.Errorf("nushell's config.nu after install:\n%s", nu)
	}
	for _, f := range []string{".local/bin/awsp", ".local/bin/awsp-prompt", ".local/bin/awsp-net", ".local/share/bash-completion/completions/awsp", ".local/share/zsh/site-functions/_awsp", ".config/fish/completions/awsp.fish", ".config/fish/conf.d/awsp.fish", ".local/share/man/man1/awsp.1"} {
		if _, ok := once[f]; !ok {
			t.Errorf("install did not write %s", f)
		}
	}
	// man finds the page through PATH, as a person's man does.
	if _, err := exec.LookPath("man"); err == nil {
		cmd := exec.Command("man", "-w", "awsp")
		cmd.Env = []string{"HOME=" + home, "PATH=" + filepath.Join(home, ".local", "bin") + ":/usr/bin:/bin"}
		if out, err := cmd.CombinedOutput(); err != nil || strings.TrimSpace(string(out)) != filepath.Join(home, ".local/share/man/man1/awsp.1") {
			t.Errorf("man -w awsp after install: %v %s", err, out)
		}
	}

	// Each shell, started as a person would, has the function, and it
	// runs the binary install.sh put on PATH.
	version, err := exec.Command(filepath.Join(home, ".local", "bin", "awsp"), "--version").Output()
	if err != nil || !strings.HasPrefix(string(version), "awsp ") {
		t.Fatalf("the installed awsp: %v %q", err, version)
	}
	env := []string{"HOME=" + home, "PATH=/usr/bin:/bin", "TERM=dumb"}
	for _, tc := range []struct{ shell, script, want string }{
		{"bash", "type -t awsp; awsp --version", "function\n"},
		{"zsh", "whence -w awsp; awsp --version", "awsp: function\n"},
		{"fish", "functions -q awsp; and echo function; awsp --version", "function\n"},
	} {
		cmd := exec.Command(tc.shell, "-ic", tc.script)
		cmd.Env = env
		out, _ := cmd.Output() // stderr: bash -i's notices without a terminal
		if string(out) != tc.want+string(version) {
			t.Errorf("%s after install: %q, want %q", tc.shell, out, tc.want+string(version))
		}
	}

	// awsp's cache goes with it; its state (the allow list) only when
	// asked, and the config a person wrote never.
	// (and the init nushell's config.nu wrote to its autoload directory)
	writeFiles(t, home, map[string]string{".config/nushell/autoload/awsp.nu": "# init\n", ".cache/awsp/entry": "x", ".local/state/awsp/allow": "/some/.awsprofile\n", ".config/awsp/config": "[profile x]\n"})
	out = installSh(t, home, "--uninstall")
	if _, err := os.Stat(filepath.Join(home, ".cache", "awsp")); err == nil {
		t.Error("--uninstall left awsp's cache")
	}
	if _, err := os.Stat(filepath.Join(home, ".local", "state", "awsp", "allow")); err != nil || !strings.Contains(out, "--purge removes it") {
		t.Errorf("--uninstall removed the allow list, or said nothing of it: %v\n%s", err, out)
	}
	installSh(t, home, "--uninstall", "--purge")
	if _, err := os.Stat(filepath.Join(home, ".config", "awsp", "config")); err != nil {
		t.Errorf("--purge removed the config a person wrote: %v", err)
	}
	os.RemoveAll(filepath.Join(home, ".config", "awsp"))
	if after := snapshot(t, home); !equalMaps(before, after) {
		t.Errorf("uninstall left the home different:\nbefore %q\nafter  %q", before, after)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestInstallLeavesAlone: a read-only rc and one that already loads awsp
// by hand are not touched, by install or uninstall.
func TestInstallLeavesAlone(t *testing.T) {
	requireTools(t, "bash")
	home := t.TempDir()
	bashrc := filepath.Join(home, ".bashrc")
	zshrc := filepath.Join(home, ".zshrc")
	os.WriteFile(bashrc, []byte("# managed by ansible\n"), 0o444)
	os.WriteFile(zshrc, []byte("eval \"$(awsp --init zsh)\"\n"), 0o644)
	out := installSh(t, home)
	if !strings.Contains(out, ".bashrc is read-only: add this to it yourself:") || !strings.Contains(out, ".zshrc already loads awsp") {
		t.Errorf("install said:\n%s", out)
	}
	installSh(t, home, "--uninstall")
	for path, want := range map[string]string{bashrc: "# managed by ansible\n", zshrc: "eval \"$(awsp --init zsh)\"\n"} {
		if data, _ := os.ReadFile(path); string(data) != want {
			t.Errorf("%s changed: %q", filepath.Base(path), data)
		}
	}
	if _, err := os.Stat(bashrc + ".awsp-backup"); err == nil {
		t.Error("a backup of an untouched file")
	}
}

// TestInstallFreshHome installs on a home with no dotfiles at all, as on
// a new Mac: a login bash (which reads ~/.bash_profile, not ~/.bashrc), a
// zsh with only the .zshrc install.sh wrote (no compinit), fish and
// nushell each complete a profile name and show the segment.
func TestInstallFreshHome(t *testing.T) {
	home := tempHome(t)
	installSh(t, home)
	awspHome := homeWith(t, "")
	for _, f := range []string{".aws/config", ".aws/credentials", sample.SSOCache("corp")} {
		data, _ := os.ReadFile(filepath.Join(awspHome, f))
		writeFiles(t, home, map[string]string{f: string(data)})
	}
	if data, _ := os.ReadFile(filepath.Join(home, ".bash_profile")); !strings.Contains(string(data), "awsp --init bash") {
		t.Fatalf("no ~/.bash_profile for login shells: %q", data)
	}
	for name, argv := range map[string][]string{
		"login bash": {shellPath("bash"), "-l", "-i"},
		"zsh":        {shellPath("zsh"), "-i"},
		"fish":       {shellPath("fish"), "-i"},
		"nu":         {shellPath("nu")},
	} {
		t.Run(name, func(t *testing.T) {
			tm := startCommand(t, home, argv...)
			tm.typeText("awsp pro")
			tm.keys("Tab")
			tm.waitFor("awsp prod")
			tm.keys("Enter")
			tm.waitFor("prod ← identity ← sso")
		})
	}
}

// TestInstallDebianHomeOddPrefix installs into a PREFIX that holds a
// space, $, (, quotes and a backtick, on a home made from /etc/skel as
// Debian and Ubuntu make it (~/.profile, no ~/.bash_profile): sh (dash, as
// display managers run it) still reads ~/.profile to its end; each shell
// finds awsp in that prefix and runs nothing of its name; --auto, then a
// plain install, rewrite the block in place; --uninstall gives the very
// same files back.
func TestInstallDebianHomeOddPrefix(t *testing.T) {
	requireTools(t, "bash", "zsh", "fish", "sh")
	home := t.TempDir()
	skel := map[string]string{
		".profile": "# ~/.profile: executed by the command interpreter for login shells.\nif [ -n \"$BASH_VERSION\" ]; then\n    if [ -f \"$HOME/.bashrc\" ]; then\n\t. \"$HOME/.bashrc\"\n    fi\nfi\n",
		".bashrc":  "# ~/.bashrc: executed by bash(1) for non-login shells.\ncase $- in\n    *i*) ;;\n      *) return;;\nesac\nHISTCONTROL=ignoreboth\n",
	}
	writeFiles(t, home, skel)
	// The profile ends with a line sh must still reach.
	writeFiles(t, home, map[string]string{".profile": skel[".profile"] + "echo PROFILE-END\n"})
	before := snapshot(t, home)
	prefix := filepath.Join(home, "odd dir $HOME (x) 'q' \"d\" `touch pwned`")
	env := []string{"PREFIX=" + prefix}
	out := installShWith(t, home, env)
	if !strings.Contains(out, "to follow .awsprofile files on cd, run ./install.sh --auto") {
		t.Errorf("a plain install does not say how to turn on --auto:\n%s", out)
	}
	check := func(flags string) {
		t.Helper()
		for name, argv := range map[string][]string{
			"sh":   {"sh", "-c", ". ~/.profile"},
			"bash": {"bash", "-lic", "type -t awsp; type -P awsp; echo \"${__awsp_auto-}\""},
			"zsh":  {"zsh", "-ic", "whence -w awsp; whence -p awsp; echo \"${__awsp_auto-}\""},
			"fish": {"fish", "-ic", "functions -q awsp; and echo awsp: function; command -v awsp; echo $__awsp_auto"},
		} {
			cmd := exec.Command(argv[0], argv[1:]...)
			cmd.Env = []string{"HOME=" + home, "PATH=/usr/bin:/bin", "TERM=dumb"}
			cmd.Dir = home
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			got, _ := cmd.Output()
			// bash -i without a terminal says so, twice; nothing else may.
			for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
				if line != "" && !strings.Contains(line, "cannot set terminal process group") && !strings.Contains(line, "no job control") {
					t.Errorf("%s said on stderr: %s", name, line)
				}
			}
			auto := map[string]string{"": "0", " --auto": "1"}[flags]
			want := map[string]string{
				"sh":   "PROFILE-END\n",
				"bash": "function\n" + filepath.Join(prefix, "bin", "awsp") + "\n" + auto + "\n",
				"zsh":  "awsp: function\n" + filepath.Join(prefix, "bin", "awsp") + "\n" + auto + "\n",
				"fish": "awsp: function\n" + filepath.Join(prefix, "bin", "awsp") + "\n" + auto + "\n",
			}[name]
			if name == "bash" {
				want = "PROFILE-END\n" + want // a login bash reads ~/.profile
			}
			if string(got) != want {
				t.Errorf("%s (install%s):\n%q\nwant\n%q", name, flags, got, want)
			}
		}
		if _, err := os.Stat(filepath.Join(home, "pwned")); err == nil {
			t.Fatalf("a shell ran a command from the install path")
		}
	}
	check("")
	out = installShWith(t, home, env, "--auto")
	if strings.Count(out, "updated awsp in") < 3 {
		t.Errorf("--auto after an install did not update the blocks:\n%s", out)
	}
	check(" --auto")
	if data, _ := os.ReadFile(filepath.Join(home, ".profile")); strings.Count(string(data), "# >>> awsp >>>") != 1 || !strings.Contains(string(data), shell.RCLines(shellcode.Bash, " --auto")) {
		t.Errorf("~/.profile after install --auto:\n%s", data)
	}
	installShWith(t, home, env)
	check("")
	installShWith(t, home, env, "--uninstall")
	if after := snapshot(t, home); !equalMaps(before, after) {
		t.Errorf("uninstall left the home different:\nbefore %q\nafter  %q", before, after)
	}
}

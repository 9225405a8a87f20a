package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/sample"
	"github.com/awsp-dev/awsp/internal/shellcode"
)

const demoWelcome = `awsp demo: a sample AWS setup in a temporary home, no AWS account needed.
Try:  awsp <TAB>     awsp dev     awsp -     awsp dev-mfa     awsp expired
      awsp           (the picker)  awsp -l    awsp --show     awsp --lint
      awsp exec prod -- env       awsp console dev --url   (one command, the console)
The prompt shows the profile, its chain and the time left. Type exit to leave.
`

// demo starts a shell with the integration loaded on the sample setup, in
// a temporary home that is removed afterwards.
func (a *app) demo() error {
	name := "bash"
	if len(a.opts.Names) > 0 {
		name = a.opts.Names[0]
	} else if s, ok := shellcode.Parse(a.env["SHELL"]); ok {
		name = string(s)
	}
	sh, ok := shellcode.Parse(name)
	if !ok {
		return failf(cli.ExitUsage, "--demo takes bash, zsh, fish or nu, not %q", name)
	}
	shellPath, err := exec.LookPath(string(sh))
	if err != nil {
		return failf(cli.ExitUsage, "%s is not installed", sh)
	}
	exe, err := os.Executable()
	if err != nil {
		return failf(cli.ExitUsage, "cannot find the awsp binary: %v", err)
	}
	home, err := os.MkdirTemp("", "awsp-demo-")
	if err != nil {
		return failf(cli.ExitUsage, "%v", err)
	}
	defer os.RemoveAll(home)
	if err := writeDemoHome(home, a.now()); err != nil {
		return failf(cli.ExitUsage, "writing the demo home: %v", err)
	}

	env := []string{"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"PATH=" + filepath.Dir(exe) + string(os.PathListSeparator) + a.env["PATH"], "SHELL=" + shellPath}
	for _, k := range []string{"TERM", "LANG", "LC_ALL", "LC_CTYPE", "NO_COLOR", "TMUX", "COLORTERM"} {
		if v, ok := a.env[k]; ok {
			env = append(env, k+"="+v)
		}
	}
	var args []string
	switch sh {
	case shellcode.Bash:
		args = []string{"--rcfile", filepath.Join(home, ".bashrc"), "-i"}
	case shellcode.Zsh:
		env = append(env, "ZDOTDIR="+home)
		args = []string{"-i"}
	case shellcode.Fish:
		args = []string{"-i"}
	}
	fmt.Fprint(a.stderr, demoWelcome)
	cmd := exec.Command(shellPath, args...)
	cmd.Dir, cmd.Env = home, env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = a.stdin, a.terminal, a.stderr
	if err := cmd.Run(); err != nil {
		if _, exited := err.(*exec.ExitError); !exited {
			return failf(cli.ExitUsage, "%s: %v", sh, err)
		}
	}
	return nil
}

// writeDemoHome lays out the sample setup as of t, with rc files whose
// prompt says it is the demo.
func writeDemoHome(home string, t time.Time) error {
	files := sample.Files(t)
	for name, text := range sample.RCFiles("demo $ ", "") {
		files[name] = text
	}
	// zsh heads each group of completions with its description.
	files[".zshrc"] = "zstyle ':completion:*' format '%d'\n" + files[".zshrc"]
	return sample.Write(home, files)
}

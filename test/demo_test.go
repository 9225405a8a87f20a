package test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestDemo runs the README's demo in each shell as a newcomer would:
// the welcome, a switch, the chain and time left in the prompt, the
// derived-mfa-serial warning, and the expired session's login command.
func TestDemo(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "nu"} {
		t.Run(shell, func(t *testing.T) {
			requireTools(t, "tmux", shell)
			sock := filepath.Join(t.TempDir(), "tmux.sock")
			// The AWS CLI, as a newcomer has it: awsp offers its login
			// only when aws is on PATH (answered no: it never runs).
			awsDir := t.TempDir()
			if err := os.WriteFile(filepath.Join(awsDir, "aws"), []byte("#!/bin/sh\nexit 1\n"), 0o755); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command("tmux", "-S", sock, "-f", "/dev/null", "new-session", "-d", "-x", "200", "-y", "50",
				"env", "-i", "PATH="+binDir+":"+awsDir+":/usr/bin:/bin", "TERM=xterm-256color", "LANG=C.UTF-8",
				filepath.Join(binDir, "awsp-real"), "--demo", shell).CombinedOutput(); err != nil {
				t.Fatalf("tmux: %v: %s", err, out)
			}
			t.Cleanup(func() { exec.Command("tmux", "-S", sock, "kill-server").Run() })
			tm := &term{t: t, sock: sock, nu: shell == "nu"}
			tm.waitFor("no AWS account needed")
			tm.mark("READY")
			tm.waitFor("READY-42")
			tm.run("awsp dev")
			tm.waitForLine("dev ← identity ← sso 1h5", "awsp")
			tm.run("awsp dev-mfa")
			tm.waitFor("derived-mfa-serial")
			tm.run("awsp expired")
			tm.waitFor("log in with aws sso login --profile legacy? [Y/n]")
			tm.answer("n")
			tm.waitFor("expired ← legacy expired")
			tm.run("awsp exec prod -- env")
			tm.waitForLine("AWS_PROFILE=prod")
			tm.run("awsp console dev --url")
			tm.waitFor("https://signin.aws.amazon.com/switchrole?account=333333333333&roleName=Developer&displayName=dev")
			tm.run("exit")
		})
	}
}

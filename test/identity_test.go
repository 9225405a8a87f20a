package test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/sample"
)

// standIn writes an executable script to home/bin/name.
func standIn(t *testing.T, home, name, script string) {
	t.Helper()
	writeFiles(t, home, map[string]string{"bin/" + name: script})
	if err := os.Chmod(filepath.Join(home, "bin", name), 0o755); err != nil {
		t.Fatal(err)
	}
}

// pathFirst puts home/bin first on the shell's PATH.
var pathFirst = map[string]string{"bash": `PATH="$HOME/bin:$PATH"`, "zsh": `PATH="$HOME/bin:$PATH"`, "fish": `set -gx PATH $HOME/bin $PATH`,
	"nu": `$env.PATH = ($env.PATH | prepend ($env.HOME | path join bin))`}

// Inside an aws-vault exec subshell the prompt shows aws-vault's identity
// and its time left, though AWS_PROFILE is unset there; back in the outer
// shell, the profile again. The stand-in sets what aws-vault v7.2's
// cli/exec.go sets (updateEnvForAwsVault, execEnvironment) and, with no
// command, starts the shell, as aws-vault does.
func TestAWSVaultSubshell(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		t.Run(shell, func(t *testing.T) {
			h := home(t, shell)
			expires := time.Now().Add(45 * time.Minute).UTC().Format(time.RFC3339)
			standIn(t, h, "aws-vault", "#!/bin/sh\n[ \"$1\" = exec ] || exit 2\n"+
				"unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_CREDENTIAL_FILE AWS_DEFAULT_PROFILE AWS_PROFILE AWS_SDK_LOAD_CONFIG\n"+
				"export AWS_VAULT=\"$2\" AWS_ACCESS_KEY_ID=ASIAVAULTSTANDIN AWS_SECRET_ACCESS_KEY=standin-not-secret AWS_SESSION_TOKEN=standin AWS_SECURITY_TOKEN=standin\n"+
				"export AWS_CREDENTIAL_EXPIRATION="+expires+"\nexec "+shellPath(shell)+" -i\n")
			tm := startShell(t, shell, h)
			tm.run(pathFirst[shell])
			tm.run("awsp dev")
			tm.waitForLine("dev ← identity ← sso 1h5", "awsp dev")
			tm.clear()
			tm.run("aws-vault exec prod")
			line := tm.waitForLine("aws-vault:prod 4", "aws-vault exec") // 44m or 45m
			if strings.Contains(line, "⚠") {
				t.Errorf("aws-vault unsets AWS_PROFILE: nothing to warn about: %q", line)
			}
			tm.run("awsp -c")
			tm.waitFor("set by aws-vault for prod, for 4")
			tm.run("exit")
			tm.clear()
			tm.waitForLine("dev ← identity ← sso 1h5")
		})
	}
}

// awsp login, end to end: the shell runs the AWS CLI (a stand-in on PATH
// that records its arguments and writes the token aws sso login would),
// switches only when it succeeds, and the prompt shows the new session at
// once. Switching to a chain whose session has ended offers the login on
// the terminal; no answers no.
func TestLoginInShells(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "nu"} {
		t.Run(shell, func(t *testing.T) {
			d := dialects[shell]
			h := home(t, shell)
			expires := time.Now().Add(8 * time.Hour).UTC().Format(time.RFC3339)
			standIn(t, h, "aws", "#!/bin/sh\n# A stand-in for the AWS CLI.\nprintf '%s\\n' \"$*\" >>\"$HOME/aws-args\"\n[ -e \"$HOME/aws-fails\" ] && exit 1\n"+
				"printf '%s' '{\"startUrl\": \"https://legacy.awsapps.com/start\", \"region\": \"us-east-1\", \"accessToken\": \"standin\", \"expiresAt\": \""+expires+"\"}' >\"$HOME/"+sample.SSOCache("https://legacy.awsapps.com/start")+"\"\n")
			// The sticky profile is on: a switch is kept only once its
			// login succeeded.
			os.WriteFile(filepath.Join(h, "awsp.ini"), []byte("[settings]\nsticky_profile = true\n"), 0o600) // AWSP_CONFIG
			sticky := filepath.Join(h, ".local", "state", "awsp", "profile")
			tm := startShell(t, shell, h)
			tm.run(pathFirst[shell])

			tm.run("awsp expired")
			tm.waitFor("the session of legacy ended 20m ago: log in with aws sso login --profile legacy? [Y/n]")
			tm.answer("n")
			tm.profileIs("expired")
			if _, err := os.Stat(filepath.Join(h, "aws-args")); err == nil {
				t.Fatal("answering n ran the AWS CLI")
			}

			tm.run("awsp -u")
			tm.run("touch ~/aws-fails")
			tm.run("awsp login expired")
			tm.echo("rc=" + d.status)
			tm.waitFor("rc=1")
			tm.profileIs("")
			if data, err := os.ReadFile(sticky); err == nil {
				t.Errorf("a failed login was kept as the sticky profile: %q", data)
			}

			tm.run("rm ~/aws-fails")
			tm.clear()
			tm.run("awsp expired")
			tm.waitFor("[Y/n]")
			tm.keys("Enter")
			tm.waitForLine("expired ← legacy 7h5", "awsp")
			tm.profileIs("expired")
			if data, _ := os.ReadFile(sticky); string(data) != "expired\n" {
				t.Errorf("the sticky profile after the login: %q", data)
			}
			args, _ := os.ReadFile(filepath.Join(h, "aws-args"))
			if string(args) != "sso login --profile legacy\nsso login --profile legacy\n" {
				t.Errorf("the AWS CLI ran with:\n%s", args)
			}
		})
	}
}

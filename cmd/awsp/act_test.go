package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/ssosync"
)

// TestActs: awsp console and awsp exec print exactly what the shell runs,
// and refuse what cannot work in one line with its exit code.
func TestActs(t *testing.T) {
	env := sampleHome(t)
	env["PATH"] = "/nonexistent"
	env["BROWSER"] = "firefox --new-window"
	const prodShortcut = "https://corp.awsapps.com/start/#/console?account_id=111111111111&role_name=Identity&destination=https%3A%2F%2Feu-central-1.console.aws.amazon.com%2Fconsole%2Fhome%3Fregion%3Deu-central-1"
	const prodSwitch = "https://signin.aws.amazon.com/switchrole?account=444444444444&roleName=ReadOnly&displayName=prod"
	for _, c := range []struct {
		args           []string
		stdout, stderr string
		code           int
	}{
		// Without the shell function the addresses are printed.
		{[]string{"console", "prod"}, prodShortcut + "\n" + prodSwitch + "\n",
			"awsp: prod: step 1 of 2: signs in to account 111111111111 as the permission set Identity (sso)\n" +
				"awsp: prod: step 2 of 2, once the console is open: switches to role ReadOnly in account 444444444444; the console switches from the first session alone, not through identity: the role must trust sso's identity (else awsp console --federate)\n", 0},
		// The shell function opens the first step with $BROWSER's words.
		{[]string{"--eval", "bash", "console", "sso", "--service", "s3"},
			"\\command 'firefox' '--new-window' 'https://corp.awsapps.com/start/#/console?account_id=111111111111&role_name=Identity&destination=https%3A%2F%2Feu-west-1.console.aws.amazon.com%2Fs3%2Fhome%3Fregion%3Deu-west-1'\n",
			"awsp: sso: signs in to account 111111111111 as the permission set Identity (sso)\n", 0},
		{[]string{"--eval", "fish", "console", "sso", "--url", "-r", "us-gov-west-1"},
			"printf '%s\\n' 'https://corp.awsapps.com/start/#/console?account_id=111111111111&role_name=Identity&destination=https%3A%2F%2Fconsole.amazonaws-us-gov.com%2Fconsole%2Fhome%3Fregion%3Dus-gov-west-1'\n",
			"awsp: sso: signs in to account 111111111111 as the permission set Identity (sso)\n", 0},
		{[]string{"--eval", "bash", "console", "keys"}, "", "awsp: keys gets its credentials from static, not from a permission set or a role the console can switch to: awsp console --federate keys signs in with its session\n", 1},
		{[]string{"--eval", "bash", "console", "typo"}, "", "awsp: typo: broken chain: source-profile-missing: profile \"typo\" has source_profile = identty, which does not exist (did you mean \"identity\"?); every AWS call with it fails until the files are fixed (awsp --lint)\n", 1},
		{[]string{"--eval", "bash", "console", "dev", "--federate"}, "", "awsp: awsp console --federate gets the session's credentials from the AWS CLI, and aws is not on PATH: install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html, or brew install awscli)\n", 2},
		{[]string{"console", "dev", "--federate"}, "", "awsp: awsp console --federate, which runs the AWS CLI, needs the shell integration: add eval \"$(\\command awsp --init bash)\" to ~/.bashrc (zsh alike), or command awsp --init fish | source to ~/.config/fish/config.fish (nushell: man awsp says how)\n", 2},
		{[]string{"console", "dev", "--service", "s3;x"}, "", "awsp: --service \"s3;x\" is not the name of a console page (like ec2, s3, cloudwatch)\n", 2},
		{[]string{"console"}, "", "awsp: no active profile: awsp console NAME opens the console as NAME\n", 1},
		{[]string{"--url"}, "", "awsp: --service, --url and --federate go with awsp console (see awsp --help)\n", 2},
		// awsp exec: the profile set in a scope of its own, the command quoted.
		{[]string{"--eval", "bash", "exec", "dev", "-r", "us-east-2", "--", "terraform", "plan", "-out=$(x)"},
			"(\nexport AWS_PROFILE='dev'\nexport AWS_REGION='us-east-2'\nexport AWS_DEFAULT_REGION='us-east-2'\n'terraform' 'plan' '-out=$(x)'\n)\n", "", 0},
		{[]string{"--eval", "fish", "exec", "dev", "aws", "s3", "ls"},
			"begin\nset -lx AWS_PROFILE 'dev'\n'aws' 's3' 'ls'\nend\n", "", 0},
		{[]string{"--eval", "nu", "exec", "dev", "--", "aws", "s3", "ls"},
			`{"exec":{"env":{"AWS_PROFILE":"dev"},"hide":[],"argv":["aws","s3","ls"]}}` + "\n", "", 0},
		{[]string{"--eval", "bash", "exec", "dev"}, "", "awsp: awsp exec takes a profile and a command: awsp exec NAME -- COMMAND [ARGS...] (see awsp --help)\n", 2},
		{[]string{"exec", "dev", "--", "env"}, "", "awsp: awsp exec needs the shell integration: add eval \"$(\\command awsp --init bash)\" to ~/.bashrc (zsh alike), or command awsp --init fish | source to ~/.config/fish/config.fish (nushell: man awsp says how)\n", 2},
		{[]string{"--eval", "bash", "exec", "nowhere", "--", "env"}, "", "awsp: no profile \"nowhere\" in ~/.aws/config or ~/.aws/credentials\n", 1},
		// awsp sso sync: awsp-net runs it, with the arguments as typed.
		{[]string{"--eval", "bash", "sso", "sync", "--prune", "--template", "{account_id}-{role_name}"}, "\\command awsp-net 'sso' 'sync' '--prune' '--template' '{account_id}-{role_name}'\n", "", 0},
		{[]string{"--eval", "nu", "sso", "sync", "--write"}, `{"net":["sso","sync","--write"]}` + "\n", "", 0},
		{[]string{"sso", "sync"}, "", "awsp: awsp sso sync, which runs awsp-net (or run awsp-net sso sync yourself), needs the shell integration: add eval \"$(\\command awsp --init bash)\" to ~/.bashrc (zsh alike), or command awsp --init fish | source to ~/.config/fish/config.fish (nushell: man awsp says how)\n", 2},
		// A profile named sso is switched to, as before.
		{[]string{"--eval", "bash", "sso"}, "__awsp_previous=''\nexport AWS_PROFILE='sso'\n", "", 0},
		{[]string{"--eval", "bash", "sso", "sync", "extra"}, "", "awsp: awsp sso sync takes no profile name (see awsp --help)\n", 2},
		{[]string{"--eval", "bash", "sso", "sync", "--dry-run", "--write"}, "", "awsp: --dry-run and --write: one or the other (see awsp --help)\n", 2},
	} {
		stdout, stderr, code := runAll(env, c.args...)
		if stdout != c.stdout || stderr != c.stderr || code != c.code {
			t.Errorf("%q:\n got %d %q\n     %q\nwant %d %q\n     %q", c.args, code, stdout, stderr, c.code, c.stdout, c.stderr)
		}
	}
}

// TestLintSeesAnEditedSyncBlock: the lint reads the config's bytes for
// the blocks awsp sso sync keeps, and says which was edited by hand.
func TestLintSeesAnEditedSyncBlock(t *testing.T) {
	env := sampleHome(t)
	config := filepath.Join(env["HOME"], ".aws", "config")
	data, _ := os.ReadFile(config)
	res, err := ssosync.Sync(config, data, []ssosync.Role{{AccountID: "777777777777", AccountName: "Data", RoleName: "Analyst"}}, ssosync.Options{Session: "corp"})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(config, []byte(strings.Replace(string(res.Data), "sso_role_name = Analyst\n", "sso_role_name = Analyst\nregion = eu-west-1\n", 1)), 0o600)
	out, _, code := runAll(env, "--lint")
	lines := strings.Count(string(data), "\n")
	want := fmt.Sprintf("%s:%d: warning: sso-block-edited: the block awsp sso sync keeps for corp (lines %d-%d) was edited by hand: the next sync undoes it; put your own profiles outside the block\n", config, lines+2, lines+2, lines+9)
	if code != 1 || !strings.Contains(out, want) {
		t.Errorf("%d\n%s\nwant a line\n%s", code, out, want)
	}
}

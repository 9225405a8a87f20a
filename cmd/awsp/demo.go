package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/shellcode"
)

// demoConfig is a sample setup: an SSO Primary logged in for two hours, a
// two-hop Derived chain, a Derived profile with mfa_serial, a legacy SSO
// Primary whose session has expired, and a typo.
const demoConfig = `[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile sso]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Identity
region = eu-west-1

[profile identity]
source_profile = sso
role_arn = arn:aws:iam::222222222222:role/Identity

[profile dev]
source_profile = identity
role_arn = arn:aws:iam::333333333333:role/Developer
region = eu-west-1

[profile prod]
source_profile = identity
role_arn = arn:aws:iam::444444444444:role/ReadOnly
region = eu-central-1

[profile dev-mfa]
source_profile = identity
role_arn = arn:aws:iam::333333333333:role/Admin
mfa_serial = arn:aws:iam::222222222222:mfa/you

[profile "team sandbox"]
source_profile = identity
role_arn = arn:aws:iam::555555555555:role/Sandbox

[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 666666666666
sso_role_name = ReadOnly

[profile expired]
source_profile = legacy
role_arn = arn:aws:iam::666666666666:role/Audit

[profile typo]
source_profile = identty
role_arn = arn:aws:iam::333333333333:role/Developer
`

const demoWelcome = `awsp demo: a sample AWS setup in a temporary home, no AWS account needed.
Try:  awsp <TAB>     awsp dev     awsp -     awsp dev-mfa     awsp expired
      awsp           (the picker)  awsp -l    awsp --show     awsp --lint
The prompt shows the profile, its chain and the time left. Type exit to leave.
`

// demo starts a shell with the integration loaded on the sample setup, in
// a temporary home that is removed afterwards.
func (a *app) demo() int {
	name := "bash"
	if len(a.opts.names) > 0 {
		name = a.opts.names[0]
	} else if s, ok := shellcode.Parse(a.env["SHELL"]); ok {
		name = string(s)
	}
	sh, ok := shellcode.Parse(name)
	if !ok {
		return fail(a.stderr, exitUsage, "--demo takes bash, zsh or fish, not %q", name)
	}
	shellPath, err := exec.LookPath(string(sh))
	if err != nil {
		return fail(a.stderr, exitUsage, "%s is not installed", sh)
	}
	exe, err := os.Executable()
	if err != nil {
		return fail(a.stderr, exitUsage, "cannot find the awsp binary: %v", err)
	}
	home, err := os.MkdirTemp("", "awsp-demo-")
	if err != nil {
		return fail(a.stderr, exitUsage, "%v", err)
	}
	defer os.RemoveAll(home)
	if err := writeDemoHome(home, a.now()); err != nil {
		return fail(a.stderr, exitUsage, "writing the demo home: %v", err)
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
			return fail(a.stderr, exitUsage, "%s: %v", sh, err)
		}
	}
	return exitOK
}

// writeDemoHome lays out the sample setup as of t.
func writeDemoHome(home string, t time.Time) error {
	files := map[string]string{
		".aws/config": demoConfig,
		".aws/sso/cache/" + profiles.SHA1("corp") + ".json": fmt.Sprintf(`{"startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1", "accessToken": "demo", "expiresAt": %q}`,
			t.Add(2*time.Hour).UTC().Format(time.RFC3339)),
		".aws/sso/cache/" + profiles.SHA1("https://legacy.awsapps.com/start") + ".json": fmt.Sprintf(`{"startUrl": "https://legacy.awsapps.com/start", "region": "us-east-1", "accessToken": "demo", "expiresAt": %q}`,
			t.Add(-20*time.Minute).UTC().Format(time.RFC3339)),
		".bashrc": "PS1='\\[\\e[1m\\]demo\\[\\e[0m\\] \\W \\$ '\neval \"$(awsp --init bash)\"\n",
		".zshrc": "autoload -Uz compinit && compinit -u -d \"$HOME/.zcompdump\"\nPROMPT='%Bdemo%b %1~ %# '\n" +
			"zstyle ':completion:*' format '%d'\neval \"$(awsp --init zsh)\"\n",
		".config/fish/config.fish": "function fish_greeting; end\nfunction fish_prompt; printf 'demo %s> ' (prompt_pwd); end\nawsp --init fish | source\n",
	}
	for name, text := range files {
		path := filepath.Join(home, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(strings.TrimLeft(text, "\n")), 0o600); err != nil {
			return err
		}
	}
	return nil
}

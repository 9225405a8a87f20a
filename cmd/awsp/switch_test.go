package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/sample"
	"github.com/awsp-dev/awsp/internal/shellcode"
	"github.com/awsp-dev/awsp/internal/view"
	"github.com/awsp-dev/awsp/shell"
)

func TestSwitchCode(t *testing.T) {
	env := sampleHome(t)
	env["AWS_PROFILE"], env["AWS_DEFAULT_PROFILE"] = "sso", "sso"
	env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"] = "AKIDENV", envSecret
	stdout, stderr, code := runAll(env, "--eval", "bash", "dev-mfa")
	want := "__awsp_previous='sso'\nexport AWS_PROFILE='dev-mfa'\nunset AWS_DEFAULT_PROFILE\nunset AWS_ACCESS_KEY_ID\nunset AWS_SECRET_ACCESS_KEY\n" +
		"__awsp_auto_state='{\"seen\":[\"derived-mfa-serial dev-mfa\"]}'\n" // the warning was shown in full
	if code != 0 || stdout != want {
		t.Errorf("exit %d, code:\n%s\nwant:\n%s", code, stdout, want)
	}
	for _, line := range []string{"awsp: unset AWS_DEFAULT_PROFILE=sso", "awsp: cleared AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: they override any profile", "derived-mfa-serial"} {
		if !strings.Contains(stderr, line) {
			t.Errorf("stderr lacks %q:\n%s", line, stderr)
		}
	}
	if strings.Contains(stdout+stderr, envSecret) {
		t.Error("a secret was printed")
	}

	stdout, _, _ = runAll(env, "--eval", "fish", "--previous", "", "-")
	if stdout != "set -g __awsp_previous 'sso'\nset -e AWS_PROFILE\n" {
		t.Errorf("awsp - to no profile, fish:\n%s", stdout)
	}
	if _, stderr, code := runAll(env, "--eval", "zsh", "-"); code != 1 || !strings.Contains(stderr, "no previous profile") {
		t.Errorf("awsp - with no previous: %d %q", code, stderr)
	}
	stdout, _, _ = runAll(env, "--eval", "zsh", "-u")
	if stdout != "__awsp_previous='sso'\nunset AWS_PROFILE\nunset AWS_DEFAULT_PROFILE\n" {
		t.Errorf("unset:\n%s", stdout)
	}
	stdout, _, _ = runAll(env, "--eval", "bash", "-r", "eu-west-1")
	if stdout != "export AWS_REGION='eu-west-1'\nexport AWS_DEFAULT_REGION='eu-west-1'\n" {
		t.Errorf("region:\n%s", stdout)
	}
	stdout, _, _ = runAll(env, "--eval", "bash", "-r", "eu-west-2", "dev")
	if !strings.Contains(stdout, "export AWS_PROFILE='dev'\n") || !strings.HasSuffix(stdout, "export AWS_REGION='eu-west-2'\nexport AWS_DEFAULT_REGION='eu-west-2'\n") {
		t.Errorf("region with a name:\n%s", stdout)
	}
	stdout, stderr, code = runAll(env, "--eval", "bash", "devv")
	if code != 1 || stdout != "" || !strings.Contains(stderr, "did you mean dev") {
		t.Errorf("unknown name: %d %q %q", code, stdout, stderr)
	}
}

func TestSwitchReportsSession(t *testing.T) {
	env := sampleHome(t)
	// An sso-session token with a refresh token: the CLI renews it.
	_, stderr, _ := runWorld(at(env, fixedNow.Add(3*time.Hour)), "--eval", "bash", "dev")
	if !strings.Contains(stderr, "access token of sso ended 1h00m ago; the AWS CLI renews it") || !strings.Contains(stderr, "aws sso login --sso-session corp") {
		t.Errorf("expired access token not reported:\n%s", stderr)
	}
	// A legacy SSO profile's token: nothing renews it.
	_, stderr, _ = runAll(env, "--eval", "bash", "expired")
	if !strings.Contains(stderr, "awsp: the session of legacy ended 20m ago: aws sso login --profile legacy (or awsp login)\n") {
		t.Errorf("expired session not reported:\n%s", stderr)
	}
	_, stderr, _ = runAll(env, "--eval", "bash", "typo")
	if !strings.Contains(stderr, "broken chain: source-profile-missing") {
		t.Errorf("broken chain not reported:\n%s", stderr)
	}
}

func TestDirectRun(t *testing.T) {
	env := sampleHome(t)
	if _, stderr, code := runAll(env, "dev"); code != 2 || !strings.Contains(stderr, "awsp --init bash") {
		t.Errorf("direct switch: %d %q", code, stderr)
	}
	// Without a terminal, awsp alone lists the names for scripts.
	if stdout, _, code := runAll(env); code != 0 || stdout != "dev\ndev-mfa\nexpired\nidentity\nkeys\nlegacy\nprod\nsso\nteam sandbox\ntypo\n" {
		t.Errorf("names: %d %q", code, stdout)
	}
}

func TestPromptCommand(t *testing.T) {
	env := sampleHome(t)
	env["NO_COLOR"] = "1"
	if out, _, _ := runAll(env, "--prompt"); out != "" {
		t.Errorf("no profile: %q", out)
	}
	env["AWS_PROFILE"] = "dev-mfa"
	if out, _, _ := runAll(env, "--prompt"); out != "dev-mfa ← identity ← sso 2h00m ⚠\n" {
		t.Errorf("prompt: %q", out)
	}
	env["AWS_PROFILE"] = "keys"
	if out, _, _ := runAll(env, "--prompt", "--format", "{profile}@{region}:{expiry}"); out != "keys@us-west-2:30m\n" {
		t.Errorf("format: %q", out)
	}
	env["AWS_CONFIG_FILE"] = env["HOME"] // a directory: empty, as botocore reads it
	if out, stderr, code := runAll(env, "--prompt"); code != 0 || stderr != "" || out != "keys 30m\n" {
		t.Errorf("config a directory: %d %q %q", code, out, stderr)
	}
	loop := filepath.Join(env["HOME"], "loop")
	os.Symlink(loop, loop)
	env["AWS_CONFIG_FILE"] = loop // unreadable: the prompt still renders, silently
	out, stderr, code := runAll(env, "--prompt")
	if code != 0 || stderr != "" || out != "keys\n" {
		t.Errorf("unreadable config: %d %q %q", code, out, stderr)
	}
}

// The prompt keeps a resolved chain while the files are unchanged, and
// sees any change of them, of the awsp config, and of the SSO token.
func TestPromptCache(t *testing.T) {
	env := sampleHome(t)
	env["NO_COLOR"], env["AWS_PROFILE"] = "1", "dev"
	cfg := filepath.Join(env["HOME"], ".aws", "config")
	age := func(path string, d time.Duration) {
		old := time.Now().Add(-d)
		if err := os.Chtimes(path, old, old); err != nil {
			t.Fatal(err)
		}
	}
	age(cfg, time.Hour)
	age(filepath.Join(env["HOME"], ".aws", "credentials"), time.Hour)
	if out, _, _ := runAll(env, "--prompt"); out != "dev ← identity ← sso 2h00m\n" {
		t.Fatalf("first prompt: %q", out)
	}
	entries, _ := filepath.Glob(filepath.Join(env["AWSP_CACHE_DIR"], "prompt-*", "*"))
	if len(entries) != 1 {
		t.Fatalf("cache entries: %v", entries)
	}
	if out, _, _ := runAll(env, "--prompt"); out != "dev ← identity ← sso 2h00m\n" {
		t.Errorf("from the cache: %q", out)
	}
	// A new token shows at once: only the chain is kept.
	writeFile(t, filepath.Join(env["HOME"], ".aws", "sso", "cache", profiles.SHA1("corp")+".json"), `{"accessToken":"x","expiresAt":"2026-11-23T12:10:00Z"}`)
	if out, _, _ := runAll(env, "--prompt"); out != "dev ← identity ← sso 10m\n" {
		t.Errorf("after a new token: %q", out)
	}
	// A changed config is read again, even at the same size.
	data, _ := os.ReadFile(cfg)
	writeFile(t, cfg, strings.Replace(string(data), "source_profile = identity\nrole_arn = arn:aws:iam::333333333333:role/Developer\nregion", "source_profile = sso     \nrole_arn = arn:aws:iam::333333333333:role/Developer\nregion", 1))
	age(cfg, 30*time.Minute)
	if out, _, _ := runAll(env, "--prompt"); out != "dev ← sso 10m\n" {
		t.Errorf("after the config changed: %q", out)
	}
	// Silencing a warning in awsp's config shows too.
	env["AWS_PROFILE"] = "dev-mfa"
	if out, _, _ := runAll(env, "--prompt"); !strings.HasSuffix(out, "⚠\n") {
		t.Errorf("dev-mfa: %q", out)
	}
	writeFile(t, env["AWSP_CONFIG"], "[profile dev-mfa]\nignore = derived-mfa-serial\n")
	age(env["AWSP_CONFIG"], time.Hour)
	if out, _, _ := runAll(env, "--prompt"); strings.Contains(out, "⚠") {
		t.Errorf("silenced warning still marked: %q", out)
	}
}

func TestComplete(t *testing.T) {
	env := sampleHome(t)
	writeFile(t, filepath.Join(env["HOME"], ".aws", "credentials"), "[a:b c]\naws_access_key_id = A\naws_secret_access_key = S\n[it's]\naws_access_key_id = A\naws_secret_access_key = S\n")
	stdout, _, _ := runAll(env, "--complete", "zsh")
	for _, want := range []string{"dev:derived ← identity ← sso\n", "sso:sso 111111111111 Identity\n", `a\:b c:static keys` + "\n", "typo:broken: source-profile-missing\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("zsh completion lacks %q:\n%s", want, stdout)
		}
	}
	stdout, _, _ = runAll(env, "--complete", "fish")
	if !strings.Contains(stdout, "dev-mfa\tderived ← identity ← sso\n") {
		t.Errorf("fish completion:\n%s", stdout)
	}
	for _, tc := range []struct{ cur, line, want string }{
		{"de", "awsp de", "dev\ndev-mfa\n"},
		{"it", "awsp it", "it\\'s\n"},
		{"'it", "awsp 'it", "it'\\''s\n"}, // readline closes the quote
		{"b", "awsp a:b", "b\\ c\n"},      // bash cut the word at ':'
		{"eu-w", "awsp -r eu-w", "eu-west-1\neu-west-2\neu-west-3\n"},
	} {
		prev := "awsp"
		if strings.Contains(tc.line, "-r") {
			prev = "-r"
		}
		if got, _, _ := runAll(env, "--complete", "bash", "--", prev, tc.cur, tc.line); got != tc.want {
			t.Errorf("bash %q: %q, want %q", tc.line, got, tc.want)
		}
	}
}

func TestKubeconfig(t *testing.T) {
	env := sampleHome(t)
	kubeconfig := filepath.Join(env["HOME"], ".kube", "config")
	writeFile(t, kubeconfig, `apiVersion: v1
contexts:
- name: dev-cluster
  context: {cluster: c, user: eks}
- name: other
  context: {cluster: c, user: eks}
users:
- name: eks
  user:
    exec:
      command: aws
      args: [eks, get-token, --cluster-name, c]
      env:
      - name: AWS_PROFILE
        value: dev-mfa
- name: static
  user:
    token: KUBETOKENSECRET0007
    client-key-data: CLIENTKEYSECRET0008
`)
	stdout, _, code := runAll(env, "--lint")
	if code != 1 || !strings.Contains(stdout, kubeconfig+":14: warning: kube-derived-mfa-serial:") {
		t.Errorf("lint:\n%s", stdout)
	}
	stdout, _, _ = runAll(env, "--lint", "--json")
	var fs []profiles.Finding
	if err := json.Unmarshal([]byte(stdout), &fs); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range fs {
		found = found || f.Code == "kube-derived-mfa-serial" && f.File == kubeconfig && f.Line == 14
	}
	if !found {
		t.Errorf("lint JSON: %+v", fs)
	}
	stdout, _, _ = runAll(env, "-s", "dev-mfa")
	if !strings.Contains(stdout, "kube contexts: dev-cluster, other") {
		t.Errorf("show:\n%s", stdout)
	}
	stdout, _, _ = runAll(env, "-l", "--json")
	var list []view.ProfileJSON
	json.Unmarshal([]byte(stdout), &list)
	for _, e := range list {
		want := 0
		if e.Name == "dev-mfa" {
			want = 2
		}
		if len(e.KubeContexts) != want || e.KubeContexts == nil {
			t.Errorf("%s: kube_contexts %v", e.Name, e.KubeContexts)
		}
	}
	for _, args := range [][]string{{"-l"}, {"-l", "--json"}, {"-s", "dev-mfa", "--json"}, {"--lint"}, {"--lint", "--json"}} {
		out, errOut, _ := runAll(env, args...)
		if strings.Contains(out+errOut, "SECRET000") {
			t.Errorf("%v printed a kubeconfig secret", args)
		}
	}
	writeFile(t, kubeconfig, "users: [unclosed")
	if _, stderr, code := runAll(env, "-l"); code != 0 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "not a kubeconfig") {
		t.Errorf("bad kubeconfig in --list: %d %q", code, stderr)
	}
}

func TestDirectoryProfileCommands(t *testing.T) {
	env := sampleHome(t)
	env["AWSP_STATE_DIR"] = filepath.Join(env["HOME"], "state")
	proj := filepath.Join(env["HOME"], "proj")
	writeFile(t, filepath.Join(proj, ".awsprofile"), "dev\nregion=eu-west-1\n")
	writeFile(t, filepath.Join(proj, "sub", "typo", ".awsprofile"), "devv\n")
	writeFile(t, filepath.Join(proj, ".git", "HEAD"), "ref: refs/heads/main\n") // a repository: the lint reads its tree
	w := testWorld(env)
	w.cwd = proj
	// In what is expected, HOME stands for the home and HASH for the
	// file's SHA-256, which the state records.
	hash := fmt.Sprintf("%x", sha256.Sum256([]byte("dev\nregion=eu-west-1\n")))
	expect := func(what string, args []string, code int, stdout, stderr string) {
		t.Helper()
		r := strings.NewReplacer("HOME", env["HOME"], "HASH", hash)
		stdout, stderr = r.Replace(stdout), r.Replace(stderr)
		out, errOut, rc := runWorld(w, args...)
		if rc != code || out != stdout || errOut != stderr {
			t.Errorf("%s: %q: exit %d\n%q\n%q\nwant exit %d\n%q\n%q", what, args, rc, out, errOut, code, stdout, stderr)
		}
	}
	lint, _, _ := runWorld(w, "--lint")
	if want := proj + "/sub/typo/.awsprofile:1: error: awsprofile-missing: .awsprofile names profile devv, which does not exist (did you mean dev?)\n"; !strings.HasSuffix(lint, want) {
		t.Errorf("lint:\n%s\nwant it to end with\n%s", lint, want)
	}
	list, _, _ := runWorld(w, "-l")
	if !strings.Contains(list, "\n> dev ") {
		t.Errorf("list does not mark dev:\n%s", list)
	}
	// Not allowed: the hook says so and only remembers the tree.
	expect("not allowed", []string{"--eval", "bash", "--chdir"}, 0, `__awsp_auto_state='{"file":"HOME/proj/.awsprofile","hash":"HASH","entered":true}'`+"\n",
		"awsp: ~/proj/.awsprofile asks for profile dev: read it, then trust it with awsp --allow\n")
	// --allow from the binary alone records the trust, and says nothing
	// of switching.
	notAuto := "awsp: this shell follows .awsprofile files on cd only with the init's --auto: ./install.sh --auto, or in the rc file eval \"$(\\command awsp --init bash --auto)\"\n"
	expect("--allow", []string{"--allow"}, 0, "", "awsp: allowed ~/proj/.awsprofile (profile dev)\n"+notAuto)
	expect("allowed", []string{"--eval", "bash", "--chdir"}, 0, "__awsp_previous=''\nexport AWS_PROFILE='dev'\nexport AWS_REGION='eu-west-1'\nexport AWS_DEFAULT_REGION='eu-west-1'\n"+
		`__awsp_auto_state='{"file":"HOME/proj/.awsprofile","hash":"HASH","applied":"dev","entered":true}'`+"\n", "awsp: ~/proj/.awsprofile: switching to dev\n")
	data, _ := os.ReadFile(filepath.Join(env["AWSP_STATE_DIR"], "allow"))
	if !strings.Contains(string(data), filepath.Join(proj, ".awsprofile")) {
		t.Errorf("allow list: %q", data)
	}
	expect("--deny", []string{"--deny"}, 0, "", "awsp: no longer allowed ~/proj/.awsprofile (profile dev)\n")
	expect("denied", []string{"--eval", "bash", "--chdir"}, 0, `__awsp_auto_state='{"file":"HOME/proj/.awsprofile","hash":"HASH","entered":true}'`+"\n",
		"awsp: ~/proj/.awsprofile asks for profile dev: read it, then trust it with awsp --allow\n")
	expect("--allow again", []string{"--allow"}, 0, "", "awsp: allowed ~/proj/.awsprofile (profile dev)\n"+notAuto)

	// Leaving the tree gives back AWS_PROFILE, AWS_REGION and
	// AWS_DEFAULT_REGION as they were, set or not.
	env["AWS_PROFILE"], env["AWS_REGION"], env["AWS_DEFAULT_REGION"] = "sso", "us-east-1", "us-east-2"
	stdout, _, _ := runWorld(w, "--eval", "bash", "--chdir")
	var state string
	for _, line := range strings.Split(stdout, "\n") {
		if v, ok := strings.CutPrefix(line, "__awsp_auto_state="); ok {
			state = strings.Trim(v, "'")
		}
	}
	env["AWS_PROFILE"], env["AWS_REGION"], env["AWS_DEFAULT_REGION"] = "dev", "eu-west-1", "eu-west-1"
	w.cwd = env["HOME"]
	expect("leaving", []string{"--eval", "bash", "--auto-state", state, "--chdir"}, 0,
		"__awsp_previous='dev'\nexport AWS_PROFILE='sso'\nexport AWS_REGION='us-east-1'\nexport AWS_DEFAULT_REGION='us-east-2'\n__awsp_auto_state='{}'\n", "awsp: left ~/proj: back to sso\n")

	// --allow PATH from outside the tree trusts that file and switches
	// nothing: only the file governing the current directory does.
	env["AWS_PROFILE"] = "sso"
	delete(env, "AWS_REGION")
	delete(env, "AWS_DEFAULT_REGION")
	other := filepath.Join(env["HOME"], "other")
	writeFile(t, filepath.Join(other, ".awsprofile"), "prod\n")
	expect("--allow PATH from outside", []string{"--eval", "bash", "--allow", other}, 0, "", "awsp: allowed ~/other/.awsprofile (profile prod)\n"+notAuto)
}

// A name with a NUL byte is refused before anything switches, and never
// offered by completion: each shell would keep a different part of it.
func TestNULNameIsRefused(t *testing.T) {
	env := sampleHome(t)
	writeFile(t, filepath.Join(env["HOME"], ".aws", "credentials"), "[nul\x00name]\naws_access_key_id = A\naws_secret_access_key = S\n")
	for _, sh := range []string{"bash", "zsh", "fish"} {
		stdout, stderr, code := runAll(env, "--eval", sh, "nul\x00name")
		if code != 1 || stdout != "" || !strings.Contains(stderr, "NUL byte") || strings.ContainsRune(stderr, 0) {
			t.Errorf("%s: exit %d, %q %q", sh, code, stdout, stderr)
		}
	}
	for _, args := range [][]string{{"--complete", "zsh"}, {"--complete", "fish"}, {"--complete", "bash", "--", "awsp", "nu", "awsp nu"}} {
		if stdout, _, _ := runAll(env, args...); strings.Contains(stdout, "nul") {
			t.Errorf("%v offers the NUL name: %q", args, stdout)
		}
	}
}

// awsp login NAME: the shell runs the AWS CLI's login for the chain's
// Primary, and switches only when it succeeds; nothing to run while the
// session lasts; what to do instead where awsp cannot log in.
func TestLogin(t *testing.T) {
	env := sampleHome(t)
	// A stand-in for the AWS CLI: awsp looks for it on PATH, runs nothing.
	bin := filepath.Join(env["HOME"], "bin")
	writeFile(t, filepath.Join(bin, "aws"), "#!/bin/sh\nexit 0\n")
	os.Chmod(filepath.Join(bin, "aws"), 0o755)
	env["PATH"] = bin
	for _, tc := range []struct {
		args         []string
		env          map[string]string
		code         int
		stdout, want string // want: all of stderr
	}{
		{[]string{"--eval", "bash", "login", "expired"}, nil, 0,
			"if \\command aws 'sso' 'login' '--profile' 'legacy'; then\n__awsp_previous=''\nexport AWS_PROFILE='expired'\nelse \\builtin false; fi\n", ""},
		// A region goes with the switch: not set when the login fails.
		{[]string{"--eval", "bash", "login", "-r", "eu-west-2", "expired"}, nil, 0,
			"if \\command aws 'sso' 'login' '--profile' 'legacy'; then\n__awsp_previous=''\nexport AWS_PROFILE='expired'\nexport AWS_REGION='eu-west-2'\nexport AWS_DEFAULT_REGION='eu-west-2'\nelse \\builtin false; fi\n", ""},
		{[]string{"--eval", "fish", "--login", "expired"}, nil, 0,
			"if command aws 'sso' 'login' '--profile' 'legacy'\nset -g __awsp_previous ''\nset -gx AWS_PROFILE 'expired'\nelse; false; end\n", ""},
		// The active profile by default; keys in the environment are
		// cleared only if the login succeeds.
		{[]string{"--eval", "zsh", "login"}, map[string]string{"AWS_PROFILE": "expired", "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": envSecret}, 0,
			"if \\command aws 'sso' 'login' '--profile' 'legacy'; then\n__awsp_previous='expired'\nexport AWS_PROFILE='expired'\nunset AWS_ACCESS_KEY_ID\nunset AWS_SECRET_ACCESS_KEY\nelse \\builtin false; fi\n", "awsp: cleared AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: they override any profile\n"},
		{[]string{"--eval", "bash", "login", "dev"}, nil, 0,
			"__awsp_previous=''\nexport AWS_PROFILE='dev'\n", "awsp: sso is logged in for 2h00m more: nothing to log in to\n"},
		{[]string{"--eval", "bash", "login", "keys"}, nil, 0,
			"__awsp_previous=''\nexport AWS_PROFILE='keys'\n", "awsp: keys is logged in for 30m more: nothing to log in to\n"},
		{[]string{"--eval", "bash", "login", "typo"}, nil, 1, "", "awsp: nothing to log in to: the chain of typo is broken: source-profile-missing: profile \"typo\" has source_profile = identty, which does not exist (did you mean \"identity\"?)\n"},
		{[]string{"--eval", "bash", "login"}, nil, 1, "", "awsp: no active profile to log in to: awsp login NAME\n"},
		{[]string{"--eval", "bash", "login", "-u"}, nil, 2, "", "awsp: awsp login takes a profile name, and at most -r REGION (see awsp --help)\n"},
		// Without the AWS CLI on PATH: one line that says so, and nothing
		// for the shell to run.
		{[]string{"--eval", "bash", "login", "expired"}, map[string]string{"PATH": "/nonexistent:relative"}, 2, "",
			"awsp: awsp login runs the AWS CLI (aws sso login --profile legacy), and aws is not on PATH: install the AWS CLI v2 (" + awsCLIInstall + ")\n"},
	} {
		e := environ.Environ{}
		for k, v := range env {
			e[k] = v
		}
		for k, v := range tc.env {
			e[k] = v
		}
		stdout, stderr, code := runAll(e, tc.args...)
		if code != tc.code || stdout != tc.stdout || stderr != tc.want {
			t.Errorf("%q: exit %d\n%s%s\nwant exit %d\n%s%s", tc.args, code, stdout, stderr, tc.code, tc.stdout, tc.want)
		}
	}
	// Keys whose session has ended: awsp names the tool, and switches
	// nothing.
	stdout, stderr, code := runWorld(at(env, fixedNow.Add(time.Hour)), "--eval", "bash", "login", "keys")
	if code != 1 || stdout != "" || !strings.Contains(stderr, "the session of keys has ended, and awsp cannot log in to it: saml2aws or gimme-aws-creds wrote these keys") {
		t.Errorf("ended keys: exit %d %q %q", code, stdout, stderr)
	}
	// A profile named login is still switched to with awsp login; awsp --
	// login and awsp --login login say which is meant.
	writeFile(t, filepath.Join(env["HOME"], ".aws", "config"), sample.Config+"\n[profile login]\nsource_profile = legacy\nrole_arn = arn:aws:iam::666666666666:role/L\n")
	if stdout, stderr, _ := runAll(env, "--eval", "bash", "login"); !strings.HasSuffix(stdout, "export AWS_PROFILE='login'\n") || !strings.Contains(stderr, `switching to the profile "login"`) {
		t.Errorf("a profile named login: %q %q", stdout, stderr)
	}
	if stdout, _, _ := runAll(env, "--eval", "bash", "--", "login"); stdout != "__awsp_previous=''\nexport AWS_PROFILE='login'\n" {
		t.Errorf("awsp -- login: %q", stdout)
	}
	if stdout, _, _ := runAll(env, "--eval", "bash", "--login", "login"); !strings.HasPrefix(stdout, "if \\command aws 'sso' 'login' '--profile' 'legacy'; then\n") {
		t.Errorf("awsp --login login: %q", stdout)
	}
}

// Regions: -r - unsets them, a name that is no region is warned about, a
// region in the environment that beats the profile's is said on switching,
// and -u says what it leaves.
func TestRegions(t *testing.T) {
	env := sampleHome(t)
	with := func(vars ...string) environ.Environ {
		e := environ.Environ{}
		for k, v := range env {
			e[k] = v
		}
		for i := 0; i < len(vars); i += 2 {
			e[vars[i]] = vars[i+1]
		}
		return e
	}
	for _, tc := range []struct {
		env          environ.Environ
		args         []string
		stdout, want string // want: all of stderr
	}{
		{with("AWS_REGION", "eu-west-1"), []string{"-r", "-"}, "unset AWS_REGION\n", "awsp: unset AWS_REGION: the profile's region applies\n"},
		{with("AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "eu-west-1"), []string{"-r", "-"}, "unset AWS_REGION\nunset AWS_DEFAULT_REGION\n", "awsp: unset AWS_REGION, AWS_DEFAULT_REGION: the profile's region applies\n"},
		{env, []string{"-r", "-"}, "", ""},
		{env, []string{"-r", "not-a-region"}, "export AWS_REGION='not-a-region'\nexport AWS_DEFAULT_REGION='not-a-region'\n", `awsp: warning: "not-a-region" is not an AWS region name (like eu-west-1): AWS calls will not find their endpoints` + "\n"},
		{env, []string{"-r", "eu-west-9"}, "export AWS_REGION='eu-west-9'\nexport AWS_DEFAULT_REGION='eu-west-9'\n", ""}, // newer than the list
		{with("AWS_REGION", "eu-west-1"), []string{"prod"}, "__awsp_previous=''\nexport AWS_PROFILE='prod'\n", "awsp: AWS_REGION=eu-west-1 in this shell overrides the region of prod (eu-central-1): awsp -r - unsets it\n"},
		{with("AWS_REGION", "eu-west-1"), []string{"dev"}, "__awsp_previous=''\nexport AWS_PROFILE='dev'\n", ""}, // the same region
		{with("AWS_PROFILE", "dev", "AWS_REGION", "eu-west-1"), []string{"-u"}, "__awsp_previous='dev'\nunset AWS_PROFILE\n", "awsp: AWS_REGION=eu-west-1 stays set (awsp -r - unsets it)\n"},
	} {
		stdout, stderr, code := runAll(tc.env, append([]string{"--eval", "bash"}, tc.args...)...)
		if code != 0 || stdout != tc.stdout || stderr != tc.want {
			t.Errorf("%q: exit %d\n%s%s\nwant\n%s%s", tc.args, code, stdout, stderr, tc.stdout, tc.want)
		}
	}
}

// TestStickyProfile: with sticky_profile on, a switch is kept and the
// init of a new shell switches to it, unless the shell has a profile or
// keys of its own or the profile is gone; awsp -u forgets it; off, the
// state is never written.
func TestStickyProfile(t *testing.T) {
	env := sampleHome(t)
	env["AWSP_STATE_DIR"] = filepath.Join(env["HOME"], "state")
	state := filepath.Join(env["AWSP_STATE_DIR"], "profile")
	runAll(env, "--eval", "bash", "prod")
	if _, err := os.Stat(state); !os.IsNotExist(err) {
		t.Fatalf("the state was written with the setting off: %v", err)
	}
	writeFile(t, env["AWSP_CONFIG"], "[settings]\nsticky_profile = true\n")
	if _, stderr, code := runAll(env, "--eval", "bash", "team sandbox"); code != 0 {
		t.Fatalf("switch: %d %s", code, stderr)
	}
	init := func() string {
		out, _, _ := runAll(env, "--init", "bash")
		return strings.TrimPrefix(out, shell.Init(shellcode.Bash, true, false))
	}
	if got := init(); got != "export AWS_PROFILE='team sandbox'\n" {
		t.Errorf("the init of a new shell ends with %q", got)
	}
	env["AWS_PROFILE"] = "dev"
	if got := init(); got != "" {
		t.Errorf("an AWS_PROFILE already set was overridden: %q", got)
	}
	delete(env, "AWS_PROFILE")
	env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"] = "AKIDFROMVAULT", "vault-not-secret"
	if got := init(); got != "" {
		t.Errorf("keys in the environment were shadowed: %q", got)
	}
	delete(env, "AWS_ACCESS_KEY_ID")
	delete(env, "AWS_SECRET_ACCESS_KEY")
	writeFile(t, state, "gone\n")
	if got := init(); got != "" {
		t.Errorf("a profile that is gone: %q", got)
	}
	writeFile(t, state, "$(touch pwned)\n")
	writeFile(t, filepath.Join(env["HOME"], ".aws", "config"), sample.Config+"[profile \"$(touch pwned)\"]\nregion = x\n")
	if got := init(); got != "export AWS_PROFILE='$(touch pwned)'\n" {
		t.Errorf("a hostile name is not quoted: %q", got)
	}
	runAll(env, "--eval", "bash", "-u")
	if _, err := os.Stat(state); !os.IsNotExist(err) {
		t.Errorf("awsp -u left the sticky profile: %v", err)
	}
	// A state file others may write is not trusted, as the allow list
	// beside it is not.
	writeFile(t, state, "team sandbox\n")
	os.Chmod(state, 0o666)
	if got := init(); got != "" {
		t.Errorf("a state file anyone may write: %q", got)
	}
	os.Remove(state)

	// A switch that logs in first is kept only once the login succeeded:
	// the shell runs awsp --remember after the AWS CLI, in the branch
	// that switches.
	bin := filepath.Join(env["HOME"], "bin")
	writeFile(t, filepath.Join(bin, "aws"), "#!/bin/sh\nexit 0\n")
	os.Chmod(filepath.Join(bin, "aws"), 0o755)
	env["PATH"] = bin
	for sh, want := range map[string]string{
		"bash": "if \\command aws 'sso' 'login' '--profile' 'legacy'; then\n__awsp_previous=''\nexport AWS_PROFILE='expired'\n\\command awsp --remember -- 'expired'\nelse \\builtin false; fi\n",
		"fish": "if command aws 'sso' 'login' '--profile' 'legacy'\nset -g __awsp_previous ''\nset -gx AWS_PROFILE 'expired'\ncommand awsp --remember -- 'expired'\nelse; false; end\n",
		"nu":   `{"aws":["sso","login","--profile","legacy"],"env":{"AWS_PROFILE":"expired"},"keep":{"previous":""},"remember":"expired"}` + "\n",
	} {
		if stdout, stderr, code := runAll(env, "--eval", sh, "login", "expired"); code != 0 || stdout != want {
			t.Errorf("%s: exit %d %s\n%s\nwant\n%s", sh, code, stderr, stdout, want)
		}
		if _, err := os.Stat(state); !os.IsNotExist(err) {
			t.Fatalf("%s: kept before the login: %v", sh, err)
		}
	}
	if _, stderr, code := runAll(env, "--remember", "--", "expired"); code != 0 || stderr != "" {
		t.Errorf("--remember: exit %d %q", code, stderr)
	}
	if data, _ := os.ReadFile(state); string(data) != "expired\n" {
		t.Errorf("--remember kept %q", data)
	}
	if _, stderr, code := runAll(env, "--remember", "--", "gone"); code != 1 || !strings.Contains(stderr, `no profile "gone"`) {
		t.Errorf("--remember of a missing profile: exit %d %q", code, stderr)
	}
}

// The answer to the login question is read to the end of its line,
// however long: the rest was once left for the shell to run as a command
// ("no, not now: I will do it later; echo X" ran echo X).
func TestAskReadsTheWholeLine(t *testing.T) {
	for _, tc := range []struct {
		typed string
		yes   bool
	}{
		{"\n", true},
		{"y\n", true},
		{" YES \r\n", true},
		{"no, not now: I will do it later; echo X\n", false},
		{strings.Repeat("y", 5000) + "\n", false},
		{"n", false}, // the end of the input ends the line
	} {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		const next = "left for the shell"
		w.WriteString(tc.typed + next)
		w.Close()
		// What awsp leaves unread, the shell reads: a second handle on
		// the input, as the shell has the terminal.
		fd, err := syscall.Dup(int(r.Fd()))
		if err != nil {
			t.Fatal(err)
		}
		shellSide := os.NewFile(uintptr(fd), "shell")
		a := &app{openTTY: func() (*os.File, error) { return r, nil }}
		if got := a.ask("log in? "); got != tc.yes {
			t.Errorf("%.40q: %v, want %v", tc.typed, got, tc.yes)
		}
		// A pipe, unlike a terminal, may hand over more than the line.
		if left, _ := io.ReadAll(shellSide); !strings.HasSuffix(next, string(left)) {
			t.Errorf("%.40q: the shell would read %.60q", tc.typed, left)
		}
		shellSide.Close()
	}
}

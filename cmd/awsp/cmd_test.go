package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/complete"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/picker"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/sample"
	"github.com/awsp-dev/awsp/internal/termtext"
	"github.com/awsp-dev/awsp/internal/view"
	"github.com/awsp-dev/awsp/shell"
)

// Recognisable secrets: the sample's and two for the environment. None
// of them may ever appear in any output.
var secrets = append(append([]string(nil), sample.Secrets...), envSecret, envToken)

// Keys a test puts in the environment.
const envSecret, envToken = "ENVSECRET0006", "ENVTOKEN0007"

var fixedNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// sampleHome is the sample setup as of fixedNow, with awsp's config and
// cache inside it.
func sampleHome(t *testing.T) environ.Environ {
	t.Helper()
	home := t.TempDir()
	if err := sample.Write(home, sample.Files(fixedNow)); err != nil {
		t.Fatal(err)
	}
	return environ.Environ{"HOME": home, "AWSP_CONFIG": filepath.Join(home, "awsp.ini"), "AWSP_CACHE_DIR": filepath.Join(home, "cache")}
}

// testWorld is a run's world for tests: env, HOME as the working
// directory, the clock at fixedNow, no terminal.
func testWorld(env environ.Environ) world {
	return world{env: env, cwd: env["HOME"], now: func() time.Time { return fixedNow }, budget: prompt.Budget,
		openTTY: func() (*os.File, error) { return nil, errors.New("no terminal in tests") }}
}

// at is testWorld with the clock at t.
func at(env environ.Environ, t time.Time) world {
	w := testWorld(env)
	w.now = func() time.Time { return t }
	return w
}

func runAll(env environ.Environ, args ...string) (stdout, stderr string, code int) {
	return runWorld(testWorld(env), args...)
}

func runWorld(w world, args ...string) (stdout, stderr string, code int) {
	var out, errOut bytes.Buffer
	code = run(speaking(args), strings.NewReader(""), &out, &errOut, w)
	return out.String(), errOut.String(), code
}

// speaking is args as this awsp's shell functions pass them: --eval
// SHELL followed by --protocol shell.Protocol, unless args say one.
func speaking(args []string) []string {
	if len(args) < 2 || args[0] != "--eval" || slices.Contains(args, "--protocol") {
		return args
	}
	return slices.Concat(args[:2], []string{"--protocol", strconv.Itoa(shell.Protocol)}, args[2:])
}

func TestListJSON(t *testing.T) {
	env := sampleHome(t)
	env["AWS_PROFILE"] = "dev"
	stdout, stderr, code := runAll(env, "--list", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var list []view.ProfileJSON
	if err := json.Unmarshal([]byte(stdout), &list); err != nil {
		t.Fatal(err)
	}
	byName := map[string]view.ProfileJSON{}
	var names []string
	for _, e := range list {
		byName[e.Name] = e
		names = append(names, e.Name)
	}
	if strings.Join(names, ",") != "dev,dev-mfa,expired,identity,keys,legacy,prod,sso,team sandbox,typo" {
		t.Errorf("names not sorted or incomplete: %v", names)
	}
	dev := byName["dev"]
	if dev.Kind != "derived" || strings.Join(dev.Chain, ",") != "dev,identity,sso" || dev.CredentialType != "sso" ||
		deref(dev.SourceProfile) != "identity" || deref(dev.Region) != "eu-west-1" || deref(dev.Expires) != "2026-11-23T14:00:00Z" ||
		!dev.Refreshable || !dev.Active || dev.Error != nil {
		t.Errorf("dev = %+v", dev)
	}
	if b := byName["typo"]; b.Error == nil || deref(b.ErrorCode) != "source-profile-missing" || strings.Join(b.Chain, ",") != "typo" {
		t.Errorf("typo = %+v", b)
	}
	if m := byName["dev-mfa"]; len(m.Warnings) != 1 || m.Warnings[0] != "derived-mfa-serial" {
		t.Errorf("dev-mfa warnings = %v", m.Warnings)
	}
	if k := byName["keys"]; k.CredentialType != "static" || deref(k.Expires) != "2026-11-23T12:30:00Z" || k.SourceProfile != nil {
		t.Errorf("keys = %+v", k)
	}
	// Raw JSON keeps null for absent fields: consumers rely on the key.
	if !strings.Contains(stdout, `"source_profile": null`) {
		t.Error("source_profile is not null where absent")
	}
}

func TestListText(t *testing.T) {
	env := sampleHome(t)
	env["AWS_PROFILE"] = "dev"
	stdout, _, _ := runAll(env, "-l")
	for _, want := range []string{"* dev", "← identity ← sso", "2h00m ↻", "30m", "✗ source-profile-missing", "⚠ derived-mfa-serial"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("list lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "\x1b[") {
		t.Error("colour in output that is not a terminal")
	}
	env["CLICOLOR_FORCE"] = "1"
	if stdout, _, _ := runAll(env, "-l"); !strings.Contains(stdout, "\x1b[32m") {
		t.Error("no colour with CLICOLOR_FORCE")
	}
	env["NO_COLOR"] = "1"
	if stdout, _, _ := runAll(env, "-l"); strings.Contains(stdout, "\x1b[") {
		t.Error("colour despite NO_COLOR")
	}
}

func TestShow(t *testing.T) {
	env := sampleHome(t)
	stdout, stderr, code := runAll(env, "--show", "dev-mfa", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var s view.ShowJSON
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Chain) != 3 || s.Chain[0].Kind != "derived" || deref(s.Chain[0].MFASerial) != "arn:aws:iam::222222222222:mfa/you" ||
		deref(s.Chain[2].CredentialType) != "sso" || deref(s.Chain[2].Expires) != "2026-11-23T14:00:00Z" || s.Chain[0].Expires != nil {
		t.Errorf("show = %+v", s)
	}
	if s.Login != nil {
		t.Errorf("login suggested for a live session: %s", *s.Login)
	}
	// The active profile by default, and the login command once expired.
	env["AWS_PROFILE"] = "dev"
	stdout, _, _ = runWorld(at(env, fixedNow.Add(3*time.Hour)), "-s")
	for _, want := range []string{"dev (derived)", "renews on use", "the AWS CLI renews the session of sso by itself", "if renewing fails, log in: aws sso login --sso-session corp"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("show lacks %q:\n%s", want, stdout)
		}
	}
	if _, stderr, code := runAll(env, "-s", "devv"); code != 1 || !strings.Contains(stderr, "did you mean dev") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("unknown profile: exit %d, %q", code, stderr)
	}
	if _, _, code := runAll(env, "-s", "typo"); code != 1 {
		t.Errorf("a broken chain exits %d, want 1", code)
	}
}

func TestLint(t *testing.T) {
	env := sampleHome(t)
	stdout, _, code := runAll(env, "--lint")
	if code != 1 || !strings.Contains(stdout, "config:29: warning: derived-mfa-serial:") || !strings.Contains(stdout, "config:46: error: source-profile-missing:") {
		t.Errorf("lint exit %d:\n%s", code, stdout)
	}
	stdout, _, _ = runAll(env, "--lint", "--json")
	var fs []profiles.Finding
	if err := json.Unmarshal([]byte(stdout), &fs); err != nil || len(fs) != 3 {
		t.Fatalf("lint JSON %v: %s", err, stdout)
	}
	if fs[0].Profile != "dev-mfa" || fs[0].Severity != "warning" || fs[0].Line != 29 {
		t.Errorf("finding %+v", fs[0])
	}
	writeFile(t, env["AWSP_CONFIG"], "[profile dev-mfa]\nignore = derived-mfa-serial\n")
	if stdout, _, _ := runAll(env, "--lint"); strings.Contains(stdout, "derived-mfa-serial") {
		t.Errorf("silenced warning still reported:\n%s", stdout)
	}
	writeFile(t, filepath.Join(env["HOME"], ".aws", "config"), "[profile ok]\nregion = us-east-1\nsso_session = x\nsso_account_id = 1\nsso_role_name = R\n[sso-session x]\nsso_region = us-east-1\nsso_start_url = https://x\n[default]\nregion = us-east-1\n")
	os.Remove(filepath.Join(env["HOME"], ".aws", "credentials"))
	if stdout, _, code := runAll(env, "--lint"); code != 0 || stdout != "" {
		t.Errorf("a clean config: exit %d, %q", code, stdout)
	}
}

func TestCurrent(t *testing.T) {
	env := sampleHome(t)
	if _, stderr, code := runAll(env, "-c"); code != 1 || !strings.HasPrefix(stderr, "awsp: ") {
		t.Errorf("no profile: exit %d %q", code, stderr)
	}
	env["AWS_PROFILE"], env["AWS_DEFAULT_PROFILE"] = "dev", "sso"
	stdout, stderr, code := runAll(env, "--current")
	if code != 0 || stdout != "dev\n" || !strings.Contains(stderr, "boto3 and AWS CLI v1 use it") {
		t.Errorf("current: %d %q %q", code, stdout, stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	env := sampleHome(t)
	for _, args := range [][]string{{"--bogus"}, {"-l", "-s"}, {"--json"}, {"-l", "dev"}, {"a", "b"}, {"dev"}} {
		_, stderr, code := runAll(env, args...)
		if code != 2 || !strings.HasPrefix(stderr, "awsp: ") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%q: exit %d, stderr %q", args, code, stderr)
		}
	}
	// "--" makes a name of what looks like a flag.
	writeFile(t, filepath.Join(env["HOME"], ".aws", "config"), "[profile -x]\naws_access_key_id = a\naws_secret_access_key = b\n")
	if stdout, _, code := runAll(env, "-s", "--", "-x"); code != 0 || !strings.Contains(stdout, "-x (primary)") {
		t.Errorf("-- -x: exit %d\n%s", code, stdout)
	}
}

// Bad files: one line, exit 2, at once; files the CLI refuses are reported
// as such by every command.
func TestBadFiles(t *testing.T) {
	env := sampleHome(t)
	cfg := filepath.Join(env["HOME"], "cfg")
	env["AWS_CONFIG_FILE"] = cfg
	// A config that is not a regular file is absent for botocore: the
	// profiles of the credentials file remain, and the lint says why the
	// others are gone, except for a device such as /dev/null, the usual
	// way to turn a file off.
	notRegular := func(what string, wantFinding bool) {
		t.Helper()
		if stdout, stderr, code := runAll(env, "-l"); code != 0 || stderr != "" || !strings.Contains(stdout, "keys") || strings.Contains(stdout, "dev") {
			t.Errorf("%s: -l: exit %d %q %q", what, code, stdout, stderr)
		}
		stdout, stderr, code := runAll(env, "--lint")
		if found := strings.Contains(stdout, "warning: file-ignored"); found != wantFinding || stderr != "" || (code == 1) != wantFinding {
			t.Errorf("%s: --lint: exit %d %q %q", what, code, stdout, stderr)
		}
		if _, stderr, code := runAll(env, "-s", "dev"); code != 1 || !strings.Contains(stderr, `no profile "dev"`) {
			t.Errorf("%s: -s dev: exit %d %q", what, code, stderr)
		}
	}
	os.Mkdir(cfg, 0o700)
	notRegular("directory", true)
	os.Remove(cfg)
	syscall.Mkfifo(cfg, 0o600)
	done := make(chan bool)
	go func() { notRegular("FIFO", true); done <- true }()
	select {
	case <-done:
	case <-time.After(10 * time.Second): // a hang, not a timing
		t.Fatal("awsp blocked on a FIFO")
	}
	env["AWS_CONFIG_FILE"] = os.DevNull
	notRegular(os.DevNull, false)
	env["AWS_CONFIG_FILE"] = cfg
	os.Remove(cfg)
	writeFile(t, cfg, "\x00\x01\x02binary\xff\xfe")
	stdout, _, code := runAll(env, "--lint")
	if code != 1 || !strings.Contains(stdout, "error: parse-error") {
		t.Errorf("binary config: exit %d %q", code, stdout)
	}
	// An unreadable file: test/TestUnreadableFiles, as a user that root's
	// permissions do not override.
}

// No secret value reaches any output of any read-only command.
func TestNoSecretInOutput(t *testing.T) {
	env := sampleHome(t)
	env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"], env["AWS_SESSION_TOKEN"] = "AKIDENV", envSecret, envToken
	env["AWS_PROFILE"] = "keys"
	// A malformed line holding a secret must not be quoted in the error.
	writeFile(t, filepath.Join(env["HOME"], ".aws", "credentials"), "[keys]\naws_access_key_id = AKIDSAMPLE\naws_secret_access_key "+sample.SecretAccessKey+"\naws_session_token = "+sample.SessionToken+" # x\n")
	// Old enough files, so that the caches are written too.
	old := time.Now().Add(-time.Hour)
	filepath.Walk(env["HOME"], func(p string, _ os.FileInfo, _ error) error { return os.Chtimes(p, old, old) })
	env["AWSP_STATE_DIR"] = filepath.Join(env["HOME"], "state")
	writeFile(t, filepath.Join(env["HOME"], ".awsprofile"), "keys\n")
	for _, args := range [][]string{{"-l"}, {"-l", "--json"}, {"-s"}, {"-s", "--json"}, {"-s", "keys"}, {"--lint"}, {"--lint", "--json"}, {"-c"},
		{"--prompt"}, {"--prompt", "--format", "{profile}{chain}{primary}{expiry}{region}{warn}"}, {"--complete", "zsh"}, {"--complete", "fish"},
		{"--complete", "bash", "--", "awsp", "k", "awsp k"}, {"--eval", "bash", "keys"}, {"--eval", "fish", "-u"}, {"--eval", "zsh", "-r", "eu-west-1"},
		{"--init", "bash"}, {"--allow", env["HOME"]}, {"--eval", "bash", "--chdir"},
		{"--complete", "nu", "--", "awsp k"}, {"--eval", "nu", "keys"}, {"--init", "nu"}} {
		stdout, stderr, _ := runAll(env, args...)
		for _, s := range secrets {
			if strings.Contains(stdout+stderr, s) {
				t.Errorf("awsp %v printed the secret %s:\n%s%s", args, s, stdout, stderr)
			}
		}
	}
	// Nor does any file awsp writes hold one.
	written := 0
	for _, dir := range []string{env["AWSP_CACHE_DIR"], env["AWSP_STATE_DIR"]} {
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return nil
			}
			written++
			data, _ := os.ReadFile(p)
			for _, s := range secrets {
				if strings.Contains(string(data), s) {
					t.Errorf("%s holds the secret %s", p, s)
				}
			}
			return nil
		})
	}
	if written < 3 {
		t.Errorf("only %d files written: the caches were not exercised", written)
	}
}

// More broken files: a symlink loop and a 50 MB file give one line and
// exit 2; a half-written SSO token reads as logged out; a prompt on a
// config too large to parse in its budget shows the name alone.
func TestMoreBadFiles(t *testing.T) {
	env := sampleHome(t)
	env["NO_COLOR"] = "1"
	loop := filepath.Join(env["HOME"], "loop")
	os.Symlink(loop, loop)
	big := filepath.Join(env["HOME"], "big")
	f, _ := os.Create(big)
	f.Truncate(50 << 20)
	f.Close()
	for path, want := range map[string]string{loop: "too many levels of symbolic links", big: "larger than the 16 MiB awsp reads"} {
		env["AWS_CONFIG_FILE"] = path
		_, stderr, code := runAll(env, "-l")
		if code != 2 || !strings.Contains(stderr, want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, %q", filepath.Base(path), code, stderr)
		}
		env["AWS_PROFILE"] = "dev"
		// The files cannot be read: the name alone, as on a budget.
		if out, stderr, code := runAll(env, "--prompt"); code != 0 || stderr != "" || out != "dev\n" {
			t.Errorf("%s: prompt %d %q %q", filepath.Base(path), code, out, stderr)
		}
		delete(env, "AWS_PROFILE")
	}
	delete(env, "AWS_CONFIG_FILE")

	token := filepath.Join(env["HOME"], ".aws", "sso", "cache", profiles.SHA1("corp")+".json")
	writeFile(t, token, `{"accessToken": "x", "expiresAt": "2026-`)
	env["AWS_PROFILE"], env["NO_COLOR"] = "dev", "1"
	if out, stderr, _ := runAll(env, "--prompt"); out != "dev ← identity ← sso logged out\n" || stderr != "" {
		t.Errorf("half-written token: %q %q", out, stderr)
	}
	// A token over its cap is not read at all, however valid: a prompt
	// reads it every time. One at the cap is read.
	valid := `{"accessToken": "x", "expiresAt": "2026-11-23T14:00:00Z"}`
	for size, want := range map[int]string{
		awsfiles.MaxCacheFileSize:     "dev ← identity ← sso 2h00m\n",
		awsfiles.MaxCacheFileSize + 1: "dev ← identity ← sso logged out\n",
	} {
		writeFile(t, token, valid[:len(valid)-1]+strings.Repeat(" ", size-len(valid))+"}")
		if out, stderr, _ := runAll(env, "--prompt"); out != want || stderr != "" {
			t.Errorf("a token of %d bytes: %q %q, want %q", size, out, stderr, want)
		}
	}

	var huge strings.Builder
	huge.WriteString("[profile dev]\naws_access_key_id = a\naws_secret_access_key = s\n")
	for i := 0; huge.Len() < 15<<20; i++ {
		fmt.Fprintf(&huge, "[profile p%d]\nsource_profile = dev\nrole_arn = arn:aws:iam::123456789012:role/R%d\nregion = eu-west-1\n", i, i)
	}
	writeFile(t, filepath.Join(env["HOME"], ".aws", "config"), huge.String())
	// Parsing 15 MB takes far longer than a millisecond on any machine.
	w := testWorld(env)
	w.budget = time.Millisecond
	if out, _, code := runWorld(w, "--prompt"); code != 0 || out != "dev\n" {
		t.Errorf("a prompt over its budget: %d %q, want the name alone", code, out)
	}
}

// Values full of terminal escapes and shell syntax are shown escaped by
// every command, on stdout and stderr alike.
func TestHostileValuesAreShownEscaped(t *testing.T) {
	env := sampleHome(t)
	writeFile(t, filepath.Join(env["HOME"], ".aws", "config"), "[sso-session corp]\n"+
		"sso_start_url = https://x\x1b]0;pwned\x07.awsapps.com/$(touch /tmp/awsp-pwned)\n"+
		"sso_region = us-east-1\n"+
		"[profile sso]\nsso_session = corp\nsso_account_id = 1\x1b[2J\nsso_role_name = `id`\x1b[31m\nregion = eu\x1b[5m-west-1\n"+
		"[profile dev]\nsource_profile = sso\nrole_arn = arn:aws:iam::1:role/X\x1b[31m$(id)\n  continued\x1b[0m\nmfa_serial = \x1b[1mmfa\n"+
		"[profile bad\x1b[31mname]\nsource_profile = n\x1b[31mowhere\nrole_arn = r\n")
	env["AWS_PROFILE"] = "dev"
	for _, args := range [][]string{{"-l"}, {"-s"}, {"-s", "--json"}, {"--lint"}, {"--eval", "bash", "dev"}, {"--eval", "bash", "dev\x1b[31m"},
		{"--complete", "zsh"}, {"--complete", "fish"}, {"--complete", "bash", "--", "awsp", "", "awsp "}, {"-c"},
		{"--complete", "nu", "--", "awsp "}} {
		stdout, stderr, _ := runAll(env, args...)
		out := stdout + stderr
		switch {
		case args[0] == "--eval":
			out = stderr // stdout is quoted shell code, evaluated, never shown
		case args[0] == "--complete" && args[1] == "nu":
			// JSON would escape a control character: decoded, every
			// field must be free of them, the value too (quoted with
			// \u{...}).
			var list []complete.NuCandidate
			if err := json.Unmarshal([]byte(stdout), &list); err != nil || len(list) == 0 {
				t.Fatalf("--complete nu: %v %q", err, stdout)
			}
			out = stderr
			for _, c := range list {
				out += c.Value + c.Display + c.Description
			}
		case args[0] == "--complete" && args[1] != "bash":
			// A candidate is the name itself, byte for byte, or it would
			// not switch; zsh and fish show control characters escaped.
			// Only the descriptions are awsp's to escape.
			var descs []string
			for _, line := range strings.Split(stdout, "\n") {
				if i := strings.LastIndexAny(line, ":\t"); i >= 0 {
					descs = append(descs, line[i+1:])
				}
			}
			out = strings.Join(descs, "\n") + stderr
		}
		if strings.ContainsAny(out, "\x1b\x07") {
			t.Errorf("awsp %q let an escape through:\n%q", args, out)
		}
	}
	rows := describedPickerRows(env)
	for _, line := range termtext.Table(first(view.Fit(pickerViews(rows), 80, false)), nil) {
		if strings.ContainsAny(line, "\x1b\x07\n") {
			t.Errorf("picker row %q", line)
		}
	}
	for _, r := range rows {
		if preview := strings.Join(picker.Preview(r), " "); strings.ContainsAny(preview, "\x1b\x07\n") {
			t.Errorf("picker preview %q", preview)
		}
	}
}

// Credential lines indented under another key are part of that key's
// value for botocore: the value is never shown or kept, and the lint
// names the lines for what they are.
func TestIndentedCredentialsAreRedacted(t *testing.T) {
	env := sampleHome(t)
	secret := "INDENTEDSECRET0007"
	writeFile(t, filepath.Join(env["HOME"], ".aws", "config"), sample.Config+`
[profile leaky]
region = eu-west-1
  aws_access_key_id = AKIDINDENTED
  aws_secret_access_key = `+secret+`
sso_session = corp
sso_account_id = 111111111111
  aws_session_token = `+secret+`
sso_role_name = Admin
`)
	old := time.Now().Add(-time.Hour)
	filepath.Walk(env["HOME"], func(p string, _ os.FileInfo, _ error) error { return os.Chtimes(p, old, old) })
	env["AWS_PROFILE"] = "leaky"
	for _, args := range [][]string{{"-l"}, {"-l", "--json"}, {"-s"}, {"-s", "--json"}, {"--lint"}, {"--lint", "--json"},
		{"--prompt", "--format", "{profile} {region} {chain}"}, {"--complete", "zsh"}, {"--complete", "fish"}, {"--eval", "bash", "leaky"}} {
		stdout, stderr, _ := runAll(env, args...)
		if strings.Contains(stdout+stderr, secret) || strings.Contains(stdout+stderr, "AKIDINDENTED") {
			t.Errorf("awsp %v showed the indented credentials:\n%s%s", args, stdout, stderr)
		}
	}
	stdout, _, code := runAll(env, "--lint")
	n := strings.Count(sample.Config, "\n") // the lines before [profile leaky]
	for _, want := range []string{fmt.Sprintf("config:%d: error: indented-credentials: aws_access_key_id is indented under \"region\"", n+4),
		fmt.Sprintf("config:%d: error: indented-credentials: aws_session_token is indented under \"sso_account_id\"", n+8)} {
		if code != 1 || !strings.Contains(stdout, want) {
			t.Errorf("lint lacks %q (exit %d):\n%s", want, code, stdout)
		}
	}
	if out, _, _ := runAll(env, "--prompt", "--format", "{region}"); !strings.Contains(out, "eu-west-1 [indented credential lines not shown]") {
		t.Errorf("prompt region: %q", out)
	}
	written := 0
	filepath.Walk(env["AWSP_CACHE_DIR"], func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			written++
			if data, _ := os.ReadFile(p); strings.Contains(string(data), secret) {
				t.Errorf("%s keeps the indented secret", p)
			}
		}
		return nil
	})
	if written == 0 {
		t.Error("no cache written: the test exercised nothing")
	}
}

// --help names awsp's own files as this environment places them.
func TestHelpNamesFiles(t *testing.T) {
	stdout, _, code := runAll(environ.Environ{"HOME": "/home/u"}, "--help")
	for _, want := range []string{"~/.config/awsp/config", "~/.cache/awsp", "~/.local/state/awsp/allow"} {
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("--help lacks %s (exit %d):\n%s", want, code, stdout)
		}
	}
	if stdout, _, _ := runAll(environ.Environ{"HOME": "relative"}, "--help"); strings.Contains(stdout, "relative") {
		t.Errorf("--help names a path relative to a relative HOME:\n%s", stdout)
	}
}

// A clean lint prints an empty JSON array, which a script can iterate,
// not null.
func TestLintJSONWhenClean(t *testing.T) {
	env := sampleHome(t)
	writeFile(t, filepath.Join(env["HOME"], ".aws", "config"), "[profile ok]\nregion = us-east-1\n")
	writeFile(t, filepath.Join(env["HOME"], ".aws", "credentials"), "[ok]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = s\n")
	if stdout, stderr, code := runAll(env, "--lint", "--json"); code != 0 || stdout != "[]\n" {
		t.Errorf("clean lint: exit %d %q %q", code, stdout, stderr)
	}
	if _, stderr, code := runAll(env, "--eval", "bash", "ko"); code != 1 || !strings.Contains(stderr, "did you mean ok?") {
		t.Errorf("a swapped short name: exit %d %q", code, stderr)
	}
}

// TestSettingsOnlyProfile: a [default] of settings alone means one thing
// everywhere, what the AWS CLI does with it: its settings, and
// credentials from the environment, a container or the instance. It is
// no error in -l, -s, the picker, completion, the prompt, --lint or a
// switch; as a source it is (no-credentials).
func TestSettingsOnlyProfile(t *testing.T) {
	env := sampleHome(t)
	writeFile(t, filepath.Join(env["HOME"], ".aws", "config"), sample.Config+"[default]\nregion = eu-west-1\n[profile from-default]\nsource_profile = default\nrole_arn = arn:aws:iam::123456789012:role/R\n")
	env["NO_COLOR"] = "1"
	list, _, _ := runAll(env, "-l")
	if !strings.Contains(list, "default       primary  -                 eu-west-1     settings only") {
		t.Errorf("-l:\n%s", list)
	}
	show, _, code := runAll(env, "-s", "default")
	if code != 0 || !strings.Contains(show, view.SettingsOnlyText) || strings.Contains(show, "error") {
		t.Errorf("-s: exit %d\n%s", code, show)
	}
	lint, _, _ := runAll(env, "--lint")
	if strings.Contains(lint, ": profile \"default\" has no credentials") || !strings.Contains(lint, "source profile \"default\" has no credentials") {
		t.Errorf("--lint:\n%s", lint)
	}
	if fish, _, _ := runAll(env, "--complete", "fish"); !strings.HasPrefix(fish, "default\tsettings only\n") {
		t.Errorf("completion:\n%s", fish)
	}
	env["AWS_PROFILE"] = "default"
	if seg, _, _ := runAll(env, "--prompt"); seg != "default\n" {
		t.Errorf("prompt: %q", seg)
	}
	delete(env, "AWS_PROFILE")
	stdout, stderr, code := runAll(env, "--eval", "bash", "default")
	if code != 0 || !strings.Contains(stdout, "export AWS_PROFILE='default'") || stderr != "awsp: default: "+view.SettingsOnlyText+"\n" {
		t.Errorf("switch: exit %d %q %q", code, stdout, stderr)
	}
	// A broken chain switches too, exit 0, and says it is broken.
	stdout, stderr, code = runAll(env, "--eval", "bash", "from-default")
	if code != 0 || !strings.Contains(stdout, "export AWS_PROFILE='from-default'") || !strings.HasPrefix(stderr, "awsp: broken chain: no-credentials: ") {
		t.Errorf("switch to a broken chain: exit %d %q %q", code, stdout, stderr)
	}
}

// Bash's completion answers from the cache while the files are
// unchanged, as zsh's and fish's do: an entry doctored in place is what
// the next Tab offers.
func TestBashCompletionFromCache(t *testing.T) {
	env := sampleHome(t)
	old := time.Now().Add(-time.Hour)
	filepath.Walk(env["HOME"], func(p string, _ os.FileInfo, _ error) error { return os.Chtimes(p, old, old) })
	tab := func() string {
		stdout, _, _ := runAll(env, "--complete", "bash", "--", "awsp", "d", "awsp d")
		return stdout
	}
	if got := tab(); got != "dev\ndev-mfa\n" {
		t.Fatalf("completion of d: %q", got)
	}
	entries, _ := filepath.Glob(filepath.Join(env["AWSP_CACHE_DIR"], complete.Kind+"names", "*"))
	if len(entries) != 1 {
		t.Fatalf("cache entries: %v", entries)
	}
	data, _ := os.ReadFile(entries[0])
	head, _, _ := strings.Cut(string(data), "\n")
	os.WriteFile(entries[0], []byte(head+"\ndoctored\x00"), 0o600)
	if got := tab(); got != "doctored\n" {
		t.Errorf("the second Tab did not come from the cache: %q", got)
	}
}

// TestCompleteNu: nushell gets records whose value goes into the command
// line as it is (quoted where a name needs it, with no control character
// even then) and whose display and description are safe to show; regions
// after -r, flags for a word begun with -.
func TestCompleteNu(t *testing.T) {
	env := sampleHome(t)
	writeFile(t, filepath.Join(env["HOME"], ".aws", "credentials"), "[plain]\naws_access_key_id = A\naws_secret_access_key = B\n"+
		"[esc\x1b[31m $(x)]\naws_access_key_id = A\naws_secret_access_key = B\n")
	completeNu := func(line string) map[string]complete.NuCandidate {
		t.Helper()
		stdout, stderr, code := runAll(env, "--complete", "nu", "--", line)
		var list []complete.NuCandidate
		if err := json.Unmarshal([]byte(stdout), &list); err != nil || code != cli.ExitOK {
			t.Fatalf("%q: %v (exit %d) %s%s", line, err, code, stdout, stderr)
		}
		byValue := map[string]complete.NuCandidate{}
		for _, c := range list {
			for _, s := range []string{c.Value, c.Display, c.Description} {
				if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
					t.Errorf("%q: a control character in %q", line, s)
				}
			}
			byValue[c.Value] = c
		}
		return byValue
	}
	names := completeNu("awsp ")
	if c, ok := names["plain"]; !ok || c.Display != "" || c.Description == "" {
		t.Errorf("plain: %+v in %v", c, names)
	}
	if c, ok := names[`"esc\u{1b}[31m $(x)"`]; !ok || c.Display != `esc\x1b[31m $(x)` {
		t.Errorf("hostile name: %+v in %v", c, names)
	}
	if regions := completeNu("awsp -r "); regions["eu-west-1"].Value == "" || regions["plain"].Value != "" {
		t.Errorf("after -r: %v", regions)
	}
	if flags := completeNu("awsp --sh"); flags["--show"].Description == "" {
		t.Errorf("flags: %v", flags)
	}
}

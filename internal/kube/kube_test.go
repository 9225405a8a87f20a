package kube

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/sample"
)

// The first file: a user per case, with env and with args.
const kubeA = `apiVersion: v1
kind: Config
clusters:
- name: dev
  cluster:
    server: https://dev.example
    certificate-authority-data: Q0FEQVRBU0VDUkVU
contexts:
- name: dev
  context: {cluster: dev, user: dev-user}
- name: admin
  context:
    cluster: dev
    user: mfa-user
- name: gone
  context:
    cluster: dev
    user: missing-user
users:
- name: dev-user
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token, --cluster-name, dev]
      env:
      - name: AWS_PROFILE
        value: dev
- name: mfa-user
  user:
    exec:
      command: aws
      args:
      - eks
      - get-token
      - --cluster-name
      - admin
      - --profile
      - dev-mfa
- name: missing-user
  user:
    exec:
      command: /usr/local/bin/aws
      args: ["eks", "get-token", "--profile=renamed"]
- name: token-user
  user:
    token: KUBETOKENSECRET
    client-key-data: CLIENTKEYSECRET
`

// The second file: kubectl takes dev-user from the first file, not this.
const kubeB = `apiVersion: v1
kind: Config
contexts:
- name: prod
  context: {cluster: prod, user: prod-user}
users:
- name: dev-user
  user:
    exec: {command: aws, args: [eks, get-token], env: [{name: AWS_PROFILE, value: typo}]}
- name: prod-user
  user:
    exec:
      command: aws-iam-authenticator
      args: [token, -i, prod]
- name: broken-user
  user:
    exec:
      command: aws
      args: [eks, get-token]
      env:
      - name: AWS_PROFILE
        value: typo
`

func setup(t *testing.T, kube map[string]string) (environ.Environ, *profiles.Config) {
	t.Helper()
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	os.WriteFile(filepath.Join(home, ".aws", "config"), []byte(sample.Config), 0o600)
	var paths []string
	for name, text := range kube {
		p := filepath.Join(home, name)
		os.WriteFile(p, []byte(text), 0o600)
		paths = append(paths, p)
	}
	env := environ.Environ{"HOME": home, "KUBECONFIG": strings.Join(sorted(paths), ":")}
	c, err := awsfiles.Load(env)
	if err != nil {
		t.Fatal(err)
	}
	return env, c
}

func sorted(s []string) []string {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

func TestLint(t *testing.T) {
	env, c := setup(t, map[string]string{"a.yaml": kubeA, "b.yaml": kubeB})
	k := Load(env)
	got := map[string]profiles.Finding{}
	for _, f := range k.Lint(c, profiles.Ignore{}) {
		got[f.Code+" "+filepath.Base(f.File)+" "+f.Profile] = f
		if code, ok := profiles.LookupCode(f.Code); !ok || code.Severity != f.Severity || code.Source != "kube" {
			t.Errorf("%s: not a registered kube code of severity %s (%+v)", f.Code, f.Severity, code)
		}
	}
	for key, line := range map[string]int{
		"kube-derived-mfa-serial a.yaml dev-mfa": 39, // the --profile argument's value
		"kube-profile-missing a.yaml renamed":    44,
		"kube-profile-default b.yaml ":           10, // aws-iam-authenticator naming no profile
		"kube-profile-broken b.yaml typo":        21, // the env entry
	} {
		f, ok := got[key]
		if !ok {
			t.Errorf("no finding %s; got %v", key, got)
			continue
		}
		if f.Line != line {
			t.Errorf("%s at line %d, want %d: %s", key, f.Line, line, f.Message)
		}
	}
	if len(got) != 4 {
		t.Errorf("findings: %v", got)
	}
	if f := got["kube-derived-mfa-serial a.yaml dev-mfa"]; !strings.Contains(f.Message, "context admin") || !strings.Contains(f.Message, `Primary "sso"`) {
		t.Errorf("message: %s", f.Message)
	}
	// The person says MFA on dev-mfa is intended: kubectl's warning goes too.
	ig := profiles.Ignore{Profiles: map[string][]string{"dev-mfa": {"derived-mfa-serial"}}}
	for _, f := range k.Lint(c, ig) {
		if f.Code == "kube-derived-mfa-serial" {
			t.Errorf("silenced: %v", f)
		}
	}
	if ctx := k.ContextsUsing("dev"); len(ctx) != 1 || ctx[0] != "dev" {
		t.Errorf("contexts of dev: %v", ctx)
	}
	if ctx := k.ContextsUsing("typo"); len(ctx) != 0 {
		t.Errorf("dev-user from the second file counted: %v", ctx)
	}
}

// Bad input: one problem each, at once, never a panic; and the memory a
// read allocates follows the file's size, not its nesting (each of these
// files took gigabytes with goccy/go-yaml or a bound on one line only).
func TestBadKubeconfigs(t *testing.T) {
	bomb := "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
	for i := 'b'; i <= 'j'; i++ {
		prev := string(i - 1)
		bomb += string(i) + ": &" + string(i) + " [*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n"
	}
	bomb += "users: *j\ncontexts: *j\n"
	lines := func(n int, line func(i int) string) string {
		var b strings.Builder
		b.WriteString("users:\n")
		for i := range n {
			b.WriteString(line(i))
		}
		return b.String()
	}
	tooMany := "not a kubeconfig: more than 250000 YAML nodes"
	for _, c := range []struct{ name, text, want string }{
		{"not-yaml", "users: [unclosed\n  - : :\n\t@@@", "not a kubeconfig: line 3: found character that cannot start any token"},
		{"scalar", "just a string\n", "not a kubeconfig: the top is not a mapping"},
		{"deep", strings.Repeat("[", 200000), "not a kubeconfig: nested too deep"},
		{"dashes", "users:\n" + strings.Repeat("- ", 40000) + "x\n", "not a kubeconfig: nested too deep"},
		{"questions", "users:\n" + strings.Repeat("? ", 40000) + "x\n", "not a kubeconfig: nested too deep"},
		{"indented", lines(3000, func(i int) string { return strings.Repeat(" ", i) + "a:\n" }), "not a kubeconfig: nested too deep"},
		{"binary", "\x00\x01\x02\xff\xfe", "not a kubeconfig: control characters are not allowed"},
		// Each line within the bounds of one line, the file far beyond
		// any kubeconfig.
		{"deep-lines", lines(2000, func(int) string { return "- " + strings.Repeat("[", 999) + strings.Repeat("]", 999) + "\n" }), tooMany},
		{"dash-lines", lines(20000, func(int) string { return strings.Repeat("- ", 99) + "x\n" }), tooMany},
		{"wide-mapping", lines(300000, func(i int) string { return fmt.Sprintf("  k%d: v\n", i) }), tooMany},
		{"commas", "users: [" + strings.Repeat("a,", 300000) + "a]\n", tooMany},
		// The alias bomb is read, its aliases followed only as far as a
		// budget allows: no problem, no finding.
		{"alias-bomb", bomb, ""},
	} {
		env, cfg := setup(t, map[string]string{c.name: c.text})
		done := make(chan []profiles.Finding)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		go func() { done <- Load(env).Lint(cfg, profiles.Ignore{}) }()
		select {
		case fs := <-done:
			runtime.ReadMemStats(&after)
			var got []string
			for _, f := range fs {
				got = append(got, f.Code+": "+f.Message)
			}
			want := []string{"kube-config-invalid: " + c.want}
			if c.want == "" {
				want = nil
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: %q, want %q", c.name, got, want)
			}
			// Reading the file, and parsing none of these, is about twice
			// its size; parsing the 4.6 MB wide mapping took 600 MB.
			if grew := after.TotalAlloc - before.TotalAlloc; grew > uint64(4*len(c.text))+8<<20 {
				t.Errorf("%s: %d bytes allocated for a file of %d", c.name, grew, len(c.text))
			}
		case <-time.After(20 * time.Second): // a hang, not a timing
			t.Fatalf("%s: reading hangs", c.name)
		}
	}
	env, c := setup(t, map[string]string{})
	env["KUBECONFIG"] = env["HOME"] // a directory
	if fs := Load(env).Lint(c, profiles.Ignore{}); len(fs) != 1 || fs[0].Code != "kube-config-invalid" {
		t.Errorf("a directory: %v", fs)
	}
}

// The AWS CLI's auto-prompt in full mode makes aws eks get-token wait for
// input inside kubectl: from the profile, the plugin's env or its args
// (args beat env beat the profile); on-partial and off are fine.
func TestLintAutoPrompt(t *testing.T) {
	const kube = `users:
- name: from-profile
  user:
    exec: {command: aws, args: [eks, get-token, --profile, prompting]}
- name: from-env
  user:
    exec:
      command: aws
      args: [eks, get-token]
      env:
      - {name: AWS_PROFILE, value: dev}
      - {name: AWS_CLI_AUTO_PROMPT, value: "on"}
- name: from-args
  user:
    exec: {command: aws, args: [eks, get-token, --cli-auto-prompt, --profile, dev]}
- name: partial
  user:
    exec:
      command: aws
      args: [eks, get-token, --profile, dev]
      env: [{name: AWS_CLI_AUTO_PROMPT, value: on-partial}]
- name: turned-off
  user:
    exec: {command: aws, args: [eks, get-token, --no-cli-auto-prompt, --profile, prompting]}
`
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	os.WriteFile(filepath.Join(home, ".aws", "config"), []byte(sample.Config+"\n[profile prompting]\nsource_profile = identity\nrole_arn = arn:aws:iam::333333333333:role/P\ncli_auto_prompt = on\n"), 0o600)
	os.WriteFile(filepath.Join(home, "k.yaml"), []byte(kube), 0o600)
	env := environ.Environ{"HOME": home, "KUBECONFIG": filepath.Join(home, "k.yaml")}
	c, err := awsfiles.Load(env)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range Load(env).Lint(c, profiles.Ignore{}) {
		got = append(got, f.String()[len(home)+1:])
	}
	want := []string{
		`k.yaml:4: warning: kube-cli-auto-prompt: kube user "from-profile" runs aws eks get-token with cli_auto_prompt = on in profile "prompting": the AWS CLI opens its interactive prompt inside kubectl's credential plugin, where no one can answer, and kubectl waits; set cli_auto_prompt = on-partial or off`,
		`k.yaml:12: warning: kube-cli-auto-prompt: kube user "from-env" runs aws eks get-token with AWS_CLI_AUTO_PROMPT=on in its env: the AWS CLI opens its interactive prompt inside kubectl's credential plugin, where no one can answer, and kubectl waits; set cli_auto_prompt = on-partial or off`,
		`k.yaml:15: warning: kube-cli-auto-prompt: kube user "from-args" runs aws eks get-token with --cli-auto-prompt in its args: the AWS CLI opens its interactive prompt inside kubectl's credential plugin, where no one can answer, and kubectl waits; set cli_auto_prompt = on-partial or off`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

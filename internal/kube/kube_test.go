package kube

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

func setup(t *testing.T, kube map[string]string) (profiles.Environ, *profiles.Config) {
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
	env := profiles.Environ{"HOME": home, "KUBECONFIG": strings.Join(sorted(paths), ":")}
	c, err := profiles.Load(env)
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

// Bad input: one problem each, at once, never a panic.
func TestBadKubeconfigs(t *testing.T) {
	bomb := "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
	for i := 'b'; i <= 'j'; i++ {
		prev := string(i - 1)
		bomb += string(i) + ": &" + string(i) + " [*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n"
	}
	bomb += "users: *j\ncontexts: *j\n"
	for name, text := range map[string]string{
		"not-yaml":  "users: [unclosed\n  - : :\n\t@@@",
		"scalar":    "just a string\n",
		"deep":      strings.Repeat("[", 200000),
		"dashes":    "users:\n" + strings.Repeat("- ", 40000) + "x\n",
		"questions": "users:\n" + strings.Repeat("? ", 40000) + "x\n",
		"indented": "users:\n" + func() string {
			var b strings.Builder
			for i := 0; i < 3000; i++ {
				b.WriteString(strings.Repeat(" ", i) + "a:\n")
			}
			return b.String()
		}(),
		"alias-bomb": bomb,
		"binary":     "\x00\x01\x02\xff\xfe",
	} {
		env, c := setup(t, map[string]string{name: text})
		done := make(chan []profiles.Finding)
		go func() { done <- Load(env).Lint(c, profiles.Ignore{}) }()
		select {
		case fs := <-done:
			for _, f := range fs {
				if strings.Contains(f.Message, "\n") {
					t.Errorf("%s: a message of more than one line: %q", name, f.Message)
				}
			}
			if name != "alias-bomb" && len(fs) != 1 {
				t.Errorf("%s: %d findings, want one problem: %v", name, len(fs), fs)
			}
		case <-time.After(20 * time.Second): // a hang, not a timing
			t.Fatalf("%s: reading hangs", name)
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
	env := profiles.Environ{"HOME": home, "KUBECONFIG": filepath.Join(home, "k.yaml")}
	c, err := profiles.Load(env)
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

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/sample"
)

// One failure, one line: awsp login reads the files twice (the chain,
// then the switch), and a file that cannot be read is said once, its
// path and its error joined by ": ".
func TestOneErrorOneLine(t *testing.T) {
	env := sampleHome(t)
	config := filepath.Join(env["HOME"], ".aws", "config")
	os.Remove(config)
	if err := os.Symlink(config, config); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"--eval", "bash", "login", "dev"}, {"--eval", "bash", "dev"}, {"-l"}, {"--lint"}} {
		stdout, stderr, code := runAll(env, args...)
		if want := "awsp: ~/.aws/config: too many levels of symbolic links\n"; stderr != want || stdout != "" || code != cli.ExitUsage {
			t.Errorf("%q: exit %d, stdout %q, stderr\n%q\nwant\n%q", args, code, stdout, stderr, want)
		}
	}
}

// A secret in double quotes (the AWS CLI keeps the quotes, the Go SDK
// does not) is reported by its key and line, never its value, in text
// and JSON.
func TestQuotedSecretsAreNotShown(t *testing.T) {
	env := sampleHome(t)
	const secret, token = "wJalrXUtnFEMIK7MDENGbPxRfiCYQUOTEDKEY", "IQoJb3JpZ2luX2VjQUOTEDTOKEN"
	writeFile(t, filepath.Join(env["HOME"], ".aws", "credentials"), "[quoted]\naws_access_key_id = AKIDQUOTED\naws_secret_access_key = \""+secret+"\"\naws_session_token = \""+token+"\"\n")
	creds := filepath.Join(env["HOME"], ".aws", "credentials")
	want := creds + ":3: warning: sdk-divergence: the AWS CLI keeps the double quotes around the value of \"aws_secret_access_key\" as part of it; the Go SDK removes them\n" +
		creds + ":4: warning: sdk-divergence: the AWS CLI keeps the double quotes around the value of \"aws_session_token\" as part of it; the Go SDK removes them\n"
	stdout, _, _ := runAll(env, "--lint")
	var got []string
	for _, line := range strings.SplitAfter(stdout, "\n") {
		if strings.HasPrefix(line, creds) {
			got = append(got, line)
		}
	}
	if strings.Join(got, "") != want {
		t.Errorf("--lint:\n%s\nwant\n%s", strings.Join(got, ""), want)
	}
	for _, args := range [][]string{{"--lint"}, {"--lint", "--json"}, {"-l", "--json"}, {"-s", "quoted"}, {"-s", "quoted", "--json"}, {"--eval", "bash", "quoted"}} {
		stdout, stderr, _ := runAll(env, args...)
		if strings.Contains(stdout+stderr, "QUOTEDKEY") || strings.Contains(stdout+stderr, "QUOTEDTOKEN") {
			t.Errorf("%q shows a secret:\n%s%s", args, stdout, stderr)
		}
	}
}

// One rule for secret values: the value of a secret key never appears in
// any output, whatever finding or error mentions it. Every shape of value
// a finding reports on (quoted, an inline comment, continued, indented
// under another key, in [DEFAULT], in an ignored section, in an
// sso-session and differing from its profile's, in a services block,
// with control characters; and, in a file the AWS CLI refuses, repeated
// or not UTF-8) is given to each secret key, and every command's output
// is read, and every file awsp keeps in its cache. The SSO cache's
// tokens are held to the same rule.
func TestSecretsNeverShown(t *testing.T) {
	for _, refused := range []bool{false, true} {
		t.Run(fmt.Sprintf("refused=%v", refused), func(t *testing.T) { secretsNeverShown(t, refused) })
	}
}

func secretsNeverShown(t *testing.T, refused bool) {
	env := sampleHome(t)
	const mark = "SECRETMARK"
	n := 0
	secret := func() string { n++; return fmt.Sprintf("%s%02d", mark, n) }
	var cfg, creds strings.Builder
	cfg.WriteString(sample.Config)
	fmt.Fprintf(&cfg, "\n[DEFAULT]\naws_security_token = %s\n", secret())
	fmt.Fprintf(&cfg, "\n[sso-session leaky]\nsso_start_url = https://leaky.awsapps.com/start\nsso_region = eu-west-1\naws_session_token = %s\n", secret())
	fmt.Fprintf(&cfg, "\n[profile leaky-sso]\nsso_session = leaky\nsso_account_id = 111111111111\nsso_role_name = R\naws_session_token = %s\n", secret())
	fmt.Fprintf(&cfg, "\n[services leaky]\ns3 =\n  aws_secret_access_key = %s\n", secret())
	fmt.Fprintf(&cfg, "\n[profile in-config]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = \"%s\"\n", secret())
	fmt.Fprintf(&cfg, "\n[notaprofile]\naws_secret_access_key = %s\n", secret())
	for _, key := range []string{"aws_secret_access_key", "aws_session_token", "aws_security_token"} {
		p := "leak-" + strings.ReplaceAll(key, "_", "-")
		fmt.Fprintf(&creds, "[%s-quoted]\naws_access_key_id = AKIDLEAK\n%s = \"%s\"\n\n", p, key, secret())
		fmt.Fprintf(&creds, "[%s-comment]\naws_access_key_id = AKIDLEAK\n%s = %s # %s\n\n", p, key, secret(), secret())
		fmt.Fprintf(&creds, "[%s-continued]\naws_access_key_id = AKIDLEAK\n%s = %s\n  %s\n\n", p, key, secret(), secret())
		fmt.Fprintf(&creds, "[%s-indented]\nregion = eu-west-1\n  %s = %s\n\n", p, key, secret())
		fmt.Fprintf(&creds, "[%s-controls]\naws_access_key_id = AKIDLEAK\n%s = %s\x1b[2J\x07\n\n", p, key, secret())
		fmt.Fprintf(&creds, "[%s-alone]\n%s = %s\n\n", p, key, secret())
		if refused {
			fmt.Fprintf(&creds, "[%s-repeated]\naws_access_key_id = AKIDLEAK\n%s = %s\n%s = %s\n\n", p, key, secret(), key, secret())
			fmt.Fprintf(&creds, "[%s-binary]\naws_access_key_id = AKIDLEAK\n%s = %s\xff\xfe\n\n", p, key, secret())
		}
	}
	home := env["HOME"]
	writeFile(t, filepath.Join(home, ".aws", "config"), cfg.String())
	writeFile(t, filepath.Join(home, ".aws", "credentials"), creds.String())
	for path, data := range sample.Files(fixedNow) {
		if strings.Contains(path, "sso/cache") {
			writeFile(t, filepath.Join(home, path), strings.Replace(data, `"accessToken": "`, `"refreshToken": "`+secret()+`", "accessToken": "`+mark, 1))
		}
	}
	var names []string
	for _, line := range strings.Split(creds.String(), "\n") {
		if strings.HasPrefix(line, "[") {
			names = append(names, strings.Trim(line, "[]"))
		}
	}
	names = append(names, "leaky-sso", "in-config", "dev")

	// The files hold what the findings that mention a value report.
	lint, _, _ := runAll(env, "--lint", "--json")
	var found []struct{ Code string }
	json.Unmarshal([]byte(lint), &found)
	codes := map[string]bool{}
	for _, f := range found {
		codes[f.Code] = true
	}
	want := []string{"indented-credentials", "sdk-divergence", "sso-session-conflict", "ignored-section"}
	if refused {
		want = []string{"duplicate-key", "parse-error", "indented-credentials", "sdk-divergence"}
	}
	for _, code := range want {
		if !codes[code] {
			t.Errorf("no %s finding among %v", code, codes)
		}
	}

	runs := [][]string{{"--lint"}, {"--lint", "--json"}, {"-l"}, {"-l", "--json"}, {"--complete", "zsh"}, {"--complete", "fish"},
		{"--complete", "nu", "--", "awsp "}, {"--complete", "bash", "--", "awsp", "", "awsp "}, {"--complete", "names"}}
	for _, name := range names {
		runs = append(runs, []string{"-s", name}, []string{"-s", name, "--json"}, []string{"--eval", "bash", name}, []string{"--eval", "nu", "login", name})
	}
	for _, args := range runs {
		stdout, stderr, _ := runAll(env, args...)
		if i := strings.Index(stdout+stderr, mark); i >= 0 {
			t.Errorf("%q shows a secret: %q", args, (stdout + stderr)[max(0, i-80):min(len(stdout+stderr), i+20)])
		}
	}
	for _, name := range names {
		e := environ.Environ{}
		for k, v := range env {
			e[k] = v
		}
		e["AWS_PROFILE"] = name
		if stdout, stderr, _ := runAll(e, "--prompt"); strings.Contains(stdout+stderr, mark) {
			t.Errorf("--prompt for %s shows a secret: %q", name, stdout+stderr)
		}
	}
	filepath.WalkDir(env["AWSP_CACHE_DIR"], func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if data, _ := os.ReadFile(path); strings.Contains(string(data), mark) {
				t.Errorf("the cache keeps a secret: %s", path)
			}
		}
		return nil
	})
}

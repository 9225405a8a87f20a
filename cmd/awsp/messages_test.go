package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
		if want := "awsp: ~/.aws/config: too many levels of symbolic links\n"; stderr != want || stdout != "" || code != exitUsage {
			t.Errorf("%q: exit %d, stdout %q, stderr\n%q\nwant\n%q", args, code, stdout, stderr, want)
		}
	}
}

// With no row matching, the picker still shows its input line: the
// screen is exactly height lines, none after the last. An operator alone
// (!, ') matches every row, as in fzf, while the term is typed.
func TestPickerNoMatchAndLoneOperators(t *testing.T) {
	rows := func() []pickerRow { return []pickerRow{{name: "dev"}, {name: "prod"}, {name: "sso"}} }
	p := newPicker(rows(), "", nil)
	p.key([]byte("zzz"))
	screen := strings.TrimPrefix(p.draw(40, 8, style{}), "\x1b[H\x1b[2J")
	want := "awsp> zzz█\r\n0/3  type to filter by name, account, r…\r\n    NAME  KIND  CHAIN  STATUS\r\n\r\n\r\n\r\n\r\n"
	if screen != want {
		t.Errorf("no match:\n%q\nwant\n%q", screen, want)
	}
	for _, q := range []string{"!", "'", "^", "!'", "dev !"} {
		p := newPicker(rows(), "", nil)
		p.key([]byte(q))
		var shown []string
		for _, r := range p.shown {
			shown = append(shown, r.name)
		}
		want := "dev prod sso"
		if q == "dev !" {
			want = "dev"
		}
		if strings.Join(shown, " ") != want {
			t.Errorf("%q shows %q, want %q", q, shown, want)
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

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

package picker

import (
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/view"
)

// With no row matching, the picker still shows its input line: the
// screen is exactly height lines, none after the last. An operator alone
// (!, ') matches every row, as in fzf, while the term is typed.
func TestPickerNoMatchAndLoneOperators(t *testing.T) {
	rows := func() []Row { return []Row{{Name: "dev"}, {Name: "prod"}, {Name: "sso"}} }
	p := New(rows(), "", nil)
	p.Key([]byte("zzz"))
	screen := strings.TrimPrefix(p.Draw(40, 8, view.Style{}), "\x1b[H\x1b[2J")
	want := "awsp> zzz█\r\n0/3  type to filter by name, account, r…\r\n    NAME  KIND  CHAIN  STATUS\r\n\r\n\r\n\r\n\r\n"
	if screen != want {
		t.Errorf("no match:\n%q\nwant\n%q", screen, want)
	}
	for _, q := range []string{"!", "'", "^", "!'", "dev !"} {
		p := New(rows(), "", nil)
		p.Key([]byte(q))
		var shown []string
		for _, r := range p.shown {
			shown = append(shown, r.Name)
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

func TestPickerKeys(t *testing.T) {
	p := New([]Row{{Name: "dev"}, {Name: "dev-mfa"}, {Name: "prod"}, {Name: "sandbox-dev"}}, "", nil)
	for _, k := range []string{"d", "e", "v"} {
		p.Key([]byte(k))
	}
	if len(p.shown) != 3 || p.shown[0].Name != "dev" || p.shown[2].Name != "sandbox-dev" {
		t.Fatalf("filter dev: %+v", p.shown)
	}
	p.Key([]byte("\x1b[B"))
	if done, name := p.Key([]byte("\r")); !done || name != "dev-mfa" {
		t.Errorf("down, Enter: %v %q", done, name)
	}
	p.Key([]byte("\x7f"))
	p.Key([]byte("\x15"))
	if p.query != "" || len(p.shown) != 4 {
		t.Errorf("backspace, Ctrl-U: %q %d", p.query, len(p.shown))
	}
	p.Key([]byte("pd")) // a subsequence of prod
	if len(p.shown) != 1 || p.shown[0].Name != "prod" {
		t.Errorf("subsequence: %+v", p.shown)
	}
	if done, name := p.Key([]byte("\x1b")); !done || name != "" {
		t.Errorf("Esc: %v %q", done, name)
	}
	screen := p.Draw(40, 10, view.Style{})
	if !strings.Contains(screen, "awsp> pd") || !strings.Contains(screen, "▸ ") {
		t.Errorf("draw:\n%s", screen)
	}
}

// The terminal's bytes become keys as typed: a paste or several keys in
// one read, a held key, a sequence split across reads, a character split
// across reads; a lone Esc is taken as Esc only once nothing follows.
func TestSplitKeys(t *testing.T) {
	for _, tc := range []struct {
		in    string
		final bool
		keys  []string
		rest  string
	}{
		{"pro\r", false, []string{"p", "r", "o", "\r"}, ""},
		{"jjjj", false, []string{"j", "j", "j", "j"}, ""},
		{"\x1b[B\x1b[A\r", false, []string{"\x1b[B", "\x1b[A", "\r"}, ""},
		{"d\x1b", false, []string{"d"}, "\x1b"},
		{"\x1b[", false, nil, "\x1b["},
		{"\x1b[1;5", false, nil, "\x1b[1;5"},
		{"\x1bO", false, nil, "\x1bO"},
		{"\x1b", true, []string{"\x1b"}, ""},
		{"\x1bOB", false, []string{"\x1bOB"}, ""},
		{"é"[:1], false, nil, "é"[:1]},
		{"日本", false, []string{"日", "本"}, ""},
	} {
		keys, rest := SplitKeys([]byte(tc.in), tc.final)
		var got []string
		for _, k := range keys {
			got = append(got, string(k))
		}
		if strings.Join(got, "|") != strings.Join(tc.keys, "|") || string(rest) != tc.rest {
			t.Errorf("SplitKeys(%q, %v) = %q, %q; want %q, %q", tc.in, tc.final, got, rest, tc.keys, tc.rest)
		}
	}
	// "pro" and Enter in one write choose prod.
	p := New([]Row{{Name: "dev"}, {Name: "prod"}}, "", nil)
	keys, _ := SplitKeys([]byte("pro\r"), false)
	var done bool
	var chosen string
	for _, k := range keys {
		if done, chosen = p.Key(k); done {
			break
		}
	}
	if !done || chosen != "prod" {
		t.Errorf("a paste of pro and Enter: %v %q", done, chosen)
	}
}

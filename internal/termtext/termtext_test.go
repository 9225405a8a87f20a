package termtext

import (
	"github.com/rivo/uniseg"

	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"dev":                   "dev",
		"café ☕ 開発":             "café ☕ 開発",
		"a\x1b]0;pwned\x07b":    `a\x1b]0;pwned\x07b`,
		"tab\there\nnl\r":       `tab\x09here\x0anl\x0d`,
		"del\x7f":               `del\x7f`,
		"csi\u009b31m":          `csi\u009b31m`,
		"nel\u0085":             `nel\u0085`,
		"rlo\u202Eved":          `rlo\u202eved`,
		"iso\u2066late\u2069":   `iso\u2066late\u2069`,
		"zero\u200Bwidth\u200D": `zero\u200bwidth\u200d`,
		"bom\uFEFF":             `bom\ufeff`,
		"line\u2028sep":         `line\u2028sep`,
		"bad\xffbyte\xc3":       `bad\xffbyte\xc3`,
		"soft\u00adhyphen":      `soft\u00adhyphen`,
		"nul\x00":               `nul\x00`,
	} {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

// Whatever goes in, nothing unsafe comes out, and the result is UTF-8.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "a\x1b[31m", "\u202e", "\xff", "\u0085\u2066"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Clean(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Clean(%q) = %q: not UTF-8", s, out)
		}
		for _, r := range out {
			if Unsafe(r) {
				t.Fatalf("Clean(%q) = %q holds %U", s, out, r)
			}
		}
		if firstUnsafe(s) < 0 && out != s {
			t.Fatalf("Clean changed the safe %q to %q", s, out)
		}
		data, _ := json.Marshal(s)
		safe := JSON(data)
		for _, r := range string(safe) {
			if Unsafe(r) && r != '\n' {
				t.Fatalf("JSON(%s) = %s holds %U", data, safe, r)
			}
		}
		var back, want string
		json.Unmarshal(data, &want)
		if err := json.Unmarshal(safe, &back); err != nil || back != want {
			t.Fatalf("JSON(%s) = %s decodes to %q, want %q (%v)", data, safe, back, want, err)
		}
	})
}

func TestWidth(t *testing.T) {
	for s, want := range map[string]int{
		"dev":                    3,
		"開発":                     4,
		"🚀x":                     3,
		"cafe\u0301":             4, // e and a combining accent: one cluster
		"👨‍👩‍👧":                  2, // a family: one cluster of joined emoji
		"\x1b[32mgreen\x1b[0m":   5,
		"\x1b[1;33mbold\x1b[0m!": 5,
		`\x1b[31m`:               8, // an escape shown by Clean is text
	} {
		if got := Width(s); got != want {
			t.Errorf("Width(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestTruncateAndPad(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		start bool // TruncateStart, which keeps the end
		want  string
	}{
		{"short", 10, false, "short"},
		{"開発環境です", 7, false, "開発環…"},
		{"\x1b[32m開発環境\x1b[0m", 6, false, "\x1b[32m開発…\x1b[0m"},
		{"ab🚀cd", 4, false, "ab…"}, // the rocket does not fit in the one column left
		{"identity", 10, true, "identity"},
		{"acme-core-gbl-identity", 9, true, "…identity"},
		{"開発環境です", 7, true, "…境です"},
		{"ab🚀cd", 3, true, "…cd"},
	} {
		cut := Truncate
		if tc.start {
			cut = TruncateStart
		}
		got := cut(tc.in, tc.width)
		if got != tc.want || Width(got) > tc.width {
			t.Errorf("cut(%q, %d), from the start %v: %q (width %d), want %q", tc.in, tc.width, tc.start, got, Width(got), tc.want)
		}
	}
	if got := Pad("開発", 6); got != "開発  " {
		t.Errorf("Pad = %q", got)
	}
}

func TestTable(t *testing.T) {
	got := Table([][]string{{"NAME", "KIND"}, {"開発", "derived"}, {"dev", "\x1b[32mprimary\x1b[0m"}}, func(s string) string { return "<" + s + ">" })
	want := []string{"<NAME>  <KIND>", "開発  derived", "dev   \x1b[32mprimary\x1b[0m"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Table:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// textWidth's short cut over ASCII agrees with uniseg on every mix of
// ASCII, wide, combining and emoji characters.
func TestWidthMatchesUniseg(t *testing.T) {
	parts := []string{"a", "e\u0301", "開", "🚀", "👍🏽", "1\ufe0f\u20e3", " ← ", "↻", "x\u200dy", "🇫🇷", "-", "⚠", "\ufe0f", "←…←", "✗", "\u0301"}
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				s := a + b + c
				if got, want := Width(s), uniseg.StringWidth(s); got != want {
					t.Errorf("Width(%q) = %d, uniseg %d", s, got, want)
				}
			}
		}
	}
}

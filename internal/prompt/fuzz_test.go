package prompt

import (
	"strings"
	"testing"
	"time"
)

// FuzzRender renders any names in every dialect: no control character
// from the input reaches the terminal, and in zsh every % is escaped.
func FuzzRender(f *testing.F) {
	f.Add("dev", "identity", "eu-west-1", "{chain} {expiry} {warn}")
	f.Add("a\x1b[31m%F{red}$(x)`y`\\[", "\x01\x02", "%%", "{profile}%{region}")
	f.Fuzz(func(t *testing.T, profile, source, region, format string) {
		d := Data{Profile: profile, Chain: []string{profile, source}, Region: region, Expiry: now.Add(time.Hour)}
		for _, dialect := range []Dialect{Plain, Bash, Zsh, Fish} {
			out := Render(format, d, now, dialect, false)
			for _, r := range out {
				if (r < 0x20 || r >= 0x7f && r < 0xa0) && !strings.ContainsRune(format, r) {
					t.Fatalf("%s: control character %U from a name in %q", dialect, r, out)
				}
			}
			if dialect == Zsh && profile != "" && strings.ContainsRune(profile, '%') && !strings.Contains(out, strings.ReplaceAll(safe(profile), "%", "%%")) && strings.Contains(format, "{profile}") {
				t.Fatalf("zsh: %q not escaped in %q", profile, out)
			}
		}
	})
}

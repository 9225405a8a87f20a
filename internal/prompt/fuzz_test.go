package prompt

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/profiles"
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

// FuzzExpand holds the placeholder expansion to what strings.Replacer,
// the obvious way to write it, does with the same fields.
func FuzzExpand(f *testing.F) {
	f.Add("{chain} {expiry} {warn}", "a{warn}b", "")
	f.Add("{{chain}}{chain{warn}{", "}", "{")
	f.Add("{nope} {profile", "x", "y")
	f.Fuzz(func(t *testing.T, format, chain, warn string) {
		fields := map[string]string{"chain": chain, "warn": warn}
		want := strings.NewReplacer("{chain}", chain, "{warn}", warn).Replace(format)
		got := expand(format, func(key string) (string, bool) {
			v, ok := fields[key]
			return v, ok
		})
		if got != want {
			t.Fatalf("expand(%q) = %q, strings.Replacer gives %q", format, got, want)
		}
	})
}

// FuzzEntry: whatever an entry holds, it reads back as it was written.
func FuzzEntry(f *testing.F) {
	f.Add("dev", "identity\nsso", true, false, "eu-west-1", "/home/u/.aws/sso/cache/x.json", true, false, "", int64(1795000000), "creds", false)
	f.Add("dev", "tool", false, false, "", "/home/u/.config/aws-sso/cache.json", false, false, "arn:aws:iam::1:role/R", int64(0), "", false)
	f.Fuzz(func(t *testing.T, first, rest string, broken, warn bool, region, token string, session, login bool, roleARN string, at int64, from string, environment bool) {
		e := entry{Chain: append([]string{first}, strings.Split(rest, "\n")...), Broken: broken, Warn: warn, Region: region}
		e.Session = profiles.SessionSource{Token: token, SSOSession: session, Login: login, RoleARN: roleARN, From: from, Environment: environment}
		if at != 0 {
			e.Session.At = time.Unix(at%(1<<40), 0).UTC()
		}
		data, err := e.MarshalText()
		if err != nil {
			t.Skip() // a time MarshalText refuses
		}
		var back entry
		if err := back.UnmarshalText(data); err != nil {
			t.Fatalf("%q: %v", data, err)
		}
		if !reflect.DeepEqual(back, e) {
			t.Fatalf("round trip:\n%#v\n%#v", e, back)
		}
	})
}

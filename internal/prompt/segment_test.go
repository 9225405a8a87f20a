package prompt

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func TestRender(t *testing.T) {
	chain := []string{"dev", "identity", "sso"}
	for _, tc := range []struct {
		name   string
		format string
		d      Data
		want   string
	}{
		{"derived", DefaultFormat, Data{Profile: "dev", Chain: chain, Expiry: now.Add(3*time.Hour + 12*time.Minute)}, "dev ← identity ← sso 3h12m"},
		{"primary", DefaultFormat, Data{Profile: "sso", Chain: []string{"sso"}, Expiry: now.Add(45 * time.Minute)}, "sso 45m"},
		{"unknown expiry", DefaultFormat, Data{Profile: "keys", Chain: []string{"keys"}}, "keys"},
		{"expired", DefaultFormat, Data{Profile: "sso", Chain: []string{"sso"}, Expiry: now.Add(-time.Minute)}, "sso expired"},
		// one vocabulary with -l and -s: a refresh token renews it
		{"renews on use", DefaultFormat, Data{Profile: "sso", Chain: []string{"sso"}, Expiry: now.Add(-time.Minute), Refreshable: true}, "sso renews on use"},
		{"refreshable", DefaultFormat, Data{Profile: "sso", Chain: []string{"sso"}, Expiry: now.Add(time.Hour), Refreshable: true}, "sso 1h00m"},
		// the segment keeps within SegmentWidth, label included
		{"long names", DefaultFormat, Data{Profile: "acme-plat-ue2-prod-eks-readonly", Chain: []string{"acme-plat-ue2-prod-eks-readonly", "acme-plat-gbl-prod-admin", "acme-sso"}, Label: "PROD", Expiry: now.Add(2 * time.Hour)}, "PROD acme-plat…2-prod-eks-readonly 2h00m"},
		// a region and a marker come on top: the name stays whole
		{"long names, a region", DefaultFormat, Data{Profile: "acme-plat-ue2-prod-eks-admin", Chain: []string{"acme-plat-ue2-prod-eks-admin", "acme-sso"}, Label: "PROD", EnvRegion: "eu-west-1", Warn: true, Expiry: now.Add(2 * time.Hour)}, "PROD acme-plat-ue2-prod-eks-admin 2h00m eu-west-1 ⚠"},
		{"a chain alone", "{chain}", Data{Profile: "acme-plat-gbl-prod-admin", Chain: []string{"acme-plat-gbl-prod-admin", "acme-core-gbl-identity-admin", "acme-sso"}}, "acme-plat-gbl-prod-admin ←…← acme-sso"},
		{"logged out", DefaultFormat, Data{Profile: "sso", Chain: []string{"sso"}, LoggedOut: true}, "sso logged out"},
		{"warning", DefaultFormat, Data{Profile: "dev", Chain: chain, Expiry: now.Add(time.Hour), Warn: true}, "dev ← identity ← sso 1h00m ⚠"},
		{"broken", DefaultFormat, Data{Profile: "typo", Chain: []string{"typo"}, Broken: true}, "typo ✗"},
		{"missing", DefaultFormat, Data{Profile: "gone", Broken: true}, "gone ✗"},
		{"none", DefaultFormat, Data{}, ""},
		{"placeholders", "[{profile}|{primary}|{region}|{expiry}]", Data{Profile: "dev", Chain: chain, Region: "eu-west-1", Expiry: now.Add(2*time.Hour + 5*time.Minute)}, "[dev|sso|eu-west-1|2h05m]"},
		{"control characters", "{profile}", Data{Profile: "a\x1b[31mb\x01"}, `a\x1b[31mb\x01`},
		// A format from the environment is shown like a name: its escapes,
		// its newline and a NUL (which would forge a colour mark) visible.
		{"hostile format", "\x1b]2;pwned\x07{profile}\n\x00y{region}", Data{Profile: "dev", Region: "eu-west-1"}, `\x1b]2;pwned\x07dev\x0a\x00yeu-west-1`},
	} {
		if got := Render(tc.format, tc.d, now, Plain, false); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestColour(t *testing.T) {
	d := Data{Profile: "sso", Chain: []string{"sso"}}
	for left, code := range map[time.Duration]string{2 * time.Hour: "32", 10 * time.Minute: "33", -time.Minute: "31"} {
		d.Expiry = now.Add(left)
		got := Render("{profile}", d, now, Plain, true)
		if want := "\x1b[" + code + "msso\x1b[0m"; got != want {
			t.Errorf("%v left: %q, want %q", left, got, want)
		}
	}
	d.Expiry = now.Add(-time.Minute)
	if got := Render("{profile}", d, now, Bash, true); got != "\x01\x1b[31m\x02sso\x01\x1b[0m\x02" {
		t.Errorf("bash zero-width markers: %q", got)
	}
}

// TestZshPromptEscapes expands a zsh segment with zsh's own prompt
// expansion: the text must come back as it was, % and all.
func TestZshPromptEscapes(t *testing.T) {
	zsh, err := exec.LookPath("zsh")
	if err != nil {
		t.Fatal("zsh is required (test.sh installs it)")
	}
	text := "%F{red}100%$(touch /tmp/x)%%"
	seg := Render("{profile}", Data{Profile: text}, now, Zsh, false)
	out, err := exec.Command(zsh, "-f", "-c", `print -rnP -- "$1"`, "zsh", seg).Output()
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != text {
		t.Errorf("zsh expanded %q to %q, want %q", seg, out, text)
	}
}

func TestLeft(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "expired", 30 * time.Second: "<1m", 45 * time.Minute: "45m", 2*time.Hour + 5*time.Minute: "2h05m", 26 * time.Hour: "26h00m"} {
		if got := Left(d); got != want {
			t.Errorf("Left(%v) = %q, want %q", d, got, want)
		}
	}
}

// Fields lists exactly the placeholders Render fills: each is replaced,
// and a name that is not listed stays as typed.
func TestFieldsAreWhatRenderFills(t *testing.T) {
	d := Data{Profile: "dev", Chain: []string{"dev", "sso"}, Region: "eu-west-1", Warn: true}
	for _, f := range Fields {
		if got := Render("{"+f.Name+"}", d, time.Time{}, Plain, false); strings.Contains(got, "{") {
			t.Errorf("{%s} is listed but not filled: %q", f.Name, got)
		}
	}
	if got := Render("{account}", d, time.Time{}, Plain, false); got != "{account}" {
		t.Errorf("an unlisted field was filled: %q", got)
	}
}

// The README documents every field.
func TestREADMENamesEveryField(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Fields {
		if !strings.Contains(string(data), "`{"+f.Name+"}`") {
			t.Errorf("the README does not document {%s}", f.Name)
		}
	}
}

// TestSegmentRegionAndSymbols: a region set in the environment shows,
// yellow where it beats the profile's own; ⚠ and ✗ keep their colours
// inside the segment's.
func TestSegmentRegionAndSymbols(t *testing.T) {
	d := Data{Profile: "dev", Chain: []string{"dev", "sso"}, Expiry: now.Add(time.Hour), ProfileRegion: "eu-west-1"}
	if got := Render(DefaultFormat, d, now, Plain, false); got != "dev ← sso 1h00m" {
		t.Errorf("no region in the environment: %q", got)
	}
	d.EnvRegion = "eu-west-1"
	if got := Render(DefaultFormat, d, now, Plain, true); got != "\x1b[32mdev ← sso 1h00m eu-west-1\x1b[0m" {
		t.Errorf("the profile's region, set in the environment: %q", got)
	}
	d.EnvRegion, d.Warn = "us-east-1", true
	want := "\x1b[32mdev ← sso 1h00m \x1b[33mus-east-1\x1b[0m\x1b[32m \x1b[33m⚠\x1b[0m\x1b[32m\x1b[0m"
	if got := Render(DefaultFormat, d, now, Plain, true); got != want {
		t.Errorf("another region and a warning:\n got %q\nwant %q", got, want)
	}
	if got := Render(DefaultFormat, d, now, Plain, false); got != "dev ← sso 1h00m us-east-1 ⚠" {
		t.Errorf("without colour: %q", got)
	}
	d = Data{Profile: "typo", Chain: []string{"typo"}, Broken: true}
	if got := Render(DefaultFormat, d, now, Zsh, true); got != "%{\x1b[31m%}typo %{\x1b[31m%}✗%{\x1b[0m%}%{\x1b[31m%}%{\x1b[0m%}" {
		t.Errorf("broken, zsh: %q", got)
	}
}

// A class colours the segment and labels it; the time left keeps the
// colour that says how much is left.
func TestSegmentClass(t *testing.T) {
	d := Data{Profile: "prod", Chain: []string{"prod", "sso"}, Expiry: now.Add(10 * time.Minute), Label: "PROD", Colour: "31"}
	if got := Render(DefaultFormat, d, now, Plain, false); got != "PROD prod ← sso 10m" {
		t.Errorf("plain: %q", got)
	}
	want := "\x1b[31mPROD prod ← sso \x1b[33m10m\x1b[0m\x1b[31m\x1b[0m"
	if got := Render(DefaultFormat, d, now, Plain, true); got != want {
		t.Errorf("coloured:\n got %q\nwant %q", got, want)
	}
}

// The colour marks are replaced by their codes, or removed; a NUL that
// ends the text marks nothing and stays.
func TestPaint(t *testing.T) {
	code := func(mark byte) string { return "<" + string(mark) + ">" }
	for in, want := range map[string]string{
		"plain":           "plain",
		"a\x00yb\x00ec":   "a<y>b<e>c",
		"ends with\x00":   "ends with\x00",
		"\x00r\x00g\x00e": "<r><g><e>",
	} {
		if got := paint(in, code); got != want {
			t.Errorf("paint(%q) = %q, want %q", in, got, want)
		}
	}
	if got := paint("a\x00yb\x00", nil); got != "ab\x00" {
		t.Errorf("paint without codes: %q", got)
	}
}

package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/sample"
	"github.com/awsp-dev/awsp/internal/settings"
	"github.com/awsp-dev/awsp/internal/termtext"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run %s -update writes it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n--- got\n%s--- want\n%s", t.Name(), path, got, want)
	}
}

// wideNames are names a terminal draws wider or narrower than their runes.
const wideNames = `
[profile 開発]
source_profile = identity
role_arn = arn:aws:iam::333333333333:role/Dev
[profile 🚀launch]
source_profile = identity
role_arn = arn:aws:iam::333333333333:role/Launch
[profile cafe` + "\u0301" + `]
source_profile = sso
role_arn = arn:aws:iam::333333333333:role/Cafe
`

// TestListAlignsWideNames: awsp -l and the picker align names of CJK,
// emoji and combining characters as a terminal draws them.
func TestListAlignsWideNames(t *testing.T) {
	env := sampleHome(t)
	writeFile(t, filepath.Join(env["HOME"], ".aws", "config"), sample.Config+wideNames)
	env["NO_COLOR"] = "1"
	stdout, stderr, code := runAll(env, "-l")
	if code != 0 || stderr != "" {
		t.Fatalf("-l: exit %d %q", code, stderr)
	}
	golden(t, "list-wide-names.txt", stdout)
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if !strings.HasPrefix(lines[len(lines)-1], "↻ ") {
		t.Errorf("no legend for ↻ under the table: %q", lines[len(lines)-1])
	}
	assertColumns(t, lines[:len(lines)-1], "KIND")

	c, _ := profiles.Load(env)
	a := &app{env: env, now: testWorld(env).now}
	rows := a.pickerRows(c, &settings.File{}, style{})
	golden(t, "picker-wide-names.txt", strings.Join(termtext.Table(fitRows(pickerListRows(rows), 0, false), nil), "\n")+"\n")
}

// assertColumns checks that the column headed header starts at the same
// display column on every line.
func assertColumns(t *testing.T, lines []string, header string) {
	t.Helper()
	col := termtext.Width(lines[0][:strings.Index(lines[0], header)])
	for _, line := range lines[1:] {
		// The cell before the column ends in at least two spaces.
		var prefix string
		for i := range line {
			if termtext.Width(line[:i]) == col {
				prefix = line[:i]
				break
			}
		}
		if prefix == "" || !strings.HasSuffix(prefix, "  ") || strings.HasPrefix(line[len(prefix):], " ") {
			t.Errorf("%q: the %s column does not start at column %d", line, header, col)
		}
	}
}

// longNamesHome is the sample home with sample.LongNames as its config
// and sample.LongNamesSettings as awsp's, on acme-plat-ue2-prod-eks-admin.
func longNamesHome(t *testing.T) profiles.Environ {
	env := sampleHome(t)
	writeFile(t, filepath.Join(env["HOME"], ".aws", "config"), sample.LongNames())
	writeFile(t, env["AWSP_CONFIG"], sample.LongNamesSettings)
	env["NO_COLOR"] = "1"
	env["AWS_PROFILE"] = "acme-plat-ue2-prod-eks-admin"
	return env
}

// TestLongNamesFit: with Cloud Posse-style names, the default segment
// stays near 40 columns and names the profile, its Primary and the time
// left; -l keeps to 80 and 160 columns, cutting the chain first and
// never the status.
func TestLongNamesFit(t *testing.T) {
	env := longNamesHome(t)
	c, _ := profiles.Load(env)
	var segments strings.Builder
	for _, name := range c.Names() {
		env["AWS_PROFILE"] = name
		seg, _, _ := runAll(env, "--prompt")
		segments.WriteString(seg)
		seg = strings.TrimPrefix(strings.TrimSuffix(seg, "\n"), "PROD ") // the class's label is asked for
		if w := termtext.Width(seg); w > 48 || name == "acme-plat-ue2-prod-eks-admin" && w > 42 || !strings.HasPrefix(seg, name) || !strings.Contains(seg, "2h00m") && name != "keys" {
			t.Errorf("segment of %s: %q, %d columns", name, seg, w)
		}
		if ch := c.Resolve(name); ch.Len() > 1 && !strings.Contains(seg, "← sso") && !strings.Contains(seg, "← acme-sso") {
			t.Errorf("segment of %s does not name its Primary: %q", name, seg)
		}
	}
	golden(t, "long-names-segment.txt", segments.String())

	env["AWS_PROFILE"] = "acme-plat-ue2-prod-eks-admin"
	for _, columns := range []int{80, 160} {
		env["COLUMNS"] = strconv.Itoa(columns)
		stdout, stderr, code := runAll(env, "-l")
		if code != 0 || stderr != "" {
			t.Fatalf("-l: exit %d %q", code, stderr)
		}
		golden(t, fmt.Sprintf("long-names-list-%d.txt", columns), stdout)
		for _, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
			if w := termtext.Width(line); w > columns {
				t.Errorf("%d columns: a line of %d: %q", columns, w, line)
			}
			if strings.HasPrefix(line, "* acme-plat-ue2-prod-eks-admin PROD") && !strings.HasSuffix(line, "2h00m ↻") {
				t.Errorf("%d columns: the status was cut: %q", columns, line)
			}
		}
	}
}

// TestLongNamesPicker draws the picker on an 80x24 terminal: the cursor
// starts on the active profile, the rows fit, and the preview shows the
// whole chain, the account with its alias, the role and the region.
func TestLongNamesPicker(t *testing.T) {
	env := longNamesHome(t)
	c, _ := profiles.Load(env)
	set, err := settings.Load(env)
	if err != nil {
		t.Fatal(err)
	}
	a := &app{env: env, now: testWorld(env).now}
	rows, fill := a.lazyPickerRows(c, set, style{})
	p := newPicker(rows, env["AWS_PROFILE"], fill)
	screen := strings.NewReplacer("\x1b[H\x1b[2J", "", "\r", "").Replace(p.draw(80, 24, style{}))
	golden(t, "long-names-picker.txt", screen+"\n")
	lines := strings.Split(screen, "\n")
	for _, line := range lines {
		if w := termtext.Width(line); w > 80 {
			t.Errorf("a line of %d columns: %q", w, line)
		}
	}
	if !strings.Contains(screen, "▸ * acme-plat-ue2-prod-eks-admin PROD") {
		t.Errorf("the cursor is not on the active profile:\n%s", screen)
	}
	preview := strings.Join(lines[len(lines)-4:], " ")
	for _, want := range []string{"acme-plat-ue2-prod-eks-admin ← acme-plat-gbl-prod-admin ← acme-core-gbl-identity-admin ← acme-sso",
		"account 200000000003 (acme-plat-prod)", "role acme-plat-ue2-prod-eks-admin", "region us-east-2", "sso-session corp"} {
		if !strings.Contains(preview, want) {
			t.Errorf("the preview lacks %q: %q", want, preview)
		}
	}
}

package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/picker"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/sample"
	"github.com/awsp-dev/awsp/internal/settings"
	"github.com/awsp-dev/awsp/internal/termtext"
	"github.com/awsp-dev/awsp/internal/view"
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

	rows := describedPickerRows(env)
	golden(t, "picker-wide-names.txt", strings.Join(termtext.Table(first(view.Fit(pickerViews(rows), 0, false)), nil), "\n")+"\n")
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
func longNamesHome(t *testing.T) environ.Environ {
	env := sampleHome(t)
	writeFile(t, filepath.Join(env["HOME"], ".aws", "config"), sample.LongNames())
	writeFile(t, env["AWSP_CONFIG"], sample.LongNamesSettings)
	env["NO_COLOR"] = "1"
	env["AWS_PROFILE"] = "acme-plat-ue2-prod-eks-admin"
	return env
}

// TestLongNamesFit: with thirty Cloud Posse-style names, every default
// segment, class label included, keeps within prompt.SegmentWidth, shows
// the profile's whole name where it fits beside the label and the time
// left, and tells every profile apart; -l and -s keep to 80 and 120
// columns, names cut (where they must be) stay distinct, the status is
// never cut, and the Primary is shown one way on every row.
func TestLongNamesFit(t *testing.T) {
	env := longNamesHome(t)
	c, _ := awsfiles.Load(env)
	var segments strings.Builder
	seen := map[string]string{}
	for _, name := range c.Names() {
		env["AWS_PROFILE"] = name
		seg, _, _ := runAll(env, "--prompt")
		segments.WriteString(seg)
		seg = strings.TrimSuffix(seg, "\n")
		if w := termtext.Width(seg); w > prompt.SegmentWidth {
			t.Errorf("segment of %s: %q, %d columns", name, seg, w)
		}
		label, left := "", " 2h00m"
		if strings.HasPrefix(seg, "PROD ") {
			label = "PROD "
		}
		if name == "keys" {
			left = " 30m"
		}
		if whole := label + name + left; termtext.Width(whole) <= prompt.SegmentWidth && !strings.HasPrefix(seg, label+name) || !strings.HasSuffix(seg, left) {
			t.Errorf("segment of %s: %q cuts the name, or not the time left", name, seg)
		}
		if other, ok := seen[seg]; ok {
			t.Errorf("%s and %s show the same segment %q", other, name, seg)
		}
		seen[seg] = name
	}
	golden(t, "long-names-segment.txt", segments.String())

	env["AWS_PROFILE"] = "acme-plat-ue2-prod-eks-admin"
	for _, columns := range []int{80, 120} {
		env["COLUMNS"] = strconv.Itoa(columns)
		stdout, stderr, code := runAll(env, "-l")
		if code != 0 || stderr != "" {
			t.Fatalf("-l: exit %d %q", code, stderr)
		}
		golden(t, fmt.Sprintf("long-names-list-%d.txt", columns), stdout)
		names := map[string]bool{}
		for _, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
			if w := termtext.Width(line); w > columns {
				t.Errorf("%d columns: a line of %d: %q", columns, w, line)
			}
			if !strings.HasPrefix(line, "  acme") && !strings.HasPrefix(line, "* acme") {
				continue
			}
			name := strings.Fields(line[2:])[0]
			if names[name] {
				t.Errorf("%d columns: two rows show the name %q", columns, name)
			}
			names[name] = true
			if !strings.HasSuffix(line, "2h00m ↻") {
				t.Errorf("%d columns: the status was cut: %q", columns, line)
			}
			if strings.Contains(line, "←") && !strings.Contains(line, "← acme-sso ") {
				t.Errorf("%d columns: the Primary is not shown whole: %q", columns, line)
			}
		}
		stdout, stderr, code = runAll(env, "-s", "acme-plat-ue2-staging-eks-readonly")
		if code != 0 || stderr != "" {
			t.Fatalf("-s: exit %d %q", code, stderr)
		}
		golden(t, fmt.Sprintf("long-names-show-%d.txt", columns), stdout)
		for _, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
			if w := termtext.Width(line); w > columns {
				t.Errorf("-s at %d columns: a line of %d: %q", columns, w, line)
			}
		}
	}
}

// TestLongNamesPicker draws the picker on 80x24 and 120x24 terminals:
// the cursor starts on the active profile, the rows fit and tell the
// profiles apart, and the preview shows the whole chain, the account
// with its alias, the role and the region.
func TestLongNamesPicker(t *testing.T) {
	env := longNamesHome(t)
	for _, columns := range []int{80, 120} {
		a := &app{env: env, now: testWorld(env).now}
		rows, fill := a.pickerRows(view.Style{})
		p := picker.New(rows, env["AWS_PROFILE"], fill)
		screen := strings.NewReplacer("\x1b[H\x1b[2J", "", "\r", "").Replace(p.Draw(columns, 24, view.Style{}))
		golden(t, fmt.Sprintf("long-names-picker-%d.txt", columns), screen+"\n")
		lines := strings.Split(screen, "\n")
		names := map[string]bool{}
		for _, line := range lines {
			if w := termtext.Width(line); w > columns {
				t.Errorf("a line of %d columns: %q", w, line)
			}
			if f := strings.Fields(strings.TrimLeft(line, "▸ *")); len(f) > 0 && strings.HasPrefix(f[0], "acme-") && strings.Contains(line, "2h00m") {
				if names[f[0]] {
					t.Errorf("%d columns: two rows show %q", columns, f[0])
				}
				names[f[0]] = true
			}
		}
		if cursor := lines[slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "▸") })]; !strings.HasPrefix(cursor, "▸ * acme-plat-ue2-prod-eks-admin ") || !strings.Contains(cursor, " PROD ") {
			t.Errorf("the cursor is not on the active profile: %q", cursor)
		}
		preview := strings.Join(lines[len(lines)-4:], " ")
		for _, want := range []string{"acme-plat-ue2-prod-eks-admin ← acme-plat-gbl-prod-admin", "acme-core-gbl-identity-admin ← acme-sso",
			"account 200000000003 (acme-plat-prod)", "role acme-plat-ue2-prod-eks-admin", "region us-east-2", "sso-session corp"} {
			if !strings.Contains(preview, want) {
				t.Errorf("the preview lacks %q: %q", want, preview)
			}
		}
	}
}

// first is the first of two results.
func first[T, U any](t T, _ U) T { return t }

// describedPickerRows are the picker's rows of the files of env, every
// one described, with no awsp config.
func describedPickerRows(env environ.Environ) []picker.Row {
	a := &app{env: env, now: testWorld(env).now, set: &settings.File{}}
	rows, fill := a.pickerRows(view.Style{})
	for i := range rows {
		fill(&rows[i])
	}
	return rows
}

// pickerViews are the rows' views, as the picker lays them out.
func pickerViews(rows []picker.Row) []view.Row {
	out := make([]view.Row, len(rows))
	for i, r := range rows {
		out[i] = r.View
	}
	return out
}

// Columns whose value is the same on every row give up their room
// first, said once under the table; then the chain keeps the Primary's
// one short form; last names are cut where they are alike.
func TestFitRowsGivesWayInOrder(t *testing.T) {
	var rows []view.Row
	for _, n := range []string{"acme-plat-ue2-staging-eks-admin", "acme-plat-ue2-staging-eks-readonly", "acme-plat-ue2-prod-eks-admin", "acme-plat-ue2-prod-eks-readonly"} {
		rows = append(rows, view.Row{Mark: " ", Name: n, Kind: "derived", Sources: []string{"acme-plat-gbl-admin", "acme-core-gbl-identity"}, Region: "us-east-2", Status: "2h00m ↻"})
	}
	for _, c := range []struct {
		width int
		want  string
	}{
		{0, `  NAME                                KIND     CHAIN                                           REGION     STATUS
  acme-plat-ue2-staging-eks-admin     derived  ← acme-plat-gbl-admin ← acme-core-gbl-identity  us-east-2  2h00m ↻
  acme-plat-ue2-staging-eks-readonly  derived  ← acme-plat-gbl-admin ← acme-core-gbl-identity  us-east-2  2h00m ↻
  acme-plat-ue2-prod-eks-admin        derived  ← acme-plat-gbl-admin ← acme-core-gbl-identity  us-east-2  2h00m ↻
  acme-plat-ue2-prod-eks-readonly     derived  ← acme-plat-gbl-admin ← acme-core-gbl-identity  us-east-2  2h00m ↻
`},
		{80, `  NAME                                CHAIN                         STATUS
  acme-plat-ue2-staging-eks-admin     ← … ← acme-core-gbl-identity  2h00m ↻
  acme-plat-ue2-staging-eks-readonly  ← … ← acme-core-gbl-identity  2h00m ↻
  acme-plat-ue2-prod-eks-admin        ← … ← acme-core-gbl-identity  2h00m ↻
  acme-plat-ue2-prod-eks-readonly     ← … ← acme-core-gbl-identity  2h00m ↻
every profile: kind derived, region us-east-2
`},
		{60, `  NAME                             CHAIN            STATUS
  acme-plat-ue2-staging-eks-admin  ← … ← …identity  2h00m ↻
  …staging-eks-readonly            ← … ← …identity  2h00m ↻
  acme-plat-ue2-prod-eks-admin     ← … ← …identity  2h00m ↻
  acme-plat-ue2-prod-eks-readonly  ← … ← …identity  2h00m ↻
every profile: kind derived, region us-east-2
`},
		{44, `  NAME              CHAIN            STATUS
  …stag…-eks-admin  ← … ← …identity  2h00m ↻
  …stag…s-readonly  ← … ← …identity  2h00m ↻
  …prod-eks-admin   ← … ← …identity  2h00m ↻
  …prod…s-readonly  ← … ← …identity  2h00m ↻
every profile: kind derived, region us-east-2
`},
	} {
		table, note := view.Fit(rows, c.width, true)
		got := strings.Join(termtext.Table(table, nil), "\n") + "\n"
		if note != "" {
			got += note + "\n"
		}
		if got != c.want {
			t.Errorf("width %d:\n%s--- want\n%s", c.width, got, c.want)
		}
	}
}

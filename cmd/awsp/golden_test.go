package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/sample"
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
	var rows []string
	for _, r := range a.pickerRows(c, profiles.Ignore{}, style{}) {
		rows = append(rows, r.text)
	}
	golden(t, "picker-wide-names.txt", strings.Join(rows, "\n")+"\n")
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

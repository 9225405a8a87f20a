package profiles

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// The README's lint table names exactly the registered codes, each with
// its severity.
func TestREADMELintTableMatchesCodes(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n## Lint\n")
	if !ok {
		t.Fatal("the README has no ## Lint section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	documented := map[string]string{}
	code := regexp.MustCompile("`([a-z-]+)`")
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 4 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		for _, m := range code.FindAllStringSubmatch(cells[1], -1) {
			documented[m[1]] = strings.TrimSpace(cells[2])
		}
	}
	for _, c := range Codes {
		if sev, ok := documented[c.Name]; !ok || sev != c.Severity {
			t.Errorf("README lint table: %s is %q, want %q", c.Name, sev, c.Severity)
		}
		delete(documented, c.Name)
	}
	for name := range documented {
		t.Errorf("README lint table names %s, which is not a registered code", name)
	}
}

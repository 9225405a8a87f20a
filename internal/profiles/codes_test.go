package profiles

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The README's lint table names exactly the registered codes, each with
// its severity and whether --fix has a fix for it.
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
	documented, fixable := map[string]string{}, map[string]bool{}
	code := regexp.MustCompile("`([a-z-]+)`")
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 5 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		for _, m := range code.FindAllStringSubmatch(cells[1], -1) {
			documented[m[1]] = strings.TrimSpace(cells[2])
			fixable[m[1]] = strings.TrimSpace(cells[3]) != "no"
		}
	}
	for _, c := range Codes {
		if sev, ok := documented[c.Name]; !ok || sev != c.Severity {
			t.Errorf("README lint table: %s is %q, want %q", c.Name, sev, c.Severity)
		}
		// The --fix column says a fix exactly where the registry has
		// one (kube-derived-mfa-serial: through its profile's).
		if want := c.Fix != "" || c.Name == "kube-derived-mfa-serial"; fixable[c.Name] != want {
			t.Errorf("README lint table: %s has a fix %v, the registry says %v", c.Name, fixable[c.Name], want)
		}
		delete(documented, c.Name)
	}
	for name := range documented {
		t.Errorf("README lint table names %s, which is not a registered code", name)
	}
}

// The engine reads bytes and knows AWS: no file of it opens a file, runs a
// program or connects (os, io/fs, syscall, os/exec, net are not imported),
// and of awsp's packages it imports only the environment. Reading is
// internal/awsfiles's; text for people is internal/view's.
func TestEngineReadsNoFile(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{"github.com/awsp-dev/awsp/internal/environ": true}
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			switch {
			case path == "os" || path == "io/fs" || path == "syscall" || path == "os/exec" || strings.HasPrefix(path, "net"):
				t.Errorf("%s imports %s", file, path)
			case strings.HasPrefix(path, "github.com/awsp-dev/") && !allowed[path]:
				t.Errorf("%s imports %s", file, path)
			}
		}
	}
}

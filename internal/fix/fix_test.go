package fix

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/ssosync"
)

var update = flag.Bool("update", false, "rewrite the expected sections of testdata/*.txtar")

// The paths the cases' files are read as: nothing is read from them.
var home = profiles.Paths{Config: "/home/u/.aws/config", Credentials: "/home/u/.aws/credentials", Home: "/home/u"}

// lint is the lint of cmd/awsp for one set of AWS files.
func lint(paths profiles.Paths) Linter {
	return func(data map[string][]byte) (*profiles.Config, []profiles.Finding) {
		c := profiles.Build(paths, profiles.Parse(paths.Config, data[paths.Config]), profiles.Parse(paths.Credentials, data[paths.Credentials]))
		return c, append(c.Lint(environ.Environ{}, profiles.Ignore{}), ssosync.Lint(paths.Config, data[paths.Config])...)
	}
}

// run fixes the files of data.
func run(paths profiles.Paths, data map[string][]byte) Result {
	c, findings := lint(paths)(data)
	return Run(c, data, findings, lint(paths), MaxRounds)
}

// Each case of testdata gives a config and a credentials file; what the
// fixes make of them is the rest of the archive: each finding and its
// fix (or none), the diff of each file, each file after the fixes, and
// the findings left. go test ./internal/fix -update writes those.
func TestCases(t *testing.T) {
	cases, _ := filepath.Glob("testdata/*.txtar")
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, data := readCase(t, file)
			res := run(home, data)
			got := []txtar.File{{Name: "findings", Data: []byte(describeFindings(res.Findings))}}
			for _, name := range []string{"config", "credentials"} {
				path := filepath.Join("/home/u/.aws", name)
				if after, ok := res.After[path]; ok {
					got = append(got, txtar.File{Name: name + ".diff", Data: []byte(Diff("~/.aws/"+name, data[path], after))},
						txtar.File{Name: name + ".fixed", Data: after})
				}
			}
			var left strings.Builder
			for _, f := range res.Left {
				fmt.Fprintf(&left, "%s:%d %s\n", filepath.Base(f.File), f.Line, f.Code)
			}
			got = append(got, txtar.File{Name: "left", Data: []byte(left.String())})
			inputs := slices.DeleteFunc(slices.Clone(ar.Files), func(f txtar.File) bool { return f.Name != "config" && f.Name != "credentials" })
			want := slices.DeleteFunc(slices.Clone(ar.Files), func(f txtar.File) bool { return f.Name == "config" || f.Name == "credentials" })
			if *update {
				out := &txtar.Archive{Comment: ar.Comment, Files: append(inputs, got...)}
				if err := os.WriteFile(file, txtar.Format(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if g, w := string(txtar.Format(&txtar.Archive{Files: got})), string(txtar.Format(&txtar.Archive{Files: want})); g != w {
				t.Errorf("%s: got\n%s\nwant\n%s", file, g, w)
			}
			checkOnlyFixedLines(t, data, res)
			for path, after := range res.After {
				checkApplies(t, data[path], after)
			}
		})
	}
}

// readCase is a case of testdata and its files, by path; a case whose
// comment starts "CRLF:" has its files' lines end in CRLF.
func readCase(t *testing.T, file string) (*txtar.Archive, map[string][]byte) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	data := map[string][]byte{home.Config: nil, home.Credentials: nil}
	for _, f := range ar.Files {
		switch f.Name {
		case "config":
			data[home.Config] = f.Data
		case "credentials":
			data[home.Credentials] = f.Data
		}
	}
	if strings.HasPrefix(string(ar.Comment), "CRLF:") {
		for path, b := range data {
			data[path] = []byte(strings.ReplaceAll(string(b), "\n", "\r\n"))
		}
	}
	return ar, data
}

// describeFindings is one line per finding: where, its code, and its fix
// with each edit, or that it has none.
func describeFindings(fs []profiles.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s:%d:%d-%d %s", filepath.Base(f.File), f.Line, f.Column, f.EndColumn, f.Code)
		if f.Fix == nil {
			b.WriteString(": no fix\n")
			continue
		}
		fmt.Fprintf(&b, ": %s\n", f.Fix.Description)
		for _, e := range f.Fix.Edits {
			fmt.Fprintf(&b, "\t%s %d:%d-%d:%d %q\n", filepath.Base(e.File), e.Line, e.Column, e.EndLine, e.EndColumn, e.NewText)
		}
	}
	return b.String()
}

// checkOnlyFixedLines: a file's lines that no edit of the first round
// touches are in the fixed file, in their order, byte for byte (later
// rounds edit lines the findings given did not name: the goldens show
// them).
func checkOnlyFixedLines(t *testing.T, data map[string][]byte, res Result) {
	t.Helper()
	first := 0
	for _, f := range res.Findings {
		if f.Fix != nil {
			first++
		}
	}
	if first != res.Fixed {
		return // later rounds edited lines the findings given did not name: the golden shows them
	}
	for path, before := range data {
		after, changed := res.After[path]
		if !changed {
			continue
		}
		l := profiles.NewLayout(before)
		touched := map[int]bool{}
		for _, f := range res.Findings {
			if f.Fix == nil {
				continue
			}
			for _, e := range f.Fix.Edits {
				if e.File == path {
					for n := e.Line; n <= e.EndLine; n++ {
						touched[n] = true
					}
				}
			}
		}
		rest := string(after)
		for n := 1; n <= len(l.Lines); n++ {
			if touched[n] {
				continue
			}
			line := l.Data[l.Lines[n-1].Start:l.Lines[n-1].Next]
			i := strings.Index(rest, line)
			if i < 0 {
				t.Errorf("%s: line %d %q is not in the fixed file (or not in its order)", path, n, line)
				break
			}
			rest = rest[i+len(line):]
		}
	}
}

// checkApplies: the diff of a fix is a patch git applies, giving the
// fixed file (a diff that hides a credential is for reading only).
func checkApplies(t *testing.T, before, after []byte) {
	t.Helper()
	diff := Diff("file", before, after)
	if strings.Contains(diff, Hidden) {
		return
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "file"), before, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "fix.diff"), []byte(diff), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("git", "apply", "--unsafe-paths", "fix.diff")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s\n%s", err, out, diff)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "file")); string(got) != string(after) {
		t.Errorf("the diff applied gives\n%q\nnot the fixed file\n%q", got, after)
	}
}

// TestNoLineEndAtTheEnd: a file whose last line has no line end keeps
// it so; the diff says so as diff does, and applies.
func TestNoLineEndAtTheEnd(t *testing.T) {
	before := []byte("[profile a]\nregion = \"eu-west-1\"")
	res := run(home, map[string][]byte{home.Config: before, home.Credentials: nil})
	after := res.After[home.Config]
	if string(after) != "[profile a]\nregion = eu-west-1" {
		t.Fatalf("fixed: %q", after)
	}
	want := "--- a/file\n+++ b/file\n@@ -1,2 +1,2 @@\n [profile a]\n-region = \"eu-west-1\"\n\\ No newline at end of file\n+region = eu-west-1\n\\ No newline at end of file\n"
	if got := Diff("file", before, after); got != want {
		t.Errorf("diff\n%s\nwant\n%s", got, want)
	}
	checkApplies(t, before, after)
}

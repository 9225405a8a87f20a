package fix

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/sample"
	"github.com/awsp-dev/awsp/internal/testenv"
)

// A fixed is one set of files and what the fixes made of it.
type fixed struct {
	name string
	data map[string][]byte
	res  Result
}

// after is a file's bytes after the fixes.
func (f fixed) after(path string) []byte {
	if b, ok := f.res.After[path]; ok {
		return b
	}
	return f.data[path]
}

// files are a config and a credentials text as the cases' data.
func files(config, credentials string) map[string][]byte {
	return map[string][]byte{home.Config: []byte(config), home.Credentials: []byte(credentials)}
}

// fixedCases are the testdata cases, the sample home and its broken
// chains, fixed.
func fixedCases(t *testing.T) []fixed {
	var out []fixed
	paths, _ := filepath.Glob("testdata/*.txtar")
	for _, path := range paths {
		_, data := readCase(t, path)
		out = append(out, fixed{name: filepath.Base(path), data: data})
	}
	out = append(out, fixed{name: "sample", data: files(sample.Config, sample.Credentials(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))},
		fixed{name: "sample broken", data: files(sample.Broken, sample.BrokenCredentials)})
	for i := range out {
		out[i].res = run(home, out[i].data)
	}
	return out
}

// corpusRoot holds real AWS files of other projects, read where they are
// and never copied here.
var corpusRoot = filepath.Join("..", "..", "..", "shared", "corpus", "aws-files")

// corpusCases are the corpus's sets of files that have a fix.
func corpusCases(t *testing.T) []fixed {
	entries, err := os.ReadDir(corpusRoot)
	if err != nil {
		testenv.Needed(t, "no corpus at %s", corpusRoot)
	}
	var out []fixed
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		data := files("", "")
		for _, name := range []string{"config", "credentials"} {
			b, err := os.ReadFile(filepath.Join(corpusRoot, e.Name(), name))
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			data[filepath.Join("/home/u/.aws", name)] = b
		}
		if res := run(home, data); res.Fixed > 0 {
			out = append(out, fixed{name: e.Name(), data: data, res: res})
		}
	}
	return out
}

// writeFiles puts a set's config and credentials in a new directory.
func writeFiles(t *testing.T, get func(string) []byte) string {
	dir := t.TempDir()
	for _, name := range []string{"config", "credentials"} {
		if b := get(filepath.Join("/home/u/.aws", name)); b != nil {
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// TestBotocoreBeforeAndAfter (doc/aws-semantics.md#fixes) asks botocore itself about every set of
// files before and after the fixes: the fixed files are read (not
// refused) unless a finding without a fix refuses them; every profile
// the fixes did not touch, nor whose chain goes through one they did,
// has the same keys and the same chain, Primary credential type and
// error; a chain that worked still works; and awsp reads the fixed files
// as botocore does.
func TestBotocoreBeforeAndAfter(t *testing.T) {
	sets := fixedCases(t)
	sets = append(sets, corpusCases(t)...)
	var dirs []string
	for _, s := range sets {
		dirs = append(dirs, writeFiles(t, func(p string) []byte { return s.data[p] }), writeFiles(t, s.after))
	}
	views := testenv.Botocore(t, dirs)
	for i, s := range sets {
		t.Run(s.name, func(t *testing.T) {
			before, after := views[2*i], views[2*i+1]
			if after.Refused != nil {
				if !slices.ContainsFunc(s.res.Left, func(f profiles.Finding) bool { return slices.Contains(fileCodes, f.Code) && f.Severity == "error" }) {
					t.Fatalf("botocore refuses the fixed files: %s", *after.Refused)
				}
				return
			}
			touched := func(name string) bool {
				for _, p := range before.Chains[name].Chain {
					if slices.Contains(s.res.Touched, p) {
						return true
					}
				}
				return slices.Contains(s.res.Touched, name)
			}
			if before.Refused == nil {
				for name, b := range before.Chains {
					a, ok := after.Chains[name]
					switch {
					case !ok:
						t.Errorf("%s: gone after the fixes", name)
					case b.Error == nil && a.Error != nil:
						t.Errorf("%s: worked, and fails after the fixes with %s", name, *a.Error)
					case !touched(name) && (!reflect.DeepEqual(a, b) || !reflect.DeepEqual(before.Profiles[name], after.Profiles[name])):
						t.Errorf("%s, not touched by a fix, reads otherwise:\n before %+v %v\n after  %+v %v", name, b, before.Profiles[name], a, after.Profiles[name])
					}
				}
				if len(after.Chains) != len(before.Chains) {
					t.Errorf("%d profiles after the fixes, %d before", len(after.Chains), len(before.Chains))
				}
			}
			c := profiles.Build(home, profiles.Parse(home.Config, s.after(home.Config)), profiles.Parse(home.Credentials, s.after(home.Credentials)))
			for name, a := range after.Chains {
				ch := c.Resolve(name)
				got := ""
				if ch.Err != nil {
					got = ch.Err.Code
				}
				if want := deref(a.Error); got != want || !reflect.DeepEqual(ch.Names(), a.Chain) {
					t.Errorf("%s after the fixes: awsp %q %q, botocore %q %q", name, ch.Names(), got, a.Chain, want)
				}
				if ch.Err == nil && string(ch.Primary().Credentials) != a.CredentialType {
					t.Errorf("%s after the fixes: awsp's Primary is %s, botocore's %s", name, ch.Primary().Credentials, a.CredentialType)
				}
			}
		})
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// TestCorpus fixes every set of the corpus that has a fixable finding:
// testdata/corpus.golden names, for each, the findings fixed (their
// lines and codes, not the files' text, which stays out of this
// repository) and the sha256 of each file after the fixes; a line no
// edit touches stays, byte for byte; the fixes are what the lint then
// no longer finds; and fixing the fixed files again changes nothing.
func TestCorpus(t *testing.T) {
	var b strings.Builder
	for _, s := range corpusCases(t) {
		fmt.Fprintf(&b, "%s: %d fixed\n", s.name, s.res.Fixed)
		for _, f := range s.res.Findings {
			if f.Fix != nil {
				fmt.Fprintf(&b, "\t%s:%d %s (%d edits)\n", filepath.Base(f.File), f.Line, f.Code, len(f.Fix.Edits))
			}
		}
		for _, name := range []string{"config", "credentials"} {
			path := filepath.Join("/home/u/.aws", name)
			if after, ok := s.res.After[path]; ok {
				fmt.Fprintf(&b, "\t%s after: sha256 %x\n", name, sha256.Sum256(after))
			}
		}
		checkOnlyFixedLines(t, s.data, s.res)
		data := map[string][]byte{home.Config: s.after(home.Config), home.Credentials: s.after(home.Credentials)}
		if again := run(home, data); again.Fixed != 0 {
			t.Errorf("%s: fixing the fixed files fixes %d more", s.name, again.Fixed)
		}
	}
	path := filepath.Join("testdata", "corpus.golden")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, _ := os.ReadFile(path)
	if b.String() != string(want) {
		t.Errorf("the corpus's fixes:\n%s\nwant (%s)\n%s", b.String(), path, want)
	}
}

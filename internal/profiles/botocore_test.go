package profiles

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/testenv"
)

// writeCase puts a case's files in a new directory.
func writeCase(t *testing.T, c configCase) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{"config": c.config, "credentials": c.credentials} {
		if text == "" {
			continue // a missing file is part of what is tested
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func loadCase(t *testing.T, dir string) *Config {
	t.Helper()
	// As awsfiles.Load reads them with AWS_CONFIG_FILE and
	// AWS_SHARED_CREDENTIALS_FILE set to these (a missing file is empty);
	// profiles does not read files itself.
	cfg, cred := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
	read := func(path string) []byte {
		data, err := os.ReadFile(path)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return data
	}
	paths := Paths{Config: cfg, Credentials: cred, ConfigVar: cfg, CredentialsVar: cred, Home: dir, LoginCache: filepath.Join(dir, ".aws", "login", "cache")}
	return Build(paths, Parse(cfg, read(cfg)), Parse(cred, read(cred)))
}

// merged is a profile as botocore's full_config shows it.
func merged(p *Profile) map[string]any {
	m := map[string]any{}
	for _, k := range p.Keys() {
		v, _ := p.Get(k)
		m[k] = plain(v)
	}
	return m
}

func plain(v Value) any {
	if v.Redacted {
		return redacted{}
	}
	if v.Nested != nil {
		n := map[string]any{}
		for k, x := range v.Nested {
			n[k] = x
		}
		return n
	}
	return v.Text
}

// TestMatchesBotocore is the differential test: for every case, the
// profiles, their keys and values, the sso-sessions, and each profile's
// chain, Primary credential type and error must be botocore's.
func TestMatchesBotocore(t *testing.T) {
	var dirs, names []string
	for _, c := range cases {
		dirs = append(dirs, writeCase(t, c))
		names = append(names, c.name)
	}
	compareWithBotocore(t, dirs, names)
}

// TestMatchesBotocoreOnCorpus is the same test over real files from other
// projects (../shared/corpus/aws-files: botocore's, the Go SDKs',
// aws-vault's and granted's fixtures, users' dotfiles), read where they
// are, never copied here.
func TestMatchesBotocoreOnCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "corpus", "aws-files")
	entries, err := os.ReadDir(root)
	if err != nil {
		testenv.Needed(t, "no corpus at %s", root)
	}
	var dirs, names []string
	for _, e := range entries {
		if e.IsDir() {
			dir, _ := filepath.Abs(filepath.Join(root, e.Name()))
			dirs, names = append(dirs, dir), append(names, e.Name())
		}
	}
	if len(dirs) == 0 {
		testenv.Needed(t, "no corpus at %s", root)
	}
	compareWithBotocore(t, dirs, names)
}

func compareWithBotocore(t *testing.T, dirs, names []string) {
	views := testenv.Botocore(t, dirs)
	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			want := views[i]
			got := loadCase(t, dirs[i])
			if (want.Refused != nil) != (got.Refused() != nil) {
				t.Fatalf("refused: botocore %v, awsp %v", deref(want.Refused), got.Refused())
			}
			if want.Refused != nil {
				for _, name := range got.Names() {
					if ch := got.Resolve(name); ch.Err == nil {
						t.Errorf("%s: the AWS CLI refuses the file, awsp reports no error", name)
					}
				}
				return
			}
			gotNames := got.Names()
			wantNames := make([]string, 0, len(want.Profiles))
			for n := range want.Profiles {
				wantNames = append(wantNames, n)
			}
			sort.Strings(wantNames)
			if !reflect.DeepEqual(gotNames, wantNames) {
				t.Fatalf("profiles:\n awsp     %q\n botocore %q", gotNames, wantNames)
			}
			for _, n := range gotNames {
				if g := merged(got.Profiles[n]); !sameValues(g, want.Profiles[n]) {
					t.Errorf("profile %q:\n awsp     %#v\n botocore %#v", n, g, want.Profiles[n])
				}
				ch := got.Resolve(n)
				w := want.Chains[n]
				gotErr := ""
				if ch.Err != nil {
					gotErr = ch.Err.Code
				}
				if gotErr != deref(w.Error) {
					t.Errorf("profile %q error: awsp %q (%v), botocore %q", n, gotErr, ch.Err, deref(w.Error))
				}
				if !reflect.DeepEqual(ch.Names(), w.Chain) {
					t.Errorf("profile %q chain: awsp %q, botocore %q", n, ch.Names(), w.Chain)
				}
				if ch.Err == nil && string(ch.Primary().Credentials) != w.CredentialType {
					t.Errorf("profile %q credential type: awsp %q, botocore %q", n, ch.Primary().Credentials, w.CredentialType)
				}
			}
			gotSessions := map[string]map[string]any{}
			for n, s := range got.SSOSessions {
				gotSessions[n] = map[string]any{}
				for k, v := range s.Values {
					gotSessions[n][k] = plain(v)
				}
			}
			if len(want.SSOSessions) > 0 && !reflect.DeepEqual(gotSessions, want.SSOSessions) {
				t.Errorf("sso-sessions:\n awsp     %#v\n botocore %#v", gotSessions, want.SSOSessions)
			}
		})
	}
}

// redacted stands for a value that held credential lines: awsp keeps
// only its first line, so it equals any botocore value that has such
// lines (see sameValues).
type redacted struct{}

// sameValues compares a profile's values as botocore has them with awsp's,
// where awsp's redacted values stand for botocore's with credential lines.
func sameValues(awsp, botocore map[string]any) bool {
	if len(awsp) != len(botocore) {
		return false
	}
	for k, v := range awsp {
		b, ok := botocore[k]
		if _, isRedacted := v.(redacted); isRedacted {
			if _, nested := b.(map[string]any); nested {
				continue
			}
			if s, _ := b.(string); !ok || !strings.Contains(s, "\n") {
				return false
			}
			continue
		}
		if !ok || !reflect.DeepEqual(v, b) {
			return false
		}
	}
	return true
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

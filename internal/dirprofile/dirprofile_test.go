package dirprofile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/awsp-dev/awsp/internal/profiles"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o700)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "ok", Name), "prod\nregion=eu-west-1\n")
	f, err := Read(filepath.Join(dir, "ok", Name))
	if err != nil || f.Profile != "prod" || f.Region != "eu-west-1" || len(f.Hash) != 64 {
		t.Fatalf("Read = %+v, %v", f, err)
	}
	write(t, filepath.Join(dir, "crlf", Name), "prod\r\n")
	if f, err := Read(filepath.Join(dir, "crlf", Name)); err != nil || f.Profile != "prod" {
		t.Errorf("CRLF: %+v, %v", f, err)
	}
	// A link to a file of the same tree is a repository's own business.
	write(t, filepath.Join(dir, "inside", "conf", "profile"), "dev\n")
	os.Symlink("conf/profile", filepath.Join(dir, "inside", Name))
	if f, err := Read(filepath.Join(dir, "inside", Name)); err != nil || f.Profile != "dev" {
		t.Errorf("symlink inside the tree: %+v, %v", f, err)
	}
}

// Every .awsprofile a stranger could commit that is not a plain name is
// refused with the file and the reason, never its content.
func TestReadRefuses(t *testing.T) {
	dir := t.TempDir()
	secret := "SECRETINSIDE0001"
	write(t, filepath.Join(dir, "outside.txt"), "prod\n")
	write(t, filepath.Join(dir, "token.json"), `{"accessToken":"`+secret+`"}`)
	cases := map[string]func(path string){
		"symlink to /proc/self/environ": func(p string) { os.Symlink("/proc/self/environ", p) },
		"symlink out of the tree":       func(p string) { os.Symlink("../outside.txt", p) },
		"symlink to a one-line secret":  func(p string) { os.Symlink(filepath.Join(dir, "token.json"), p) },
		"dangling symlink":              func(p string) { os.Symlink("nowhere", p) },
		"oversized":                     func(p string) { write(t, p, "prod\n"+strings.Repeat("# "+secret+"\n", 100)) },
		"binary":                        func(p string) { write(t, p, "pr\x00od\n") },
		"not UTF-8":                     func(p string) { write(t, p, "pr\xffod\n") },
		"escape in the name":            func(p string) { write(t, p, "prod\x1b]0;"+secret+"\x07\n") },
		"bidi override in the name":     func(p string) { write(t, p, "prod\u202e"+secret+"\n") },
		"over-long name":                func(p string) { write(t, p, strings.Repeat("p", 200)+secret+"\n") },
		"empty":                         func(p string) { write(t, p, "") },
		"bad region":                    func(p string) { write(t, p, "prod\nregion=$(id)"+secret+"\n") },
		"FIFO":                          func(p string) { syscall.Mkfifo(p, 0o600) },
		"directory":                     func(p string) { os.MkdirAll(p, 0o700) },
	}
	for name, make := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-"), Name)
			os.MkdirAll(filepath.Dir(path), 0o700)
			make(path)
			f, err := Find(filepath.Dir(path))
			var refused *RefusedError
			if !errors.As(err, &refused) || f != nil {
				t.Fatalf("Find = %+v, %v; want refused", f, err)
			}
			if refused.Path != path || strings.Contains(err.Error(), secret) || strings.ContainsAny(err.Error(), "\x00\x1b") {
				t.Errorf("error %q: should name %s and show nothing of the content", err, path)
			}
		})
	}
}

// The nearest entry governs: a refused one is not skipped for a parent's.
func TestFindNearest(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, Name), "parent\n")
	sub := filepath.Join(dir, "a", "b")
	os.MkdirAll(sub, 0o700)
	if f, err := Find(sub); err != nil || f.Profile != "parent" {
		t.Errorf("Find from below: %+v, %v", f, err)
	}
	os.Symlink("/etc/passwd", filepath.Join(dir, "a", Name))
	if f, err := Find(sub); err == nil {
		t.Errorf("a refused nearer file fell back to the parent's: %+v", f)
	}
	if got := Below(dir, 100); len(got) != 2 {
		t.Errorf("Below = %q, want both entries", got)
	}
}

func TestAllowed(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "state", "allow")
	p := filepath.Join(dir, "repo", Name)
	write(t, p, "prod\n")
	f, _ := Read(p)
	a, err := LoadAllowed(list)
	if err != nil || a.Has(f) {
		t.Fatalf("fresh list: %v %v", a.Has(f), err)
	}
	if err := a.Allow(f, true); err != nil {
		t.Fatal(err)
	}
	if a, _ := LoadAllowed(list); !a.Has(f) {
		t.Error("allowed, then not found in the list read again")
	}
	write(t, p, "other\n")
	changed, _ := Read(p)
	if a, _ := LoadAllowed(list); a.Has(changed) {
		t.Error("a changed file is still allowed")
	}
	// A list anyone may write is nobody's word.
	os.Chmod(list, 0o666)
	if a, _ := LoadAllowed(list); a.Has(f) {
		t.Error("a world-writable allow list was trusted")
	}
	os.Chmod(list, 0o600)
	if err := a.Allow(f, false); err != nil {
		t.Fatal(err)
	}
	if a, _ := LoadAllowed(list); a.Has(f) {
		t.Error("denied, and still allowed")
	}
	if _, err := LoadAllowed("relative/allow"); err == nil {
		t.Error("a relative allow list was read")
	}
}

// Lint names the files of the tree that name a missing profile or that
// awsp refuses, with registered codes.
func TestLint(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, Name), "prod\n")
	write(t, filepath.Join(dir, "a", Name), "prd\n")
	os.MkdirAll(filepath.Join(dir, "b"), 0o700)
	os.Symlink("/etc/passwd", filepath.Join(dir, "b", Name))
	c := profiles.Build(profiles.Paths{}, profiles.Parse("config", []byte("[profile prod]\nregion = x\n")), profiles.Parse("credentials", nil))
	got := map[string]profiles.Finding{}
	for _, f := range Lint(c, filepath.Join(dir, "a"), "") { // the file that governs a
		got[f.Code+" "+f.File] = f
	}
	for _, f := range Lint(c, dir, dir) {
		got[f.Code+" "+f.File] = f
		if code, ok := profiles.LookupCode(f.Code); !ok || code.Severity != f.Severity || code.Source != "dirprofile" {
			t.Errorf("%s: not a registered dirprofile code (%+v)", f.Code, code)
		}
	}
	if f, ok := got["awsprofile-missing "+filepath.Join(dir, "a", Name)]; !ok || !strings.Contains(f.Message, "did you mean prod?") {
		t.Errorf("missing profile: %+v", got)
	}
	if _, ok := got["awsprofile-refused "+filepath.Join(dir, "b", Name)]; !ok {
		t.Errorf("refused file: %+v", got)
	}
	if len(got) != 2 {
		t.Errorf("findings: %+v", got)
	}
}

// Repository is the nearest directory that holds .git (a folder, or a
// file as in a worktree), or "".
func TestRepository(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "repo", ".git"), 0o700)
	os.MkdirAll(filepath.Join(dir, "repo", "sub", "deep"), 0o700)
	os.MkdirAll(filepath.Join(dir, "worktree"), 0o700)
	write(t, filepath.Join(dir, "worktree", ".git"), "gitdir: ../repo/.git/worktrees/w\n")
	for from, want := range map[string]string{"repo/sub/deep": "repo", "repo": "repo", "worktree": "worktree", ".": ""} {
		got := Repository(filepath.Join(dir, from))
		if want != "" {
			want = filepath.Join(dir, want)
		}
		if got != want && !(want == "" && !strings.HasPrefix(got, dir)) {
			t.Errorf("Repository(%s) = %q, want %q", from, got, want)
		}
	}
}

package test

import (
	"archive/zip"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/testenv"
)

// TestGoInstall installs awsp, awsp-prompt and awsp-net as a person would with go
// install github.com/awsp-dev/awsp/cmd/awsp@VERSION, from a module proxy
// on disk that serves this checkout as v0.99.0 (the other modules come
// from the usual proxy), with cgo on as it is by default: each binary
// reports the module's version, and awsp and awsp-prompt are static (no ELF interpreter), so a
// prompt never waits for the dynamic loader.
func TestGoInstall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds awsp from a module zip")
	}
	const module, version = "github.com/awsp-dev/awsp", "v0.99.0"
	proxy := t.TempDir()
	dir := filepath.Join(proxy, module, "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(filepath.Join(repoRoot(), "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{
		"list":            version + "\n",
		version + ".info": `{"Version": "` + version + `", "Time": "2026-11-24T00:00:00Z"}`,
		version + ".mod":  string(mod),
	})
	writeModuleZip(t, filepath.Join(dir, version+".zip"), module+"@"+version)

	upstream, _ := exec.Command("go", "env", "GOPROXY").Output()
	bin := t.TempDir()
	cmd := exec.Command("go", "install", module+"/cmd/awsp@"+version, module+"/cmd/awsp-prompt@"+version, module+"/cmd/awsp-net@"+version)
	// A module cache of its own: the shared one would keep the first
	// v0.99.0 it saw. -modcacherw lets the test remove it.
	cmd.Env = append(os.Environ(), "GOBIN="+bin, "GOPROXY=file://"+proxy+","+strings.TrimSpace(string(upstream)),
		"GOMODCACHE="+t.TempDir(), "GONOSUMDB="+module, "GOFLAGS=-modcacherw", "CGO_ENABLED=1", "GOTOOLCHAIN=local")
	cmd.Dir = t.TempDir() // outside the checkout: no go.mod of ours around
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go install: %v\n%s", err, out)
	}
	for _, name := range []string{"awsp", "awsp-prompt", "awsp-net"} {
		path := filepath.Join(bin, name)
		out, err := exec.Command(path, "--version").Output()
		if err != nil || string(out) != name+" "+version+"\n" {
			t.Errorf("%s --version: %q %v", name, out, err)
		}
		if name == "awsp-net" {
			continue // on no prompt's path; with cgo, net's resolver links libc
		}
		f, err := elf.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP {
				t.Errorf("%s is dynamically linked: go install would give every prompt the dynamic loader's cost", name)
			}
		}
		f.Close()
	}
}

// writeModuleZip writes the files git tracks, as a module zip: each under
// prefix/, without the nested modules (a directory with its own go.mod).
func writeModuleZip(t *testing.T, path, prefix string) {
	t.Helper()
	out, err := exec.Command("git", "-C", repoRoot(), "ls-files", "-z").Output()
	if err != nil {
		testenv.Needed(t, "not a git checkout: %v", err)
	}
	files := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	var nested []string
	for _, f := range files {
		if filepath.Base(f) == "go.mod" && f != "go.mod" {
			nested = append(nested, filepath.Dir(f)+"/")
		}
	}
	zf, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zf.Close()
	w := zip.NewWriter(zf)
files:
	for _, f := range files {
		for _, n := range nested {
			if strings.HasPrefix(f, n) {
				continue files
			}
		}
		data, err := os.ReadFile(filepath.Join(repoRoot(), f))
		if err != nil {
			continue // deleted in the working tree
		}
		e, err := w.Create(prefix + "/" + f)
		if err != nil {
			t.Fatal(err)
		}
		e.Write(data)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

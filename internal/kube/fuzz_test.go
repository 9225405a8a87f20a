package kube

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/sample"
)

// FuzzLoad reads any bytes as a kubeconfig: never a panic or a hang.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(kubeA))
	f.Add([]byte(kubeB))
	f.Add([]byte("a: &a [1,2]\nb: &b [*a,*a]\nusers: *b\n"))
	c := profiles.Build(profiles.Paths{}, profiles.Parse("c", []byte(sample.Config)), profiles.Parse("k", nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "config")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		Load(environ.Environ{"KUBECONFIG": path}).Lint(c, profiles.Ignore{})
	})
}

package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

// Write makes the folder (0700), replaces the file whole, and leaves no
// temporary file behind, also when it fails.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new", "folder", "file")
	for _, text := range []string{"first", "second, longer"} {
		if err := Write(path, []byte(text)); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != text {
			t.Errorf("read %q, want %q", got, text)
		}
	}
	if st, _ := os.Stat(filepath.Dir(path)); st.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v", st.Mode().Perm())
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v", st.Mode().Perm())
	}
	// A directory where the file should be: the rename fails, and the
	// temporary file is removed.
	os.MkdirAll(filepath.Join(dir, "taken", "x"), 0o700)
	if err := Write(filepath.Join(dir, "taken"), []byte("x")); err == nil {
		t.Error("replaced a directory")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "new" && e.Name() != "taken" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

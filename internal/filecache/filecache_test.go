package filecache

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/environ"
)

// settledHome is a HOME whose files are old enough to be cached.
func settledHome(t *testing.T) environ.Environ {
	t.Helper()
	h := t.TempDir()
	cfg := filepath.Join(h, ".aws", "config")
	os.MkdirAll(filepath.Dir(cfg), 0o700)
	os.WriteFile(cfg, []byte("[profile a]\nregion = eu-west-1\n"), 0o600)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(cfg, old, old)
	return environ.Environ{"HOME": h, "AWSP_CACHE_DIR": filepath.Join(h, "cache")}
}

// counting is a compute that says how often it ran.
func counting(n *int, payload string) func() ([]byte, bool) {
	return func() ([]byte, bool) { *n++; return []byte(payload), true }
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	return files
}

func TestGetKeepsWhileFilesAreUnchanged(t *testing.T) {
	env := settledHome(t)
	runs := 0
	for i := 0; i < 3; i++ {
		if got, ok := New(env).Get("kind", "a", 0, counting(&runs, "payload")); !ok || string(got) != "payload" {
			t.Fatalf("Get = %q %v", got, ok)
		}
	}
	if runs != 1 {
		t.Errorf("computed %d times, want once", runs)
	}
	// A change of the config is seen at once.
	cfg := filepath.Join(env["HOME"], ".aws", "config")
	os.WriteFile(cfg, []byte("[profile a]\nregion = us-east-1\n\n"), 0o600)
	old := time.Now().Add(-time.Minute)
	os.Chtimes(cfg, old, old)
	New(env).Get("kind", "a", 0, counting(&runs, "new"))
	if runs != 2 {
		t.Errorf("a changed config was not read again (%d runs)", runs)
	}
}

// An entry anyone could have written is not believed.
func TestGetIgnoresEntriesOthersCouldWrite(t *testing.T) {
	env := settledHome(t)
	runs := 0
	New(env).Get("kind", "a", 0, counting(&runs, "mine"))
	files := entries(t, env["AWSP_CACHE_DIR"])
	if len(files) != 1 {
		t.Fatalf("entries: %v", files)
	}
	os.Chmod(files[0], 0o666)
	if got, _ := New(env).Get("kind", "a", 0, counting(&runs, "again")); string(got) != "again" || runs != 2 {
		t.Errorf("a world-writable entry was used: %q after %d runs", got, runs)
	}
	if os.Geteuid() == 0 { // only root can give a file away
		files = entries(t, env["AWSP_CACHE_DIR"])
		os.Chmod(files[0], 0o600)
		os.Chown(files[0], 12345, 12345)
		if got, _ := New(env).Get("kind", "a", 0, counting(&runs, "third")); string(got) != "third" {
			t.Errorf("another user's entry was used: %q", got)
		}
	}
}

// Past its budget a Get gives up, and leaves no entry behind; nor is
// anything kept without an absolute place for it.
func TestGetBudgetAndPlace(t *testing.T) {
	env := settledHome(t)
	release := make(chan bool)
	slow := func() ([]byte, bool) { <-release; return []byte("late"), true }
	c := New(env)
	if _, ok := c.Get("kind", "a", time.Millisecond, slow); ok {
		t.Error("a compute that never finished in time was taken")
	}
	// The compute, when it ends, finds the run abandoned and writes nothing.
	c.mu.Lock()
	if !c.abandoned {
		t.Error("a run past its budget is not marked abandoned")
	}
	c.mu.Unlock()
	close(release)
	c.computing.Wait()
	if entries, err := os.ReadDir(filepath.Join(env["AWSP_CACHE_DIR"], "kind")); len(entries) != 0 || !os.IsNotExist(err) {
		t.Errorf("an abandoned run left %v (%v)", entries, err)
	}
	if data, ok := New(env).Get("kind", "a", 0, func() ([]byte, bool) { return []byte("computed again"), true }); !ok || string(data) != "computed again" {
		t.Errorf("the next run read %q", data)
	}
	env["AWSP_CACHE_DIR"] = "relative/cache"
	runs := 0
	New(env).Get("kind", "a", 0, counting(&runs, "x"))
	New(env).Get("kind", "a", 0, counting(&runs, "x"))
	if runs != 2 {
		t.Errorf("kept an entry under a relative directory")
	}
	if _, err := os.Stat("relative"); err == nil {
		os.RemoveAll("relative")
		t.Error("wrote under the current directory")
	}
}

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/adrg/xdg"

	"github.com/awsp-dev/awsp/internal/profiles"
)

// promptEntry is what --prompt needs of one profile, kept while the files
// it was read from are unchanged. Parsing a config of 1,000 profiles costs
// more than starting the process (BENCHMARKS.md); with the entry, a prompt
// reads two small files. The expiry itself is read anew every time.
type promptEntry struct {
	Fingerprint string                 `json:"fingerprint"`
	Chain       []string               `json:"chain"`
	Broken      bool                   `json:"broken"`
	Warn        bool                   `json:"warn"`
	Region      string                 `json:"region"`
	Session     profiles.SessionSource `json:"session"`
}

// cacheFormat changes whenever promptEntry or its meaning does.
const cacheFormat = "1"

// fingerprint identifies the files an entry was computed from: their
// paths, sizes, modification times and inodes, and awsp's version.
// cacheable is false while a file is less than two seconds old: a second
// write within the same timestamp would go unseen.
func (a *app) fingerprint(name string, paths profiles.Paths) (fp string, cacheable bool) {
	cacheable = true
	fp = fmt.Sprintf("%s %s %q %q", cacheFormat, version, name, paths.Home)
	for _, path := range []string{paths.Config, paths.Credentials, a.configPath()} {
		st, err := os.Stat(path)
		if err != nil {
			fp += fmt.Sprintf(" %q:none", path)
			continue
		}
		var ino uint64
		if sys, ok := st.Sys().(*syscall.Stat_t); ok {
			ino = sys.Ino
		}
		fp += fmt.Sprintf(" %q:%d:%d:%d", path, st.Size(), st.ModTime().UnixNano(), ino)
		if time.Since(st.ModTime()) < 2*time.Second {
			cacheable = false
		}
	}
	return fp, cacheable
}

// cachePath is the entry's file: one per profile and set of paths, in
// $AWSP_CACHE_DIR, else awsp/ in the XDG cache directory.
func (a *app) cachePath(name string, paths profiles.Paths) string {
	dir := a.env["AWSP_CACHE_DIR"]
	if dir == "" {
		dir = filepath.Join(xdg.CacheHome, "awsp")
	}
	key := profiles.SHA1(name + "\x00" + paths.Config + "\x00" + paths.Credentials + "\x00" + paths.Home)
	return filepath.Join(dir, "prompt", key+".json")
}

func (a *app) readPromptCache(path, fp string) (promptEntry, bool) {
	var e promptEntry
	data, err := profiles.ReadFile(path)
	if err != nil || len(data) == 0 || json.Unmarshal(data, &e) != nil || e.Fingerprint != fp {
		return promptEntry{}, false
	}
	return e, true
}

// writePromptCache writes the entry atomically: a shell reading it at the
// same moment sees the old entry or the new one, never half of one.
func writePromptCache(path string, e promptEntry) {
	data, err := json.Marshal(e)
	if err != nil {
		return
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".prompt-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), path) != nil {
		os.Remove(tmp.Name())
	}
}

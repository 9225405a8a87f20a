package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/adrg/xdg"

	"github.com/awsp-dev/awsp/internal/atomicfile"
	"github.com/awsp-dev/awsp/internal/profiles"
)

// The prompt and completion run while a person waits, and parsing a config
// of 1,000 profiles costs more than starting the process (BENCHMARKS.md).
// So what they make of the files is kept in awsp's cache directory while
// the files are unchanged; a cached prompt reads two small files.

// promptEntry is what --prompt needs of one profile. The expiry is not in
// it: that is read anew every time.
type promptEntry struct {
	Chain   []string               `json:"chain"`
	Broken  bool                   `json:"broken"`
	Warn    bool                   `json:"warn"`
	Region  string                 `json:"region"`
	Session profiles.SessionSource `json:"session"`
}

// cacheFormat changes whenever a cached entry or its meaning does.
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

// cached returns what compute makes of the AWS files for (kind, name):
// from the cache while the files are unchanged, else computed and, when
// the files are settled, kept. ok is false when compute could not read
// the files, or took longer than budget (0: no limit); nothing is kept
// then. Only the slow path runs in a goroutine: a cached answer costs no
// thread handoff.
func (a *app) cached(kind, name string, budget time.Duration, compute func() ([]byte, bool)) ([]byte, bool) {
	paths := profiles.PathsFrom(a.env)
	fp, cacheable := a.fingerprint(kind+"\x00"+name, paths)
	path := a.cachePath(kind, name, paths)
	if data, err := profiles.ReadFile(path); err == nil {
		if head, payload, ok := bytes.Cut(data, []byte("\n")); ok && string(head) == fp {
			return payload, true
		}
	}
	type result struct {
		payload []byte
		ok      bool
	}
	done := make(chan result, 1)
	work := func() {
		payload, ok := compute()
		if ok && cacheable {
			a.cacheMu.Lock()
			if !a.abandoned { // a prompt past its budget exits: no half-written entry behind it
				atomicfile.Write(path, append([]byte(fp+"\n"), payload...)) // a cache: failing to keep it only costs time
			}
			a.cacheMu.Unlock()
		}
		done <- result{payload, ok}
	}
	if budget == 0 {
		work()
		r := <-done
		return r.payload, r.ok
	}
	go work()
	select {
	case r := <-done:
		return r.payload, r.ok
	case <-time.After(budget):
		a.cacheMu.Lock()
		a.abandoned = true
		a.cacheMu.Unlock()
		return nil, false
	}
}

// cachePath is an entry's file: one per kind, profile and set of paths, in
// $AWSP_CACHE_DIR, else awsp/ in the XDG cache directory.
func (a *app) cachePath(kind, name string, paths profiles.Paths) string {
	dir := a.env["AWSP_CACHE_DIR"]
	if dir == "" {
		dir = filepath.Join(xdg.CacheHome, "awsp")
	}
	key := profiles.SHA1(name + "\x00" + paths.Config + "\x00" + paths.Credentials + "\x00" + paths.Home)
	return filepath.Join(dir, kind, key)
}

// Package filecache keeps what awsp makes of the AWS files while the files
// are unchanged. The prompt and completion run while a person waits, and
// parsing a config of 1,000 profiles costs more than starting the process
// (BENCHMARKS.md); a cached prompt reads two small files instead.
//
// An entry is one file: a first line that fingerprints the files it was
// made from, then the payload. Entries are written whole (atomicfile), so
// that concurrent shells never read half of one.
package filecache

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/awsp-dev/awsp/internal/atomicfile"
	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/safefile"
	"github.com/awsp-dev/awsp/internal/settings"
)

// Format is the layout of an entry file (the fingerprint line, then the
// payload). What a payload means is versioned by its kind, beside its
// codec (prompt.entryKind).
const Format = "2"

// Cache is the cache of one run of awsp.
type Cache struct {
	env environ.Environ

	// mu guards the writing of entries against the exit of a run that
	// gave up waiting (abandoned).
	mu        sync.Mutex
	abandoned bool
	// computing counts the computes still running after Get gave up.
	computing sync.WaitGroup
}

// New is the cache as env places it (settings.CacheDir).
func New(env environ.Environ) *Cache { return &Cache{env: env} }

// Get returns what compute makes of the AWS files for (kind, name): from
// the cache while the files are unchanged, else computed and, when the
// files are settled, kept. ok is false when compute could not read the
// files, or took longer than budget (0: no limit); nothing is kept then.
// Only the slow path runs in a goroutine: a cached answer costs no thread
// handoff.
func (c *Cache) Get(kind, name string, budget time.Duration, compute func() ([]byte, bool)) ([]byte, bool) {
	paths := awsfiles.PathsFrom(c.env)
	fp, cacheable := c.fingerprint(kind+"\x00"+name, paths)
	dir := settings.CacheDir(c.env)
	cacheable = cacheable && dir != "" // no absolute place to keep it
	path := filepath.Join(dir, kind, c.key(name, paths))
	// Not cacheable means no entry can match: entries are written only
	// when every file is two seconds old, and a file younger than that
	// now has another modification time in the fingerprint. No read then.
	if cacheable {
		if data, err := safefile.ReadPrivate(path, awsfiles.MaxFileSize); err == nil {
			if head, payload, ok := bytes.Cut(data, []byte("\n")); ok && string(head) == fp {
				return payload, true
			}
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
			c.mu.Lock()
			if !c.abandoned { // a run past its budget exits: no half-written entry behind it
				atomicfile.Write(path, append([]byte(fp+"\n"), payload...)) // a cache: failing to keep it only costs time
			}
			c.mu.Unlock()
		}
		done <- result{payload, ok}
	}
	if budget == 0 {
		work()
		r := <-done
		return r.payload, r.ok
	}
	c.computing.Add(1)
	go func() {
		defer c.computing.Done()
		work()
	}()
	select {
	case r := <-done:
		return r.payload, r.ok
	case <-time.After(budget):
		c.mu.Lock()
		c.abandoned = true
		c.mu.Unlock()
		return nil, false
	}
}

// fingerprint identifies the files an entry was computed from: their
// paths, sizes, modification times and inodes, and awsp's version.
// cacheable is false while a file is less than two seconds old: a second
// write within the same timestamp would go unseen.
func (c *Cache) fingerprint(name string, paths profiles.Paths) (fp string, cacheable bool) {
	cacheable = true
	// strconv, not fmt: this runs on every prompt, and every size class
	// of allocation costs a process its first touch of a page.
	b := make([]byte, 0, 512)
	b = append(b, Format+" "+settings.Current()+" "...)
	b = strconv.AppendQuote(b, name)
	b = append(b, ' ')
	b = strconv.AppendQuote(b, paths.Home)
	for _, path := range []string{paths.Config, paths.Credentials, settings.ConfigPath(c.env)} {
		b = append(b, ' ')
		b = strconv.AppendQuote(b, path)
		st, err := os.Stat(path)
		if err != nil {
			b = append(b, ":none"...)
			continue
		}
		var ino uint64
		if sys, ok := st.Sys().(*syscall.Stat_t); ok {
			ino = sys.Ino
		}
		b = append(b, ':')
		b = strconv.AppendInt(b, st.Size(), 10)
		b = append(b, ':')
		b = strconv.AppendInt(b, st.ModTime().UnixNano(), 10)
		b = append(b, ':')
		b = strconv.AppendUint(b, ino, 10)
		if time.Since(st.ModTime()) < 2*time.Second {
			cacheable = false
		}
	}
	return string(b), cacheable
}

// key names an entry's file: one per kind, name and set of paths.
func (c *Cache) key(name string, paths profiles.Paths) string {
	return profiles.SHA1(name + "\x00" + paths.Config + "\x00" + paths.Credentials + "\x00" + paths.Home)
}

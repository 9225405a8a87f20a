// Package dirprofile finds the .awsprofile file that governs a directory
// and keeps the list of such files a person has allowed, as direnv does
// with .envrc: a file from a cloned repository must not switch a shell
// before the person has read it.
//
// It never runs anything from a file, and writes only the allow list,
// atomically.
package dirprofile

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/awsp-dev/awsp/internal/atomicfile"
	"github.com/awsp-dev/awsp/internal/profiles"
)

// Name is the file a directory names its profile in.
const Name = ".awsprofile"

// A File is a .awsprofile: a profile name on the first line, optionally
// region=REGION on the second.
type File struct {
	Path    string
	Profile string
	Region  string
	Hash    string // sha256 of the content, what is allowed
}

// Find returns the nearest .awsprofile in dir or a parent, or nil.
func Find(dir string) (*File, error) {
	for {
		path := filepath.Join(dir, Name)
		if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
			return Read(path)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil, nil
		}
		dir = parent
	}
}

// Read parses one .awsprofile.
func Read(path string) (*File, error) {
	data, err := profiles.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(data) > 4096 {
		return nil, fmt.Errorf("%s: larger than a profile name and a region", path)
	}
	sum := sha256.Sum256(data)
	f := &File{Path: path, Hash: hex.EncodeToString(sum[:])}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 0; sc.Scan(); n++ {
		line := strings.TrimSpace(strings.TrimSuffix(sc.Text(), "\r"))
		switch {
		case n == 0:
			f.Profile = line
		case strings.HasPrefix(line, "region="):
			f.Region = strings.TrimSpace(strings.TrimPrefix(line, "region="))
		}
	}
	if f.Profile == "" {
		return nil, fmt.Errorf("%s: the first line should name a profile", path)
	}
	return f, nil
}

// Allowed is the allow list: file paths with the hash of the content that
// was allowed. A changed file is not allowed until allowed again.
type Allowed struct {
	path    string
	entries map[string]string // file path -> hash
}

// LoadAllowed reads the allow list at path; a missing one is empty.
func LoadAllowed(path string) (*Allowed, error) {
	a := &Allowed{path: path, entries: map[string]string{}}
	data, err := profiles.ReadFile(path)
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if hash, file, ok := strings.Cut(line, " "); ok && len(hash) == 64 {
			a.entries[file] = hash
		}
	}
	return a, nil
}

// Has reports whether f, as it is now, is allowed.
func (a *Allowed) Has(f *File) bool { return a.entries[f.Path] == f.Hash }

// Allow trusts f as it is now, or forgets it, and saves the list. Shells
// allowing at the same moment lose nothing: the list is read again and
// written under an exclusive lock.
func (a *Allowed) Allow(f *File, allow bool) error {
	if err := os.MkdirAll(filepath.Dir(a.path), 0o700); err != nil {
		return err
	}
	lock, err := os.OpenFile(a.path+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return err
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return err
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
	fresh, err := LoadAllowed(a.path)
	if err != nil {
		return err
	}
	a.entries = fresh.entries
	if allow {
		a.entries[f.Path] = f.Hash
	} else {
		delete(a.entries, f.Path)
	}
	var b strings.Builder
	for file, hash := range a.entries {
		if !strings.ContainsAny(file, "\n") {
			fmt.Fprintf(&b, "%s %s\n", hash, file)
		}
	}
	return atomicfile.Write(a.path, []byte(b.String()))
}

// Below lists the .awsprofile files under dir, for the lint: at most
// limit directories are visited, and version-control and dependency
// folders are skipped.
func Below(dir string, limit int) []string {
	var found []string
	seen := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			seen++
			if seen > limit || p != dir && (d.Name() == ".git" || d.Name() == "node_modules" || d.Name() == ".terraform") {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Name() == Name && d.Type().IsRegular() {
			found = append(found, p)
		}
		return nil
	})
	return found
}

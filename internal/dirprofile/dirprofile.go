// Package dirprofile finds the .awsprofile file that governs a directory
// and keeps the list of such files a person has allowed, as direnv does
// with .envrc: a file from a cloned repository must not switch a shell
// before the person has read it.
//
// It never runs anything from a file, and writes only the allow list,
// atomically.
package dirprofile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/awsp-dev/awsp/internal/atomicfile"
	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/safefile"
	"github.com/awsp-dev/awsp/internal/termtext"
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

// MaxSize is the most a .awsprofile may hold: a profile name and a region.
const MaxSize = 1 << 10

// maxName bounds a profile name read from a .awsprofile: longer is not a
// name anyone types.
const maxName = 128

// A RefusedError is a .awsprofile that awsp will not read: it says which
// file and why, never what the file holds, since that may be anything
// (a symlink to /proc/self/environ holds the whole environment).
type RefusedError struct {
	Path string
	Why  string
}

func (e *RefusedError) Error() string { return e.Path + ": " + e.Why }

// Find returns the nearest .awsprofile in dir or a parent, or nil. The
// nearest entry of that name governs, whatever it is: a symlink or a
// FIFO there is refused, not skipped for a parent's file.
func Find(dir string) (*File, error) {
	if path := Nearest(dir); path != "" {
		return Read(path)
	}
	return nil, nil
}

// Nearest is the path of the .awsprofile entry in dir or its nearest
// parent that has one, or "".
func Nearest(dir string) string {
	for {
		path := filepath.Join(dir, Name)
		if _, err := os.Lstat(path); err == nil {
			return path
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Read parses one .awsprofile, which may come from a stranger (a cloned
// repository): it must be a regular file in the directory it governs (a
// symlink may point only within that directory's tree), hold at most
// MaxSize bytes, and name a plausible profile on its first line.
func Read(path string) (*File, error) {
	if !filepath.IsAbs(path) {
		return nil, &RefusedError{path, "not an absolute path"}
	}
	st, err := os.Lstat(path)
	if err != nil {
		return nil, &RefusedError{path, "cannot be read: " + reason(err)}
	}
	if st.Mode()&os.ModeSymlink != 0 {
		if err := insideTree(path); err != nil {
			return nil, err
		}
	}
	data, err := safefile.Read(path, MaxSize)
	var ioErr *safefile.Error
	switch {
	case errors.As(err, &ioErr):
		return nil, &RefusedError{path, ioErr.Msg}
	case err != nil:
		return nil, &RefusedError{path, reason(err)}
	case data == nil:
		return nil, &RefusedError{path, "does not exist"}
	}
	sum := sha256.Sum256(data)
	f := &File{Path: path, Hash: hex.EncodeToString(sum[:])}
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return nil, &RefusedError{path, "is not text: it should name a profile on its first line"}
	}
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		switch {
		case n == 0:
			if why := badName(line); why != "" {
				return nil, &RefusedError{path, "the first line " + why}
			}
			f.Profile = line
		case strings.HasPrefix(line, "region="):
			f.Region = strings.TrimSpace(strings.TrimPrefix(line, "region="))
			if !validRegion(f.Region) {
				return nil, &RefusedError{path, fmt.Sprintf("line %d is not region=REGION (letters, digits and -)", n+1)}
			}
		}
	}
	return f, nil
}

// badName says why a first line is not a profile name, or "".
func badName(s string) string {
	switch {
	case s == "":
		return "should name a profile"
	case len(s) > maxName:
		return fmt.Sprintf("is longer than a profile name (%d bytes at most)", maxName)
	case strings.IndexFunc(s, termtext.Unsafe) >= 0:
		return "holds control or invisible characters, which no profile name needs"
	}
	return ""
}

func validRegion(r string) bool {
	if r == "" || len(r) > 32 {
		return false
	}
	for _, c := range r {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// insideTree refuses a symlink whose target is not inside the directory
// that holds it: a repository may link .awsprofile to a file of its own,
// never to one elsewhere on the machine.
func insideTree(path string) error {
	dir, err := filepath.EvalSymlinks(filepath.Dir(path))
	if err != nil {
		return &RefusedError{path, "cannot be read: " + reason(err)}
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return &RefusedError{path, "is a symlink that cannot be followed: " + reason(err)}
	}
	if rel, err := filepath.Rel(dir, target); err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		return &RefusedError{path, "is a symlink to a file outside its directory: refused"}
	}
	return nil
}

// reason is an os error without the path it repeats.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}

// Allowed is the allow list: file paths with the hash of the content that
// was allowed. A changed file is not allowed until allowed again.
type Allowed struct {
	path    string
	entries map[string]string // file path -> hash
}

// LoadAllowed reads the allow list at path; a missing one is empty, and so
// is one that another user owns or may write: trust comes from this user
// alone. path must be absolute.
func LoadAllowed(path string) (*Allowed, error) {
	a := &Allowed{path: path, entries: map[string]string{}}
	if !filepath.IsAbs(path) {
		return nil, fmt.Errorf("no absolute state directory for the allow list (%s): set HOME or XDG_STATE_HOME to an absolute path", path)
	}
	data, err := safefile.ReadPrivate(path, awsfiles.MaxFileSize)
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
		if d.Name() == Name {
			found = append(found, p) // whatever it is: Read refuses what is not a plain file
		}
		return nil
	})
	return found
}

// Repository is the root of the repository dir is in (the nearest
// directory, dir or a parent, that holds .git), or "" outside one.
func Repository(dir string) string {
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Lint checks the .awsprofile that governs dir and those of the tree
// below tree ("" for none): each must name a profile of c
// (awsprofile-missing) and be one awsp will read (awsprofile-refused).
// The lint asks for the tree of the repository it runs in, or one named:
// never a whole home, whose other projects govern nothing here.
func Lint(c *profiles.Config, dir, tree string) []profiles.Finding {
	var paths []string
	if tree != "" {
		paths = Below(tree, 5000)
	}
	if p := Nearest(dir); p != "" && !slices.Contains(paths, p) {
		paths = append(paths, p)
	}
	var out []profiles.Finding
	for _, p := range paths {
		f, err := Read(p)
		var refused *RefusedError
		switch {
		case errors.As(err, &refused):
			out = append(out, profiles.Finding{File: p, Severity: "error", Code: "awsprofile-refused", Message: Name + " " + refused.Why})
		case err == nil && c.Profiles[f.Profile] == nil:
			msg := fmt.Sprintf("%s names profile %s, which does not exist", Name, f.Profile)
			if near := c.Suggest(f.Profile); near != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", near)
			}
			out = append(out, profiles.Finding{File: p, Line: 1, Profile: f.Profile, Severity: "error", Code: "awsprofile-missing", Message: msg})
		}
	}
	return out
}

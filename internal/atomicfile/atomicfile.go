// Package atomicfile writes a file so that a reader at the same moment
// sees the old content or the new, never a part of either: the data goes
// to a temporary file beside the target, which is then renamed over it.
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write replaces path with data, creating its folder (mode 0700) if need be.
func Write(path string, data []byte) error { return WriteMode(path, data, 0o600) }

// WriteMode is Write with the file's mode: a file replaced keeps the mode
// it had.
func WriteMode(path string, data []byte, mode os.FileMode) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// BackupSuffix names the copy of a file that Replace keeps beside it.
const BackupSuffix = ".awsp-backup"

// Replace writes data over the file at path, whose content was old: the
// file a symlink points to, so that a dotfiles link stays a link, with
// the mode it had, old kept beside it (BackupSuffix) first. It returns
// the backup's path ("" for a new file) and which step failed.
func Replace(path string, old, data []byte) (backup string, err error) {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		target = path // a new file
	}
	mode := os.FileMode(0o600)
	if st, err := os.Stat(target); err == nil {
		mode = st.Mode().Perm()
		backup = target + BackupSuffix
		if err := WriteMode(backup, old, mode); err != nil {
			return "", &BackupError{err}
		}
	}
	return backup, WriteMode(target, data, mode)
}

// A BackupError is a backup that could not be written: the file was not
// touched.
type BackupError struct{ Err error }

func (e *BackupError) Error() string { return "the backup could not be written: " + e.Err.Error() }
func (e *BackupError) Unwrap() error { return e.Err }

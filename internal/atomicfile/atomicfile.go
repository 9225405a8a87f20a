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

// Package safefile reads files that anyone may have put in awsp's way: a
// bounded number of bytes, never blocking on a FIFO or a device, a file
// rewritten while it was read read again, and (ReadPrivate) only the
// user's own files for what awsp trusts.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// An Error is a file awsp could not read as a file: no permission, too
// large, a symlink loop, or not a regular file at all.
type Error struct {
	Path string
	Msg  string
	// NotRegular: a directory, FIFO, device or socket. botocore treats
	// such a config or credentials file as absent (/dev/null is a common
	// way to turn one off), and so does Load.
	NotRegular bool
}

func (e *Error) Error() string { return e.Path + ": " + e.Msg }

func readOnce(path string, limit int64) (data []byte, changed bool, err error) {
	data, st, err := readRegular(path, limit)
	if err != nil || st == nil {
		return data, false, err
	}
	after, err := os.Stat(path)
	return data, err == nil && (after.Size() != st.Size() || !after.ModTime().Equal(st.ModTime()) || int64(len(data)) != st.Size()), nil
}

func readRegular(path string, limit int64) ([]byte, os.FileInfo, error) {
	f, err := openNonBlocking(path)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, &Error{Path: path, Msg: describe(err)}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, &Error{Path: path, Msg: describe(err)}
	}
	switch {
	case st.IsDir():
		return nil, nil, &Error{Path: path, Msg: "is a directory, not a file (the AWS CLI reads it as empty)", NotRegular: true}
	case !st.Mode().IsRegular():
		return nil, nil, &Error{Path: path, Msg: "is not a regular file (the AWS CLI reads it as empty)", NotRegular: true}
	case st.Size() > limit:
		return nil, nil, &Error{Path: path, Msg: tooLarge(limit)}
	}
	// One read of the size stat gave, and one more to see the end: a file
	// being rewritten may have grown or shrunk since.
	data := make([]byte, st.Size()+1)
	n, err := io.ReadFull(f, data)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, nil, &Error{Path: path, Msg: describe(err)}
	}
	data = data[:n]
	if n == len(data) && n > 0 && int64(n) > st.Size() {
		more, err := io.ReadAll(io.LimitReader(f, limit+1-int64(n)))
		if err != nil {
			return nil, nil, &Error{Path: path, Msg: describe(err)}
		}
		data = append(data, more...)
	}
	if int64(len(data)) > limit {
		return nil, nil, &Error{Path: path, Msg: tooLarge(limit)}
	}
	return data, st, nil
}

// tooLarge says a file is over the limit, in the unit that reads best.
func tooLarge(limit int64) string {
	if limit >= 1<<20 {
		return fmt.Sprintf("is larger than the %d MiB awsp reads", limit>>20)
	}
	return fmt.Sprintf("is larger than the %d KiB awsp reads", limit>>10)
}

// openNonBlocking opens path for reading without waiting for a writer, as
// a FIFO would make it wait. os.OpenFile with O_NONBLOCK would also hand
// the file to the runtime's poller, which starts one (epoll, an eventfd,
// its memory) for a regular file it then declines: a cost on every prompt.
// So the flag is cleared once the file is open; a regular file reads the
// same either way, and readRegular reads nothing else.
func openNonBlocking(path string) (*os.File, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		if err := syscall.SetNonblock(fd, false); err != nil {
			syscall.Close(fd)
			return nil, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		return os.NewFile(uintptr(fd), path), nil
	}
}

// describe turns an os error into the few words after the path.
func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permission denied (the AWS CLI ignores a file it cannot read)"
	case errors.Is(err, syscall.ELOOP):
		return "too many levels of symbolic links"
	case errors.Is(err, syscall.EISDIR):
		return "is a directory, not a file (the AWS CLI ignores it)"
	}
	return err.Error()
}

// Read is ReadFile for a file that may hold at most limit bytes:
// no more than limit+1 bytes are ever read, whatever the file claims
// (files under /proc say they are empty).
func Read(path string, limit int64) ([]byte, error) {
	for try := 0; ; try++ {
		data, changed, err := readOnce(path, limit)
		if err != nil || !changed || try == 3 {
			return data, err
		}
	}
}

// ReadPrivate reads one of awsp's own files (a cache entry, the allow
// list): like Read, and only when the file belongs to this user and
// no one else may write it, checked on the open file. Anything else reads
// as missing: another user's file is never a reason to trust or to show.
func ReadPrivate(path string, limit int64) ([]byte, error) {
	data, st, err := readRegular(path, limit)
	if err != nil || st == nil {
		return nil, err
	}
	if sys, ok := st.Sys().(*syscall.Stat_t); !ok || int(sys.Uid) != os.Geteuid() || st.Mode().Perm()&0o022 != 0 {
		return nil, nil
	}
	return data, nil
}

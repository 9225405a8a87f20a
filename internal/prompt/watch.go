package prompt

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/filecache"
	"github.com/awsp-dev/awsp/internal/settings"
)

// The shell integration asks for the segment with --watch ID (the shell's
// process ID) and gets, after the segment's line, a stamp file and the
// files the segment was made from, one a line:
//
//	dev ← identity ← sso 1h59m
//	/home/u/.cache/awsp/stamps/4242
//	/home/u/.aws/config
//	/home/u/.aws/credentials
//	/home/u/.config/awsp/config
//	/home/u/.aws/sso/cache/0ad3….json
//
// The stamp is touched before the files are read. On each prompt the hook
// asks, with the shell's builtin -nt, whether a file is newer than the
// stamp: an `aws sso login` or an edit of the config shows at the next
// prompt, and a prompt where nothing changed still starts no process.

// WriteWatched writes the segment for the shell integration: the segment
// (nothing when there is no active profile), then the stamp and the
// watched files. id names the stamp: digits only.
func WriteWatched(w io.Writer, env environ.Environ, cache *filecache.Cache, format string, dialect Dialect, budget time.Duration, now time.Time, id string) {
	stamp := touchStamp(env, id)
	d, ok := active(env, cache, budget)
	if !ok {
		return
	}
	b := []byte(render(env, d, format, dialect, now))
	if stamp == "" {
		b = append(b, '\n')
		w.Write(b)
		return
	}
	b = append(append(append(b, '\n'), stamp...), '\n')
	for _, f := range watchedFiles(env, d) {
		if strings.IndexByte(f, '\n') < 0 {
			b = append(append(b, f...), '\n')
		}
	}
	w.Write(b)
}

// touchStamp makes the stamp file of shell id as of now and returns its
// path; "" when there is no absolute place for it. A new stamp clears
// those of shells long gone.
func touchStamp(env environ.Environ, id string) string {
	dir := settings.CacheDir(env)
	if !ValidWatchID(id) || dir == "" {
		return ""
	}
	dir = filepath.Join(dir, "stamps")
	path := filepath.Join(dir, id)
	now := time.Now()
	if os.Chtimes(path, now, now) == nil {
		return path
	}
	if os.MkdirAll(dir, 0o700) != nil {
		return ""
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return ""
	}
	f.Close()
	pruneStamps(dir)
	return path
}

// pruneStamps removes the stamps of shells not seen for a week.
func pruneStamps(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	old := time.Now().Add(-7 * 24 * time.Hour)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.ModTime().Before(old) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// watchedFiles are the files a segment depends on: the AWS files and
// awsp's config where they exist (each costs the hook a stat on every
// prompt; one made later shows within the minute), and the Primary's SSO
// or aws login token whether it exists or not (logging in makes it). An
// identity in the environment depends on none.
func watchedFiles(env environ.Environ, d Data) []string {
	if d.fromEnvironment {
		return nil
	}
	session := d.session
	paths := awsfiles.PathsFrom(env)
	var files []string
	for _, f := range []string{paths.Config, paths.Credentials, settings.ConfigPath(env), session.Token} {
		if f == "" {
			continue
		}
		if abs, err := filepath.Abs(f); err == nil {
			f = abs
		}
		if _, err := os.Stat(f); err == nil || f == session.Token {
			files = append(files, f)
		}
	}
	return files
}

// ValidWatchID reports whether a --watch value is a process ID: it names
// a file.
func ValidWatchID(id string) bool {
	_, err := strconv.ParseUint(id, 10, 32)
	return err == nil && strings.Trim(id, "0123456789") == ""
}

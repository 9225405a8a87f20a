package main

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/awsp-dev/awsp/internal/atomicfile"
	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/dirprofile"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/fix"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/report"
	"github.com/awsp-dev/awsp/internal/safefile"
	"github.com/awsp-dev/awsp/internal/settings"
	"github.com/awsp-dev/awsp/internal/shellcode"
	"github.com/awsp-dev/awsp/internal/ssosync"
	"github.com/awsp-dev/awsp/internal/view"
)

// A lintSet is one set of AWS files the AWS CLI reads together: the
// user's config and credentials, or a config file named on the command
// line, alone. Its findings carry their fixes.
type lintSet struct {
	fix.Result
	label func(path string) string // a path as the diff names it
	open  func(path string) string // a path as the file system finds it
}

func (a *app) lint() error {
	// The fixes keep each round's files, layouts and findings: on a
	// generated config of thousands of profiles more than main's soft
	// limit, where the collector would run without pause (12 s instead
	// of 1.8 s for --fix on 8,000 profiles); the usual pace of collection keeps
	// the heap to about twice what is live instead.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	set, err := a.settings()
	if err != nil {
		return err
	}
	ignore := set.Ignore
	cwd, cwdErr := a.workingDir()
	dir, files, err := a.lintArgs(cwd, cwdErr)
	if err != nil {
		return err
	}
	var sets []lintSet
	var findings []profiles.Finding
	if len(files) > 0 {
		// Files of a repository, each read as the AWS CLI would read it
		// as AWS_CONFIG_FILE, with no credentials file: not the user's.
		env := maps.Clone(a.env)
		delete(env, "AWS_CONFIG_FILE")
		delete(env, "AWS_SHARED_CREDENTIALS_FILE")
		for _, name := range files {
			path := name
			if !filepath.IsAbs(path) {
				path = filepath.Join(cwd, name)
			}
			data, err := awsfiles.ReadFile(path)
			var ioErr *safefile.Error
			switch {
			case errors.As(err, &ioErr):
				return failf(cli.ExitUsage, "%s: %s", clean(name), ioErr.Msg)
			case err != nil:
				return failf(cli.ExitUsage, "%s: %v", clean(name), err)
			}
			paths := profiles.Paths{Config: name, Home: a.env["HOME"]}
			c := profiles.Build(paths, profiles.Parse(name, data), profiles.Parse("", nil))
			sets = append(sets, a.lintSet(c, map[string][]byte{name: data}, env, ignore,
				func(string) string { return clean(name) }, func(string) string { return path }))
		}
	} else {
		c, data, err := awsfiles.LoadData(a.env)
		var ioErr *safefile.Error
		switch {
		case errors.As(err, &ioErr):
			return failf(cli.ExitUsage, "%s: %s", a.tilde(ioErr.Path), ioErr.Msg)
		case err != nil:
			return failf(cli.ExitUsage, "%v", err)
		}
		sets = append(sets, a.lintSet(c, data, a.env, ignore, a.tilde, func(p string) string { return p }))
		// The profiles kubectl runs its AWS plugins with are checked too.
		findings = append(findings, ignore.Filter(loadKube(a.env).Lint(c, ignore))...)
		// The .awsprofile files: of the tree named, or of the repository
		// the lint runs in, and the one that governs the directory.
		if cwdErr == nil {
			tree := dirprofile.Repository(cwd)
			if dir != "" {
				tree = dir
			} else {
				dir = cwd
			}
			findings = append(findings, dirprofile.Lint(c, dir, tree)...)
		}
	}
	others := len(findings)
	for _, s := range sets {
		findings = append(findings, s.Findings...)
	}
	profiles.SortFindings(findings)
	if a.opts.Fix {
		return a.fix(sets, others)
	}
	switch a.opts.Format {
	case "json":
		if findings == nil {
			findings = []profiles.Finding{} // [] when clean, not null
		}
		if err := view.WriteJSON(a.stdout, findings); err != nil {
			return err
		}
	case "sarif":
		if err := report.SARIF(a.stdout, findings, settings.Current(), report.Paths{Dir: cwd}); err != nil {
			return err
		}
	case "github":
		report.GitHub(a.stdout, findings, report.Paths{Dir: cwd})
	default:
		fixable := 0
		for _, f := range findings {
			sev := a.outStyle.Yellow(f.Severity)
			if f.Severity == "error" {
				sev = a.outStyle.Red(f.Severity)
			}
			fmt.Fprintf(a.stdout, "%s: %s: %s: %s\n", clean(f.Location()), sev, f.Code, clean(f.Message))
			if f.Fix != nil {
				fixable++
			}
		}
		if fixable > 0 {
			fmt.Fprintf(a.stderr, "awsp: %s a safe fix: awsp --lint --fix%s shows it\n", count(fixable, "finding has", "findings have"), a.argsForFix())
		}
	}
	if len(findings) > 0 {
		return quiet(cli.ExitFindings)
	}
	return nil
}

// lintArgs are --lint's arguments: a directory (a tree of .awsprofile
// files), or config files.
func (a *app) lintArgs(cwd string, cwdErr error) (dir string, files []string, err error) {
	for _, name := range a.opts.Names {
		path := name
		if !filepath.IsAbs(path) {
			if cwdErr != nil {
				return "", nil, failf(cli.ExitUsage, "%v", cwdErr)
			}
			path = filepath.Join(cwd, name)
		}
		st, err := os.Stat(path)
		switch {
		case err != nil:
			return "", nil, failf(cli.ExitUsage, "--lint takes a directory or config files, and %s is neither", a.tilde(path))
		case st.IsDir() && len(a.opts.Names) > 1:
			return "", nil, failf(cli.ExitUsage, "--lint takes one directory, or config files: %s is a directory", a.tilde(path))
		case st.IsDir():
			dir = path
		default:
			files = append(files, name)
		}
	}
	if a.opts.Fix && dir != "" {
		return "", nil, failf(cli.ExitUsage, "--lint --fix fixes the AWS files, or the config files named: not a directory's .awsprofile files")
	}
	return dir, files, nil
}

// argsForFix are the file arguments of this lint, for the command that
// shows its fixes.
func (a *app) argsForFix() string {
	var b strings.Builder
	for _, n := range a.opts.Names {
		b.WriteString(" " + clean(shellcode.QuoteWord(n)))
	}
	return b.String()
}

// lintSet lints one set of files and works out the fixes of its findings.
func (a *app) lintSet(c *profiles.Config, data map[string][]byte, env environ.Environ, ignore profiles.Ignore, label, open func(string) string) lintSet {
	paths := c.Paths
	lint := func(c *profiles.Config, data map[string][]byte) []profiles.Finding {
		return append(c.Lint(env, ignore), ssosync.Lint(paths.Config, data[paths.Config])...)
	}
	relint := func(data map[string][]byte) (*profiles.Config, []profiles.Finding) {
		c := profiles.Build(paths, profiles.Parse(paths.Config, data[paths.Config]), profiles.Parse(paths.Credentials, data[paths.Credentials]))
		return c, lint(c, data)
	}
	// The lint shows the fixes of its findings; the later rounds, which
	// fix what those fixes let the lint see, are for --fix's diff.
	rounds := 1
	if a.opts.Fix {
		rounds = fix.MaxRounds
	}
	return lintSet{Result: fix.Run(c, data, lint(c, data), relint, rounds), label: label, open: open}
}

// fix prints the diff of the fixes, and with --write writes them, each
// file atomically with its backup beside it. others are the findings of
// kubeconfigs and .awsprofile files, which have no fix.
func (a *app) fix(sets []lintSet, others int) error {
	fixed, left := 0, others
	for _, s := range sets {
		fixed += s.Fixed
		left += len(s.Left)
		for _, path := range slices.Sorted(maps.Keys(s.After)) {
			for _, line := range strings.SplitAfter(fix.Diff(s.label(path), s.Before[path], s.After[path]), "\n") {
				// A line's own end, CRLF too, is not a control to clean.
				body := strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
				fmt.Fprint(a.stdout, clean(body), line[len(body):])
			}
		}
	}
	switch {
	case fixed == 0 && left == 0:
		fmt.Fprintln(a.stderr, "awsp: the lint found nothing to fix")
		return nil
	case fixed == 0:
		fmt.Fprintf(a.stderr, "awsp: none of the %s has a safe fix (awsp --lint says what each needs)\n", count(left, "finding", "findings"))
		return quiet(cli.ExitFindings)
	case !a.opts.Write:
		fmt.Fprintf(a.stderr, "awsp: this diff fixes %s, %s: awsp --lint --fix --write%s writes it\n", count(fixed, "finding", "findings"), leftWords(left), a.argsForFix())
		return quiet(cli.ExitFindings)
	}
	for _, s := range sets {
		for _, path := range slices.Sorted(maps.Keys(s.After)) {
			label := s.label(path)
			// Not a byte written over a file changed since it was read.
			if now, err := awsfiles.ReadFile(s.open(path)); err != nil || !bytes.Equal(now, s.Before[path]) {
				return failf(cli.ExitUsage, "%s changed while awsp read it: nothing written to it; run awsp --lint --fix again", label)
			}
			if _, err := atomicfile.Replace(s.open(path), s.Before[path], s.After[path]); err != nil {
				var backup *atomicfile.BackupError
				if errors.As(err, &backup) {
					return failf(cli.ExitUsage, "%s: the backup could not be written (%v): nothing written to it", label, backup.Err)
				}
				return failf(cli.ExitUsage, "%s could not be written: %v", label, err)
			}
			fmt.Fprintf(a.stderr, "awsp: wrote %s (the old one is %s%s)\n", label, label, atomicfile.BackupSuffix)
		}
	}
	fmt.Fprintf(a.stderr, "awsp: fixed %s, %s\n", count(fixed, "finding", "findings"), leftWords(left))
	if left > 0 {
		return quiet(cli.ExitFindings)
	}
	return nil
}

// leftWords says how many findings no fix removes.
func leftWords(left int) string {
	if left == 0 {
		return "none left"
	}
	return count(left, "finding", "findings") + " left without a safe fix (awsp --lint says what each needs)"
}

// count is "1 finding" or "3 findings".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/dirprofile"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/ssosync"
	"github.com/awsp-dev/awsp/internal/view"
)

func (a *app) lint() error {
	c, set, err := a.loadWithSettings()
	if err != nil {
		return err
	}
	ignore := set.Ignore
	findings := c.Lint(a.env, ignore)
	// The profiles kubectl runs its AWS plugins with are checked too.
	findings = append(findings, ignore.Filter(loadKube(a.env).Lint(c, ignore))...)
	// The blocks awsp sso sync keeps in the config.
	if data, err := awsfiles.ReadFile(c.Paths.Config); err == nil {
		findings = append(findings, ssosync.Lint(c.Paths.Config, data)...)
	}
	// The .awsprofile files: of the tree named, or of the repository the
	// lint runs in, and the one that governs the directory.
	if cwd, err := a.workingDir(); err == nil {
		dir, tree := cwd, dirprofile.Repository(cwd)
		if len(a.opts.Names) == 1 {
			dir = a.opts.Names[0]
			if !filepath.IsAbs(dir) {
				dir = filepath.Join(cwd, dir)
			}
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				return failf(cli.ExitUsage, "--lint takes a directory, and %s is not one", a.tilde(dir))
			}
			tree = dir
		}
		findings = append(findings, dirprofile.Lint(c, dir, tree)...)
	}
	profiles.SortFindings(findings)
	if a.opts.JSON {
		if findings == nil {
			findings = []profiles.Finding{} // [] when clean, not null
		}
		if err := view.WriteJSON(a.stdout, findings); err != nil {
			return err
		}
	} else {
		for _, f := range findings {
			sev := a.outStyle.Yellow(f.Severity)
			if f.Severity == "error" {
				sev = a.outStyle.Red(f.Severity)
			}
			fmt.Fprintf(a.stdout, "%s: %s: %s: %s\n", clean(f.Location()), sev, f.Code, clean(f.Message))
		}
	}
	if len(findings) > 0 {
		return quiet(cli.ExitFindings)
	}
	return nil
}

package main

import (
	"fmt"

	"github.com/awsp-dev/awsp/internal/dirprofile"
	"github.com/awsp-dev/awsp/internal/kube"
	"github.com/awsp-dev/awsp/internal/profiles"
)

func (a *app) lint() int {
	c, set, code := a.loadWithSettings()
	if code != exitOK {
		return code
	}
	ignore := set.Ignore
	findings := c.Lint(a.env, ignore)
	// The profiles kubectl runs its AWS plugins with are checked too.
	findings = append(findings, ignore.Filter(kube.Load(a.env).Lint(c, ignore))...)
	if cwd, err := a.workingDir(); err == nil {
		findings = append(findings, dirprofile.Lint(c, cwd)...)
	}
	profiles.SortFindings(findings)
	if a.opts.json {
		if findings == nil {
			findings = []profiles.Finding{} // [] when clean, not null
		}
		if code := a.writeJSON(findings); code != exitOK {
			return code
		}
	} else {
		for _, f := range findings {
			sev := a.outStyle.yellow(f.Severity)
			if f.Severity == "error" {
				sev = a.outStyle.red(f.Severity)
			}
			loc := f.File
			if f.Line > 0 {
				loc = fmt.Sprintf("%s:%d", f.File, f.Line)
			}
			fmt.Fprintf(a.stdout, "%s: %s: %s: %s\n", clean(loc), sev, f.Code, clean(f.Message))
		}
	}
	if len(findings) > 0 {
		return exitFindings
	}
	return exitOK
}

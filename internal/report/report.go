// Package report writes the lint's findings for the tools teams check
// their configs with: SARIF 2.1.0 for code scanning, and GitHub Actions'
// workflow commands, which annotate the lines of a pull request.
package report

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/termtext"
	"github.com/awsp-dev/awsp/internal/view"
)

// Paths name files in a report: relative to the directory the lint ran
// in (a repository's root in CI) where they are under it.
type Paths struct{ Dir string }

// rel is path relative to the directory, with '/', and whether it is
// under it.
func (p Paths) rel(path string) (string, bool) {
	if !filepath.IsAbs(path) {
		return filepath.ToSlash(filepath.Clean(path)), !strings.HasPrefix(filepath.Clean(path), "..")
	}
	r, err := filepath.Rel(p.Dir, path)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(path), false
	}
	return filepath.ToSlash(r), true
}

// GitHub writes one workflow command per finding: ::error or ::warning
// with the file, line and columns, the code as its title.
func GitHub(w io.Writer, findings []profiles.Finding, paths Paths) {
	for _, f := range findings {
		file, _ := paths.rel(f.File)
		props := []string{"file=" + property(file)}
		if f.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", f.Line))
		}
		if f.Column > 0 {
			props = append(props, fmt.Sprintf("col=%d", f.Column), fmt.Sprintf("endColumn=%d", f.EndColumn))
		}
		props = append(props, "title="+property(f.Code))
		fmt.Fprintf(w, "::%s %s::%s\n", f.Severity, strings.Join(props, ","), data(termtext.Clean(f.Message)))
	}
}

// data escapes a workflow command's message (the runner's escapeData):
// a line break in a message cannot start a command of its own.
func data(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// property escapes a workflow command's property (escapeProperty).
func property(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(termtext.Clean(s))
}

// SARIF's schema and version, of the OASIS standard.
const (
	SARIFSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	SARIFVersion = "2.1.0"
)

// InformationURI is where the codes are explained.
const InformationURI = "https://github.com/awsp-dev/awsp#lint"

type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                   `json:"tool"`
		OriginalURIBaseIDs map[string]artifactLocation `json:"originalUriBaseIds,omitempty"`
		Results            []result                    `json:"results"`
		ColumnKind         string                      `json:"columnKind"`
	}
	sarifTool struct {
		Driver driver `json:"driver"`
	}
	driver struct {
		Name           string `json:"name"`
		Version        string `json:"version"`
		InformationURI string `json:"informationUri"`
		Rules          []rule `json:"rules"`
	}
	rule struct {
		ID                   string         `json:"id"`
		ShortDescription     text           `json:"shortDescription"`
		HelpURI              string         `json:"helpUri"`
		DefaultConfiguration ruleConfig     `json:"defaultConfiguration"`
		Properties           map[string]any `json:"properties"`
	}
	ruleConfig struct {
		Level string `json:"level"`
	}
	text struct {
		Text string `json:"text"`
	}
	result struct {
		RuleID    string     `json:"ruleId"`
		RuleIndex int        `json:"ruleIndex"`
		Level     string     `json:"level"`
		Message   text       `json:"message"`
		Locations []location `json:"locations"`
		Fixes     []sarifFix `json:"fixes,omitempty"`
	}
	location struct {
		PhysicalLocation physicalLocation `json:"physicalLocation"`
	}
	physicalLocation struct {
		ArtifactLocation artifactLocation `json:"artifactLocation"`
		Region           *region          `json:"region,omitempty"`
	}
	artifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
	sarifFix struct {
		Description     text             `json:"description"`
		ArtifactChanges []artifactChange `json:"artifactChanges"`
	}
	artifactChange struct {
		ArtifactLocation artifactLocation `json:"artifactLocation"`
		Replacements     []replacement    `json:"replacements"`
	}
	replacement struct {
		DeletedRegion   region `json:"deletedRegion"`
		InsertedContent *text  `json:"insertedContent,omitempty"`
	}
)

// srcRoot is the base the relative paths of a SARIF log are under.
const srcRoot = "SRCROOT"

// SARIF writes the findings as a SARIF 2.1.0 log of one run: the rules
// are the lint's codes (profiles.Codes), each result a finding at its
// file, line and columns (code points), with its fix where it has one.
func SARIF(w io.Writer, findings []profiles.Finding, version string, paths Paths) error {
	d := driver{Name: "awsp", Version: version, InformationURI: InformationURI, Rules: []rule{}}
	index := map[string]int{}
	for i, c := range profiles.Codes {
		props := map[string]any{"fixable": c.Fix != ""}
		if c.Fix != "" {
			props["fix"] = c.Fix
		}
		index[c.Name] = i
		d.Rules = append(d.Rules, rule{ID: c.Name, ShortDescription: text{c.Meaning}, HelpURI: InformationURI,
			DefaultConfiguration: ruleConfig{c.Severity}, Properties: props})
	}
	run := sarifRun{Tool: sarifTool{d}, Results: []result{}, ColumnKind: "unicodeCodePoints",
		OriginalURIBaseIDs: map[string]artifactLocation{srcRoot: {URI: dirURI(paths.Dir)}}}
	for _, f := range findings {
		loc := physicalLocation{ArtifactLocation: paths.artifact(f.File)}
		if f.Line > 0 {
			loc.Region = &region{StartLine: f.Line, StartColumn: f.Column, EndColumn: f.EndColumn}
		}
		r := result{RuleID: f.Code, RuleIndex: index[f.Code], Level: f.Severity, Message: text{f.Message}, Locations: []location{{loc}}}
		if f.Fix != nil {
			r.Fixes = []sarifFix{paths.fix(f.Fix)}
		}
		run.Results = append(run.Results, r)
	}
	return view.WriteJSON(w, sarifLog{Schema: SARIFSchema, Version: SARIFVersion, Runs: []sarifRun{run}})
}

// fix is a Fix as SARIF has it: the edits of each file, in order.
func (p Paths) fix(fx *profiles.Fix) sarifFix {
	out := sarifFix{Description: text{fx.Description}}
	for _, e := range fx.Edits {
		rep := replacement{DeletedRegion: region{StartLine: e.Line, StartColumn: e.Column, EndLine: e.EndLine, EndColumn: e.EndColumn}}
		if e.NewText != "" {
			rep.InsertedContent = &text{e.NewText}
		}
		n := len(out.ArtifactChanges)
		if n > 0 && out.ArtifactChanges[n-1].ArtifactLocation == p.artifact(e.File) {
			out.ArtifactChanges[n-1].Replacements = append(out.ArtifactChanges[n-1].Replacements, rep)
			continue
		}
		out.ArtifactChanges = append(out.ArtifactChanges, artifactChange{ArtifactLocation: p.artifact(e.File), Replacements: []replacement{rep}})
	}
	return out
}

// artifact is where a file is: relative to SRCROOT when under it, else
// its file: URI.
func (p Paths) artifact(path string) artifactLocation {
	if r, under := p.rel(path); under {
		return artifactLocation{URI: (&url.URL{Path: r}).EscapedPath(), URIBaseID: srcRoot}
	}
	abs := path
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(p.Dir, path)
	}
	return artifactLocation{URI: (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()}
}

// dirURI is the file: URI of a directory, ending in '/' as SARIF asks.
func dirURI(dir string) string {
	return (&url.URL{Scheme: "file", Path: strings.TrimSuffix(filepath.ToSlash(dir), "/") + "/"}).String()
}

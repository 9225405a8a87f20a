// Package fix works out the safe edits for the lint's findings: each
// touches only the lines of what it fixes, every other byte of the file
// stays as it was. A fix is kept only when the lint, run again on the
// fixed files, no longer finds what it fixed and finds nothing new.
//
// It reads and writes no file: it gets the files' bytes and gives back
// the fixed bytes (cmd/awsp writes them).
package fix

import (
	"cmp"
	"slices"
	"strings"

	"github.com/awsp-dev/awsp/internal/profiles"
)

// A Linter lints a set of files given by path (the config and credentials
// files of one Config, as the lint that found the findings does): the
// Config they make, and its findings.
type Linter func(data map[string][]byte) (*profiles.Config, []profiles.Finding)

// A Result is what the fixes of one set of files do.
type Result struct {
	// Findings are the findings given, each with its Fix where it has a
	// safe one, and the columns of its line where the line is known.
	Findings []profiles.Finding
	// Before and After are each file's bytes before and after every fix;
	// After has only the files that change.
	Before, After map[string][]byte
	Fixed         int                // findings the fixes remove, in every round
	Left          []profiles.Finding // the lint of After: what no fix removes
	// Touched are the profiles whose sections a fix edits, in any round,
	// sorted: every other profile reads as it did (the botocore test).
	Touched []string
}

// maxAlone bounds how many fixes are tried one by one when all of them
// together do not pass: each try is a lint of the files.
const maxAlone = 64

// MaxRounds bounds the rounds of fixes: a file the AWS CLI refused hides
// its chains' findings until its repeats are fixed, and a source_profile
// fixed shows the chain's Primary, whose mfa_serial a next round moves.
const MaxRounds = 4

// Run works out the fixes for findings, the lint's of c, read from data
// (path to bytes: the files c was built from), and checks them with lint.
// The fixes of the findings given are of data; the later rounds' are of
// the files the rounds before them made, and are in the diff only.
// With rounds 1, only the fixes of the findings given are worked out
// (the lint that shows them, not the diff of --fix).
func Run(c *profiles.Config, data map[string][]byte, findings []profiles.Finding, lint Linter, rounds int) Result {
	res := Result{Findings: slices.Clone(findings), Before: data, After: map[string][]byte{}, Left: findings}
	cur := data
	touched := map[string]bool{}
	for round := 0; round < min(rounds, MaxRounds); round++ {
		p := newPlanner(c, cur)
		fixes, kept := p.round(findings, lint)
		if round == 0 {
			for i, f := range findings {
				if l := p.layouts[f.File]; l != nil && f.Line > 0 {
					res.Findings[i].Column, res.Findings[i].EndColumn = l.Columns(f.Line)
				}
			}
			for _, i := range kept {
				res.Findings[i].Fix = fixes[i]
			}
		}
		if len(kept) == 0 {
			break
		}
		res.Fixed += len(kept)
		for _, i := range kept {
			for _, name := range p.touched(fixes[i]) {
				if !touched[name] {
					touched[name] = true
					res.Touched = append(res.Touched, name)
				}
			}
		}
		cur, _ = p.apply(fixes, kept)
		c, findings = lint(cur)
		res.Left = findings
	}
	slices.Sort(res.Touched)
	for path, b := range cur {
		if string(b) != string(data[path]) {
			res.After[path] = b
		}
	}
	return res
}

func newPlanner(c *profiles.Config, data map[string][]byte) *planner {
	p := &planner{c: c, layouts: map[string]*profiles.Layout{}}
	for path, b := range data {
		p.layouts[path] = profiles.NewLayout(b)
	}
	return p
}

// round plans the fix of each finding and keeps those that pass: the
// fixes by finding, and the findings whose fixes are kept.
func (p *planner) round(findings []profiles.Finding, lint Linter) ([]*profiles.Fix, []int) {
	if p.c.Paths.Config == p.c.Paths.Credentials {
		return nil, nil // one file read as both: an edit for one would be read by the other too
	}
	fixes := make([]*profiles.Fix, len(findings))
	var planned []int
	for i, f := range findings {
		if fixes[i] = p.plan(f, findings); fixes[i] != nil {
			slices.SortFunc(fixes[i].Edits, byPosition)
			planned = append(planned, i)
		}
	}
	return fixes, p.verify(findings, fixes, planned, lint)
}

// verify keeps the planned fixes that pass together: all of them when
// they do, else those that pass alone (at most maxAlone are tried) and
// still pass with the ones kept before them.
func (p *planner) verify(findings []profiles.Finding, fixes []*profiles.Fix, planned []int, lint Linter) []int {
	refused := p.c.Refused() != nil
	passes := func(set []int) bool {
		after, ok := p.apply(fixes, set)
		if !ok {
			return false
		}
		_, found := lint(after)
		return clean(findings, set, found, refused)
	}
	if len(planned) == 0 || passes(planned) {
		return planned
	}
	// Errors first: a repeated key's fix (the AWS CLI refuses the file)
	// before a quoted value's on the line it removes.
	planned = slices.Clone(planned)
	slices.SortStableFunc(planned, func(a, b int) int {
		return cmp.Compare(severityRank(findings[a].Severity), severityRank(findings[b].Severity))
	})
	var kept []int
	for n, i := range planned {
		if n == maxAlone {
			break
		}
		if try := append(slices.Clone(kept), i); passes([]int{i}) && passes(try) {
			kept = try
		}
	}
	return kept
}

func severityRank(s string) int {
	if s == "error" {
		return 0
	}
	return 1
}

// fileCodes are the findings of the files' lines, which a refused file
// still has; the others are of chains, which the lint does not report
// while the AWS CLI refuses a file.
var fileCodes = []string{"parse-error", "duplicate-section", "duplicate-key", "indented-credentials", "sdk-divergence", "ignored-section", "file-ignored", "sso-block-edited", "sso-block-broken"}

// clean reports whether after (the lint of the fixed files) has neither
// a finding fixed nor a new one: it is the findings not fixed, or fewer.
// A file the AWS CLI refused (refused) hid its chains' findings: those
// that show once it reads are not new, and the next round fixes them.
func clean(before []profiles.Finding, fixed []int, after []profiles.Finding, refused bool) bool {
	// A profile's finding is the same finding when a fix elsewhere
	// changes its words (the Primary it names); a finding of the files'
	// lines is told apart by its words, without line numbers.
	key := func(f profiles.Finding) string {
		if f.Profile != "" {
			return f.File + "\x00" + f.Code + "\x00" + f.Profile
		}
		return f.File + "\x00" + f.Code + "\x00\x00" + withoutLines(f.Message)
	}
	done := map[int]bool{}
	for _, i := range fixed {
		done[i] = true
	}
	left := map[string]int{}
	for i, f := range before {
		if !done[i] {
			left[key(f)]++
		}
	}
	for _, f := range after {
		k := key(f)
		if left[k] == 0 {
			if refused && !slices.Contains(fileCodes, f.Code) {
				continue
			}
			return false
		}
		left[k]--
	}
	return true
}

// withoutLines is msg without the numbers after "line ": fixes move
// lines, so findings are compared without them. (A loop, not a regexp:
// awsp links this package, and a regexp costs every start.)
func withoutLines(msg string) string {
	var b strings.Builder
	for {
		i := strings.Index(msg, "line ")
		if i < 0 {
			b.WriteString(msg)
			return b.String()
		}
		b.WriteString(msg[:i+5])
		msg = strings.TrimLeft(msg[i+5:], "0123456789")
	}
}

// apply makes the edits of the fixes in set, each edit once (fixes that
// share one, as the findings of one repeated section do); false when two
// different edits overlap.
func (p *planner) apply(fixes []*profiles.Fix, set []int) (map[string][]byte, bool) {
	byFile := map[string][]profiles.Edit{}
	seen := map[profiles.Edit]bool{}
	for _, i := range set {
		for _, e := range fixes[i].Edits {
			if !seen[e] {
				seen[e] = true
				byFile[e.File] = append(byFile[e.File], e)
			}
		}
	}
	out := map[string][]byte{}
	for path, l := range p.layouts {
		edits := byFile[path]
		slices.SortFunc(edits, byPosition)
		var b strings.Builder
		at := 0
		for _, e := range edits {
			if e.Start < at {
				return nil, false
			}
			b.WriteString(l.Data[at:e.Start])
			b.WriteString(e.NewText)
			at = e.End
		}
		b.WriteString(l.Data[at:])
		out[path] = []byte(b.String())
	}
	return out, true
}

// touched are the profiles whose sections the edits of fx are in.
func (p *planner) touched(fx *profiles.Fix) []string {
	var names []string
	for _, e := range fx.Edits {
		l := p.layouts[e.File]
		at := e.Line
		if e.Start == e.End && e.Column == 1 && at > 1 {
			at-- // a line added after the line above: that line's section
		}
		header := ""
		if i := l.SectionAt(at); i >= 0 {
			header = l.Sections[i].Header
		}
		name, ok := header, header != ""
		if e.File == p.c.Paths.Config {
			name, ok = profiles.ProfileHeader(header)
		}
		if ok && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names
}

// byPosition orders edits by file, then where they start and end.
func byPosition(a, b profiles.Edit) int {
	return cmp.Or(strings.Compare(a.File, b.File), a.Start-b.Start, a.End-b.End)
}

// A planner works out the fix of each finding from the files' layouts.
type planner struct {
	c       *profiles.Config
	layouts map[string]*profiles.Layout
	names   []string // c.Names(), once
	// Worked out once for all the findings of a round, so that a file
	// of many findings costs linear work: the mfa_serial values of the
	// Derived profiles of each Primary, the fix of each repeated header,
	// and how many source_profile suggestions were looked for.
	devices     map[*profiles.Profile]map[string]bool
	repeats     map[string]*profiles.Fix
	occurrences map[string]map[string][]int // by file, by header: its sections
	suggested   int
}

// maxSuggestions bounds the source_profile fixes of a round, as the lint
// bounds its "did you mean"s.
const maxSuggestions = 256

// plan is the fix of finding f (all: every finding, for the fixes that
// must agree across them), or nil.
func (p *planner) plan(f profiles.Finding, all []profiles.Finding) *profiles.Fix {
	l := p.layouts[f.File]
	if l == nil || f.Line < 1 {
		return nil
	}
	switch f.Code {
	case "derived-mfa-serial":
		return p.derivedMFASerial(f, all)
	case "source-profile-missing":
		return p.sourceProfile(f, l)
	case "duplicate-key", "duplicate-section":
		return p.duplicates(f, l)
	case "sdk-divergence":
		if f.QuirkKind() == profiles.QuotedValue {
			return p.unquote(f, l)
		}
	}
	return nil
}

// edit is an Edit of layout l's bytes [start, end).
func edit(path string, l *profiles.Layout, start, end int, text string) profiles.Edit {
	line, col := l.Position(start)
	endLine, endCol := l.Position(end)
	return profiles.Edit{File: path, Line: line, Column: col, EndLine: endLine, EndColumn: endCol, NewText: text, Start: start, End: end}
}

// removeLines is the edit that removes lines from..to, their line ends
// included.
func removeLines(path string, l *profiles.Layout, from, to int) profiles.Edit {
	return edit(path, l, l.Lines[from-1].Start, l.Lines[to-1].Next, "")
}

// insertAfter is the edit that adds text as a line of its own after line n,
// with the file's line end.
func insertAfter(path string, l *profiles.Layout, n int, text string) profiles.Edit {
	ln := l.Lines[n-1]
	if ln.Next == ln.End { // the last line, without a line end
		return edit(path, l, ln.Next, ln.Next, l.EOL+text)
	}
	return edit(path, l, ln.Next, ln.Next, text+l.EOL)
}

// keyAt is the key whose first line is line n, and its section.
func keyAt(l *profiles.Layout, n int) (*profiles.SectionSpan, profiles.KeySpan, bool) {
	i, k, ok := l.KeyAt(n)
	if !ok {
		return nil, k, false
	}
	return &l.Sections[i], k, true
}

// ownSection is the section of profile pr in the file at path: the
// header it was read from there, not [DEFAULT] (whose keys every profile
// shares: a fix there would touch them all).
func (p *planner) ownSection(pr *profiles.Profile, path string) *profiles.SectionSpan {
	l := p.layouts[path]
	if l == nil {
		return nil
	}
	for _, w := range pr.Where {
		if w.File != path {
			continue
		}
		if i := l.SectionAt(w.Line); i >= 0 && l.Sections[i].Line == w.Line {
			return &l.Sections[i]
		}
	}
	return nil
}

// keyLine is the text a new key gets in section s: the indentation and
// the spacing around '=' of its last key, so that it looks like its
// neighbours.
func keyLine(l *profiles.Layout, s *profiles.SectionSpan, name, value string) string {
	if len(s.Keys) == 0 {
		return name + " = " + value
	}
	last := s.Keys[len(s.Keys)-1]
	text := l.Text(last.Line)
	lead := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
	start := l.Lines[last.Line-1].Start
	nameEnd := len(lead) + len(last.Name)
	if nameEnd > last.ValueStart-start || strings.ToLower(text[len(lead):nameEnd]) != last.Name {
		return lead + name + " = " + value
	}
	return lead + name + text[nameEnd:last.ValueStart-start] + value
}

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/awsp-dev/awsp/internal/kube"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/settings"
	"github.com/awsp-dev/awsp/internal/termtext"
)

// profileJSON is one entry of awsp --list --json.
type profileJSON struct {
	Name           string   `json:"name"`
	Kind           string   `json:"kind"`
	Active         bool     `json:"active"`
	SourceProfile  *string  `json:"source_profile"`
	Chain          []string `json:"chain"`
	CredentialType string   `json:"credential_type"`
	RoleARN        *string  `json:"role_arn"`
	MFASerial      *string  `json:"mfa_serial"`
	Region         *string  `json:"region"`
	// The account and role the credentials act as, where the files say
	// (role_arn, or the SSO Primary's), and the account's alias.
	AccountID    *string `json:"account_id"`
	AccountAlias *string `json:"account_alias"`
	Role         *string `json:"role_name"`
	// The class awsp's config gives the profile, and its label.
	Class       *string `json:"class"`
	Label       *string `json:"label"`
	Expires     *string `json:"expires"`
	Refreshable bool    `json:"refreshable"`
	// RenewsUntil: when the refresh token stops working, where the files
	// say (the SSO client registration's end).
	RenewsUntil  *string  `json:"renews_until"`
	LoggedOut    bool     `json:"logged_out"`
	Error        *string  `json:"error"`
	ErrorCode    *string  `json:"error_code"`
	Warnings     []string `json:"warnings"`
	KubeContexts []string `json:"kube_contexts"` // kube contexts whose AWS plugin uses this profile
	WantedHere   bool     `json:"wanted_here"`   // the .awsprofile of the current directory names it
}

// described is a profile with everything --list and --show say about it.
type described struct {
	chain    profiles.Chain
	session  profiles.Expiry // the Primary's
	warnings []string
}

func (a *app) describe(c *profiles.Config, name string, ignore profiles.Ignore) described {
	d := described{chain: c.Resolve(name)}
	if p := d.chain.Primary(); p != nil {
		// Read once a Primary: thousands of profiles share a few.
		s, ok := a.sessions[p.Profile]
		if !ok {
			s = c.SessionExpiry(p, a.env)
			if a.sessions == nil {
				a.sessions = map[*profiles.Profile]profiles.Expiry{}
			}
			a.sessions[p.Profile] = s
		}
		d.session = s
	}
	d.warnings = c.Warnings(d.chain, ignore)
	return d
}

func (a *app) list() int {
	c, set, code := a.loadWithSettings()
	if code != exitOK {
		return code
	}
	ignore := set.Ignore
	active, wanted := a.activeProfile(), a.wantedHere()
	k := a.kube()
	entries := []profileJSON{}
	var chains []profiles.Chain
	var classes []*settings.Class
	for _, name := range c.Names() {
		d := a.describe(c, name, ignore)
		e := listEntry(c.Profiles[name], d, a.opts.json)
		t := c.TargetOf(d.chain)
		e.AccountID, e.Role = nonEmpty(t.AccountID), nonEmpty(t.Role)
		alias, class := set.Classify(name, t)
		e.AccountAlias = nonEmpty(alias)
		if class != nil {
			e.Class, e.Label = &class.Name, nonEmpty(class.Label)
		}
		classes = append(classes, class)
		e.Active = name == active
		e.KubeContexts = k.ContextsUsing(name)
		e.WantedHere = name == wanted
		entries, chains = append(entries, e), append(chains, d.chain)
	}
	if a.opts.json {
		return a.writeJSONArray(len(entries), func(i int) any { return entries[i] })
	}
	rows := make([]listRow, len(entries))
	renews := false
	for i, e := range entries {
		region := "-"
		if e.Region != nil {
			region = clean(*e.Region)
		}
		rows[i] = a.classRow(listRow{mark: listMark(e.Active, e.WantedHere), name: clean(e.Name), kind: e.Kind,
			sources: sourceNames(chains[i]), region: region, status: a.statusText(e, a.outStyle)}, classes[i], a.outStyle)
		renews = renews || e.Refreshable
	}
	a.table(fitRows(rows, a.columns(), true))
	if renews {
		fmt.Fprintln(a.stdout, a.outStyle.dim(renewsLegend))
	}
	return exitOK
}

// renewsLegend explains ↻ and "renews on use" wherever they are shown.
const renewsLegend = "↻ the AWS CLI renews it by itself; \"renews on use\": at the next call"

// listEntry is what --list says of one profile; the chain's names are
// listed only for JSON (fullChain), where a script wants every one.
func listEntry(p *profiles.Profile, d described, fullChain bool) profileJSON {
	e := profileJSON{
		Name:           p.Name,
		Kind:           string(profiles.Primary),
		CredentialType: string(profiles.NoCredentials),
		SourceProfile:  optional(p, "source_profile"),
		RoleARN:        optional(p, "role_arn"),
		MFASerial:      optional(p, "mfa_serial"),
		Region:         optional(p, "region"),
		Warnings:       d.warnings,
		Refreshable:    d.session.Refreshable,
		RenewsUntil:    timeJSON(d.session.RenewsUntil),
		LoggedOut:      d.session.LoggedOut,
		Expires:        timeJSON(d.session.At),
	}
	if h := d.chain.First(); h != nil {
		e.Kind = string(h.Kind)
	}
	if fullChain {
		e.Chain = d.chain.Names()
	}
	if pr := d.chain.Primary(); pr != nil && d.chain.Err == nil {
		e.CredentialType = string(pr.Credentials)
	}
	if err := d.chain.Err; err != nil && !d.chain.SettingsOnly() {
		e.Error, e.ErrorCode = &err.Msg, &err.Code
	}
	return e
}

func optional(p *profiles.Profile, key string) *string {
	if v, ok := p.Get(key); ok {
		return &v.Text
	}
	return nil
}

// nonEmpty is s, or nil for "": JSON's null for what the files do not say.
func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func timeJSON(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

// listRow is one profile in -l and the picker, before it is fitted to
// the terminal. Every string is clean.
type listRow struct {
	mark, name, kind string
	sources          []string // the chain after the profile: identity, sso
	region, status   string
}

// classRow marks a row with the profile's class, if it has one: the name
// in the class's colour, followed by its label.
func (a *app) classRow(r listRow, c *settings.Class, st style) listRow {
	if c == nil {
		return r
	}
	if c.Colour != "" {
		r.name = st.wrap(c.Colour, r.name)
	}
	if c.Label != "" {
		r.name += " " + st.wrap(c.Colour+";1", clean(c.Label))
	}
	return r
}

// sourceNames are the names of a chain after its first, cleaned; of a
// long chain the first few, "…" and the Primary, so that listing a config
// never walks every chain to its end (one chain of 4,000 hops would make
// -l quadratic).
func sourceNames(ch profiles.Chain) []string {
	return chainNames(ch, 1, maxShownHops)
}

// maxShownHops is the most names of a chain a row shows.
const maxShownHops = 6

// chainNames are the cleaned names of ch from hop from on, at most most
// of them: past that, the first most-2, "…" and the Primary.
func chainNames(ch profiles.Chain, from, most int) []string {
	var names []string
	for i, h := range ch.Hops() {
		if i < from {
			continue
		}
		if ch.Len()-from > most && len(names) == most-2 {
			return append(names, "…", clean(ch.Primary().Profile.Name))
		}
		names = append(names, clean(h.Profile.Name))
	}
	return names
}

// Column widths below which fitRows cuts no further.
const (
	minChainColumn = 12
	minNameColumn  = 12
)

// fitRows lays out rows with a header, within width columns (0: no
// limit). The chain gives way first (prompt.FitChain), down to a few
// columns; then the names are cut. The time left and the status are
// never cut: they are what a row is read for. The picker leaves out the
// region (withRegion false): its preview line shows it.
func fitRows(rows []listRow, width int, withRegion bool) [][]string {
	header := []string{"  NAME", "KIND", "CHAIN", "REGION", "STATUS"}
	if !withRegion {
		header = slices.Delete(header, 3, 4)
	}
	var nameW, chainW, restW int
	for _, r := range rows {
		nameW = max(nameW, termtext.Width(r.name)+2)
		chainW = max(chainW, termtext.Width("← "+strings.Join(r.sources, prompt.Hop)))
	}
	for i := range header {
		w := termtext.Width(header[i])
		for _, r := range rows {
			w = max(w, termtext.Width(r.cell(i, withRegion)))
		}
		if i != 0 && i != 2 {
			restW += w + 2 // a gap after every column, none after the last
		}
	}
	chainRoom, nameRoom := chainW, nameW
	if width > 0 && nameW+2+chainW+2+restW-2 > width {
		chainRoom = max(minChainColumn, width-(nameW+2+restW))
		nameRoom = max(minNameColumn, min(nameW, width-(chainRoom+2+restW)))
	}
	out := [][]string{header}
	for _, r := range rows {
		chain := "-"
		if len(r.sources) > 0 {
			chain = "← " + prompt.FitChain(r.sources, chainRoom-2)
		}
		cells := []string{r.mark + " " + termtext.Truncate(r.name, nameRoom-2), r.kind, chain, r.region, r.status}
		if !withRegion {
			cells = slices.Delete(cells, 3, 4)
		}
		out = append(out, cells)
	}
	return out
}

// cell is the text of column i of r, but for the name and the chain,
// which fitRows shortens.
func (r listRow) cell(i int, withRegion bool) string {
	if !withRegion && i >= 3 {
		i++
	}
	switch i {
	case 1:
		return r.kind
	case 3:
		return r.region
	case 4:
		return r.status
	}
	return ""
}

// columns is the width of the terminal -l prints to: $COLUMNS when set,
// as ls has it, else the terminal's own; 0 (no limit) for a pipe.
func (a *app) columns() int {
	if n, err := strconv.Atoi(a.env["COLUMNS"]); err == nil && n > 0 {
		return n
	}
	if f, ok := a.terminal.(*os.File); ok && isTerminal(f) {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return 0
}

// statusText is the last column of --list: what is wrong, or time left.
func (a *app) statusText(e profileJSON, st style) string {
	var s string
	switch {
	case e.ErrorCode != nil:
		s = st.red("✗ " + *e.ErrorCode)
	case e.LoggedOut:
		s = st.red("logged out")
	case e.Expires != nil:
		t, _ := time.Parse(time.RFC3339, *e.Expires)
		s = a.leftText(t.Sub(a.now()), e.Refreshable, st)
	case e.CredentialType == string(profiles.NoCredentials):
		s = st.dim("settings only")
	default:
		s = st.dim("-")
	}
	for _, w := range e.Warnings {
		s += " " + st.yellow("⚠ "+w)
	}
	return s
}

// leftText colours time left: green, yellow under 15 minutes, red when
// gone; a session the AWS CLI renews by itself is marked ↻, and once its
// access token has ended it "renews on use" (renewsLegend).
func (a *app) leftText(d time.Duration, refreshable bool, st style) string {
	text := prompt.Left(d)
	switch {
	case refreshable && d <= 0:
		return st.yellow("renews on use")
	case refreshable:
		text += " ↻"
	}
	switch {
	case d <= 0:
		return st.red(text)
	case d < 15*time.Minute:
		return st.yellow(text)
	}
	return st.green(text)
}

// table prints rows in aligned columns; the first row is the header.
func (a *app) table(rows [][]string) {
	for _, line := range termtext.Table(rows, a.outStyle.bold) {
		fmt.Fprintln(a.stdout, line)
	}
}

// clean is termtext.Clean: every string from outside awsp passes through
// it on its way to a terminal.
func clean(s string) string { return termtext.Clean(s) }

func (a *app) writeJSON(v any) int {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fail(a.stderr, exitUsage, "writing JSON: %v", err)
	}
	a.stdout.Write(termtext.JSON(b))
	fmt.Fprintln(a.stdout)
	return exitOK
}

// writeJSONArray writes n elements as an indented JSON array one element
// at a time, the same text as json.Encoder with SetIndent("", "  ")
// without building the whole array and indenting it again.
func (a *app) writeJSONArray(n int, elem func(int) any) int {
	if n == 0 {
		fmt.Fprintln(a.stdout, "[]")
		return exitOK
	}
	fmt.Fprint(a.stdout, "[")
	for i := 0; i < n; i++ {
		b, err := json.MarshalIndent(elem(i), "  ", "  ")
		if err != nil {
			return fail(a.stderr, exitUsage, "writing JSON: %v", err)
		}
		if i > 0 {
			fmt.Fprint(a.stdout, ",")
		}
		fmt.Fprint(a.stdout, "\n  ")
		a.stdout.Write(termtext.JSON(b))
	}
	fmt.Fprintln(a.stdout, "\n]")
	return exitOK
}

// kube reads the kubeconfig files, saying in one line each what is wrong
// with one that cannot be read.
func (a *app) kube() *kube.Config {
	k := kube.Load(a.env)
	for _, p := range k.Problems {
		fmt.Fprintf(a.stderr, "awsp: %s: %s\n", a.tilde(p.File), clean(p.Message))
	}
	return k
}

// listMark marks the active profile "*" and the one the current
// directory's .awsprofile asks for ">".
func listMark(active, wanted bool) string {
	switch {
	case active:
		return "*"
	case wanted:
		return ">"
	}
	return " "
}

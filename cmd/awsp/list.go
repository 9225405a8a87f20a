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

func (a *app) list() error {
	c, set, err := a.loadWithSettings()
	if err != nil {
		return err
	}
	ignore := set.Ignore
	active, wanted := a.activeProfile(), a.wantedHere()
	k := a.kube()
	names := c.Names()
	// entry is the JSON of one profile, with its chain and class for a row.
	entry := func(i int) (profileJSON, profiles.Chain, *settings.Class) {
		name := names[i]
		d := a.describe(c, name, ignore)
		e := listEntry(c.Profiles[name], d, a.opts.json)
		t := c.TargetOf(d.chain)
		e.AccountID, e.Role = nonEmpty(t.AccountID), nonEmpty(t.Role)
		alias, class := set.Classify(name, t)
		e.AccountAlias = nonEmpty(alias)
		if class != nil {
			e.Class, e.Label = &class.Name, nonEmpty(class.Label)
		}
		e.Active = name == active
		e.KubeContexts = k.ContextsUsing(name)
		e.WantedHere = name == wanted
		return e, d.chain, class
	}
	if a.opts.json {
		// Entry by entry: each lists its whole chain, and a config of
		// one long chain must not hold every entry's chain at once.
		return a.writeJSONArray(len(names), func(i int) any { e, _, _ := entry(i); return e })
	}
	entries := make([]profileJSON, len(names))
	chains := make([]profiles.Chain, len(names))
	classes := make([]*settings.Class, len(names))
	for i := range names {
		entries[i], chains[i], classes[i] = entry(i)
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
	table, note := fitRows(rows, a.columns(), true)
	a.table(table)
	if note != "" {
		fmt.Fprintln(a.stdout, a.outStyle.dim(note))
	}
	if renews {
		fmt.Fprintln(a.stdout, a.outStyle.dim(renewsLegend))
	}
	return nil
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
	mark, name, label, kind string
	sources                 []string // the chain after the profile: identity, sso
	region, status          string
}

// classRow marks a row with the profile's class, if it has one: the name
// in the class's colour, and its label in a column of its own.
func (a *app) classRow(r listRow, c *settings.Class, st style) listRow {
	if c == nil {
		return r
	}
	if c.Colour != "" {
		r.name = st.wrap(c.Colour, r.name)
	}
	if c.Label != "" {
		r.label = st.wrap(c.Colour+";1", clean(c.Label))
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

// minNameColumn: names are cut no shorter than this.
const minNameColumn = 12

// A listColumn is one column of -l and the picker: its header, and its
// cell in a row.
type listColumn struct {
	header string
	cell   func(r listRow) string
}

var (
	labelColumn  = listColumn{"", func(r listRow) string { return r.label }}
	kindColumn   = listColumn{"KIND", func(r listRow) string { return r.kind }}
	regionColumn = listColumn{"REGION", func(r listRow) string { return r.region }}
	statusColumn = listColumn{"STATUS", func(r listRow) string { return r.status }}
)

// fitRows lays out rows with a header, within width columns (0: no
// limit), and says in note what it left out. What gives way, in order:
// a column whose value is the same on every row (-l only: note names the
// value once); the chain, to "← … ←" and the Primary, whole or in its
// one short form (prompt.Short) on every row; last the names, cut where
// they are alike and never where they differ (termtext.CutDistinct). The
// label of a class and the status are never cut: they are what a row is
// read for. The picker leaves out the region (list false): its preview
// line shows it.
func fitRows(rows []listRow, width int, list bool) (table [][]string, note string) {
	// The columns before the chain, and after it.
	var before, after []listColumn
	if slices.ContainsFunc(rows, func(r listRow) bool { return r.label != "" }) {
		before = append(before, labelColumn)
	}
	before = append(before, kindColumn)
	if list {
		after = append(after, regionColumn)
	}
	after = append(after, statusColumn)
	nameW, chainFull := 0, 0
	for _, r := range rows {
		nameW = max(nameW, termtext.Width(r.name))
		chainFull = max(chainFull, termtext.Width(chainCell(r.sources, 0, false)))
	}
	columnW := map[string]int{} // the width of each column but the name's and the chain's
	for _, c := range slices.Concat(before, after) {
		columnW[c.header] = termtext.Width(c.header)
		for _, r := range rows {
			columnW[c.header] = max(columnW[c.header], termtext.Width(c.cell(r)))
		}
	}
	restW := func() int { // those columns left, each with its gap
		w := 0
		for _, c := range slices.Concat(before, after) {
			w += columnW[c.header] + 2
		}
		return w
	}
	// The room left for the chain, with the names whole.
	chainRoom := func() int { return width - (2 + nameW + 2) - restW() }
	if width > 0 && list && chainRoom() < chainFull && len(rows) > 1 {
		var same []string
		uniform := func(c listColumn) bool {
			if c.header == labelColumn.header || c.header == statusColumn.header {
				return false
			}
			for _, r := range rows[1:] {
				if c.cell(r) != c.cell(rows[0]) {
					return false
				}
			}
			same = append(same, strings.ToLower(c.header)+" "+c.cell(rows[0]))
			return true
		}
		before, after = slices.DeleteFunc(before, uniform), slices.DeleteFunc(after, uniform)
		if len(same) > 0 {
			note = "every profile: " + strings.Join(same, ", ")
		}
	}
	room, short := chainFull, false
	if width > 0 && chainRoom() < chainFull {
		room = max(1, chainRoom()) // 0 would be no limit
		short = chainWidest(rows, room, false) > room
		room = max(room, chainWidest(rows, room, short))
	}
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.name
	}
	if width > 0 {
		names = termtext.CutDistinct(names, max(minNameColumn, width-2-2-room-restW()))
	}
	header := []string{"  NAME"}
	for _, c := range before {
		header = append(header, c.header)
	}
	header = append(header, "CHAIN")
	for _, c := range after {
		header = append(header, c.header)
	}
	table = [][]string{header}
	for i, r := range rows {
		cells := []string{r.mark + " " + names[i]}
		for _, c := range before {
			cells = append(cells, c.cell(r))
		}
		cells = append(cells, chainCell(r.sources, room, short))
		for _, c := range after {
			cells = append(cells, c.cell(r))
		}
		table = append(table, cells)
	}
	return table, note
}

// chainCell is the chain column of a row: "← identity ← sso", or when
// that is wider than room (0: no limit), the next hop, "←…←" and the
// Primary, or "← … ← " and the Primary; the Primary in its short form on
// every row when short.
func chainCell(sources []string, room int, short bool) string {
	if len(sources) == 0 {
		return "-"
	}
	full := "← " + strings.Join(sources, prompt.Hop)
	if room <= 0 || termtext.Width(full) <= room {
		return full
	}
	primary := sources[len(sources)-1]
	if short {
		primary = prompt.Short(primary)
	}
	if len(sources) == 1 {
		return "← " + primary
	}
	if s := "← " + sources[0] + prompt.Hops + primary; len(sources) > 2 && termtext.Width(s) <= room {
		return s // the next hop stays where it fits
	}
	return "← …" + prompt.Hop + primary
}

// chainWidest is the widest chain cell of rows in room.
func chainWidest(rows []listRow, room int, short bool) int {
	w := 0
	for _, r := range rows {
		w = max(w, termtext.Width(chainCell(r.sources, room, short)))
	}
	return w
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

// leftText is prompt.Session in its colour; a session the AWS CLI
// renews by itself is marked ↻ while it has time left (renewsLegend).
func (a *app) leftText(d time.Duration, refreshable bool, st style) string {
	text, state := prompt.Session(d, refreshable)
	if refreshable && d > 0 {
		text += " ↻"
	}
	return [...]func(string) string{prompt.OK: st.green, prompt.Soon: st.yellow, prompt.Expired: st.red}[state](text)
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

func (a *app) writeJSON(v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return failf(exitUsage, "writing JSON: %v", err)
	}
	a.stdout.Write(termtext.JSON(b))
	fmt.Fprintln(a.stdout)
	return nil
}

// writeJSONArray writes n elements as an indented JSON array one element
// at a time, the same text as json.Encoder with SetIndent("", "  ")
// without building the whole array and indenting it again.
func (a *app) writeJSONArray(n int, elem func(int) any) error {
	if n == 0 {
		fmt.Fprintln(a.stdout, "[]")
		return nil
	}
	fmt.Fprint(a.stdout, "[")
	for i := 0; i < n; i++ {
		b, err := json.MarshalIndent(elem(i), "  ", "  ")
		if err != nil {
			return failf(exitUsage, "writing JSON: %v", err)
		}
		if i > 0 {
			fmt.Fprint(a.stdout, ",")
		}
		fmt.Fprint(a.stdout, "\n  ")
		a.stdout.Write(termtext.JSON(b))
	}
	fmt.Fprintln(a.stdout, "\n]")
	return nil
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

package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/awsp-dev/awsp/internal/kube"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/prompt"
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
	Expires        *string  `json:"expires"`
	Refreshable    bool     `json:"refreshable"`
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
		d.session = c.SessionExpiry(p, a.env)
	}
	d.warnings = c.Warnings(d.chain, ignore)
	return d
}

func (a *app) list() int {
	c, ignore, code := a.loadWithIgnores()
	if code != exitOK {
		return code
	}
	active, wanted := a.activeProfile(), a.wantedHere()
	k := a.kube()
	entries := []profileJSON{}
	var chains []profiles.Chain
	for _, name := range c.Names() {
		d := a.describe(c, name, ignore)
		e := listEntry(c.Profiles[name], d, a.opts.json)
		e.Active = name == active
		e.KubeContexts = k.ContextsUsing(name)
		e.WantedHere = name == wanted
		entries, chains = append(entries, e), append(chains, d.chain)
	}
	if a.opts.json {
		return a.writeJSONArray(len(entries), func(i int) any { return entries[i] })
	}
	rows := [][]string{{"  NAME", "KIND", "CHAIN", "REGION", "STATUS"}}
	renews := false
	for i, e := range entries {
		mark := listMark(e.Active, e.WantedHere)
		region := "-"
		if e.Region != nil {
			region = *e.Region
		}
		rows = append(rows, []string{mark + " " + clean(e.Name), e.Kind, chainText(chains[i]), clean(region), a.statusText(e, a.outStyle)})
		renews = renews || e.Refreshable
	}
	a.table(rows)
	if renews {
		fmt.Fprintln(a.stdout, a.outStyle.dim(renewsLegend))
	}
	return exitOK
}

// renewsLegend explains ↻ and "renews on use" wherever they are shown.
const renewsLegend = "↻ the AWS CLI renews this session by itself (refresh token); \"renews on use\": at the next call"

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
	if err := d.chain.Err; err != nil {
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

func timeJSON(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

// chainText is a chain for a person: every profile of a short one; of a
// long one the first few, how many more, and the Primary, so that a row
// stays a row and listing a config never walks every chain to its end.
func chainText(ch profiles.Chain) string {
	const shown = 4 // hops before the Primary
	var names []string
	for i, h := range ch.Hops() {
		if i == shown && ch.Len() > shown+2 { // "… 1 more" would hide nothing
			names = append(names, fmt.Sprintf("… %d more", ch.Len()-shown-1), clean(ch.Primary().Profile.Name))
			break
		}
		names = append(names, clean(h.Profile.Name))
	}
	return strings.Join(names, " ← ")
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

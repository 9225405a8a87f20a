package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/termtext"
)

// hopJSON is one hop of awsp --show --json.
type hopJSON struct {
	Name           string  `json:"name"`
	Kind           string  `json:"kind"`
	RoleARN        *string `json:"role_arn"`
	MFASerial      *string `json:"mfa_serial"`
	ExternalID     *string `json:"external_id"`
	CredentialType *string `json:"credential_type"`
	// Expires: for a hop that assumes a role from its source, when the
	// role credentials the AWS CLI cached run out; for the Primary, its
	// session.
	Expires       *string `json:"expires"`
	ExpiresSource *string `json:"expires_source"`
	// RoleExpires: a Primary that also assumes a role (credential_source,
	// or its own keys) has both; RoleExpiresSource is the file it was
	// read from.
	RoleExpires       *string `json:"role_expires,omitempty"`
	RoleExpiresSource *string `json:"role_expires_source,omitempty"`
	Refreshable       bool    `json:"refreshable,omitempty"`
	RenewsUntil       *string `json:"renews_until,omitempty"`
	LoggedOut         bool    `json:"logged_out,omitempty"`
}

type showJSON struct {
	Name      string    `json:"name"`
	Kind      *string   `json:"kind"`
	Error     *string   `json:"error"`
	ErrorCode *string   `json:"error_code"`
	Warnings  []string  `json:"warnings"`
	Chain     []hopJSON `json:"chain"`
	// Login is the command that renews the Primary's session.
	Login *string `json:"login"`
	// EnvironmentOverride: keys in the environment are the identity of
	// the next call, not this profile (EnvironmentIdentity says whose).
	EnvironmentOverride bool `json:"environment_override"`
	// EnvironmentIdentity is what another tool put in the environment.
	EnvironmentIdentity *identityJSON `json:"environment_identity"`
	// KubeContexts are the kube contexts whose AWS plugin uses the profile.
	KubeContexts []string `json:"kube_contexts"`
	// findings are the warnings in full, for the text.
	findings []profiles.Finding
}

// identityJSON is an identity in the environment (profiles.EnvIdentity).
type identityJSON struct {
	Tool          *string `json:"tool"`
	Name          *string `json:"name"`
	Container     bool    `json:"container"`
	Expires       *string `json:"expires"`
	ExpiresSource *string `json:"expires_source"`
	Shadowed      *string `json:"shadowed_profile"`
}

func (a *app) show() error {
	c, set, err := a.loadWithSettings()
	if err != nil {
		return err
	}
	ignore := set.Ignore
	name := a.activeProfile()
	id, fromEnv := profiles.EnvironmentIdentity(a.env)
	if len(a.opts.names) > 0 {
		name, fromEnv = a.opts.names[0], false
	} else if fromEnv {
		// The profile the tool says its keys are for, where the files
		// have it: its chain is what the tool assumed.
		name = id.Name
		if c.Profiles[name] == nil {
			return a.showIdentity(id, showJSON{Name: id.Label(), Warnings: []string{}, Chain: []hopJSON{}, KubeContexts: []string{}})
		}
	} else if name == "" {
		name = "default" // what the AWS CLI uses when nothing is set
		if c.Profiles[name] == nil {
			return failf(exitFindings, "no active profile: AWS_PROFILE is not set and there is no [default]")
		}
	}
	if c.Profiles[name] == nil {
		return a.notFound(c, name)
	}
	d := a.describe(c, name, ignore)
	out := showJSON{Name: name, Warnings: d.warnings, Chain: []hopJSON{}, KubeContexts: a.kube().ContextsUsing(name)}
	for i, h := range d.chain.Hops() {
		out.findings = append(out.findings, c.HopWarnings(d.chain, h, i == 0, ignore)...)
	}
	out.EnvironmentOverride = name == a.activeProfile() && profiles.EnvironmentCredentials(a.env)
	if fromEnv {
		return a.showIdentity(id, a.showChain(c, name, d, out))
	}
	out = a.showChain(c, name, d, out)
	if a.opts.json {
		a.writeJSON(out)
	} else {
		a.showText(out)
	}
	if out.Error != nil {
		return quiet(exitFindings)
	}
	return nil
}

// showIdentity shows an identity in the environment and, when the files
// have the profile it is for, that profile's chain.
func (a *app) showIdentity(id profiles.EnvIdentity, out showJSON) error {
	ij := &identityJSON{Container: id.Container, Expires: timeJSON(id.Expiry.At)}
	for _, f := range []struct {
		v string
		p **string
	}{{id.Tool, &ij.Tool}, {id.Name, &ij.Name}, {id.Expiry.Source, &ij.ExpiresSource}, {id.Shadowed, &ij.Shadowed}} {
		if f.v != "" {
			v := f.v
			*f.p = &v
		}
	}
	out.EnvironmentIdentity = ij
	if a.opts.json {
		return a.writeJSON(out)
	}
	fmt.Fprintf(a.stdout, "%s\n", a.outStyle.bold(clean(id.Label())))
	fmt.Fprintf(a.stdout, "%s\n", a.identityText(id))
	if len(out.Chain) > 0 {
		fmt.Fprintf(a.stdout, "\nthe profile %s in the files:\n", clean(out.Name))
		out.EnvironmentOverride = false // said above
		a.showText(out)
	}
	return nil
}

// showChain fills out with the chain of name, hop by hop.
func (a *app) showChain(c *profiles.Config, name string, d described, out showJSON) showJSON {
	if err := d.chain.Err; err != nil && !d.chain.SettingsOnly() {
		out.Error, out.ErrorCode = &err.Msg, &err.Code
	}
	for i, h := range d.chain.Hops() {
		kind := string(h.Kind)
		if i == 0 {
			out.Kind = &kind
		}
		hj := hopJSON{Name: h.Profile.Name, Kind: kind}
		if h.Role != nil {
			hj.RoleARN, hj.MFASerial, hj.ExternalID = &h.Role.RoleARN, h.Role.MFASerial, h.Role.ExternalID
		}
		if i == d.chain.Len()-1 {
			if d.chain.Err == nil || d.chain.SettingsOnly() {
				ct := string(h.Credentials)
				hj.CredentialType = &ct
			}
			s := d.session
			hj.Expires, hj.Refreshable, hj.LoggedOut = timeJSON(s.At), s.Refreshable, s.LoggedOut
			hj.RenewsUntil = timeJSON(s.RenewsUntil)
			if s.Source != "" {
				hj.ExpiresSource = &s.Source
			}
			if r := c.RoleExpiry(h.Role); h.Role != nil {
				hj.RoleExpires = timeJSON(r.At)
				if r.Source != "" {
					hj.RoleExpiresSource = &r.Source
				}
			}
			out.Login = a.loginCommand(c, h, s)
		} else {
			r := c.RoleExpiry(h.Role)
			hj.Expires = timeJSON(r.At)
			if r.Source != "" {
				hj.ExpiresSource = &r.Source
			}
		}
		out.Chain = append(out.Chain, hj)
	}
	return out
}

// loginCommand is profiles.LoginArgs as a person types it.
func (a *app) loginCommand(c *profiles.Config, h *profiles.Hop, s profiles.Expiry) *string {
	args, needed := c.LoginArgs(h, s, a.now())
	if !needed {
		return nil
	}
	cmd := c.LoginAdvice(h)
	if len(args) > 0 {
		cmd = a.loginText(args)
	}
	return &cmd
}

func (a *app) showText(out showJSON) {
	st := a.outStyle
	kind := ""
	if out.Kind != nil {
		kind = " (" + *out.Kind + ")"
	}
	width := a.columns()
	names := make([]string, len(out.Chain))
	for i, h := range out.Chain {
		names[i] = clean(h.Name)
	}
	// The name, then the chain; on a narrow terminal the chain on lines
	// of its own, broken at hops.
	head := st.bold(clean(out.Name)) + kind
	if chain := strings.Join(names, prompt.Hop); width <= 0 || termtext.Width(head)+2+termtext.Width(chain) <= width {
		fmt.Fprintf(a.stdout, "%s  %s\n", head, chain)
	} else {
		fmt.Fprintln(a.stdout, head)
		for _, line := range wrap(names, prompt.Hop, "  ← ", width) {
			fmt.Fprintln(a.stdout, line)
		}
	}
	rows := [][]string{{"PROFILE", "GETS CREDENTIALS", "MFA", "EXPIRES"}}
	for _, h := range out.Chain {
		how := "-"
		switch {
		case h.RoleARN != nil && h.CredentialType != nil:
			how = *h.CredentialType + ", then assumes " + clean(*h.RoleARN)
		case h.RoleARN != nil:
			how = "assumes " + clean(*h.RoleARN)
		case h.CredentialType != nil:
			how = *h.CredentialType
		}
		mfa := "-"
		if h.MFASerial != nil {
			mfa = clean(*h.MFASerial)
		}
		rows = append(rows, []string{clean(h.Name), how, mfa, a.expiryText(h)})
	}
	a.hopTable(rows, width)
	say := func(text string) { // a line of prose, wrapped at the terminal's width
		for _, line := range termtext.Wrap(text, width) {
			fmt.Fprintln(a.stdout, line)
		}
	}
	if n := len(out.Chain); n > 0 && out.Chain[n-1].Refreshable {
		last := out.Chain[n-1]
		until := ""
		if last.RenewsUntil != nil {
			until = " (it can until " + *last.RenewsUntil + ", when the client registration ends)"
		}
		say(st.dim("the AWS CLI renews the session of " + clean(last.Name) + " by itself with its refresh token" + until))
	}
	if id, ok := profiles.EnvironmentIdentity(a.env); ok && out.EnvironmentOverride {
		say(st.yellow(a.identityText(id)))
	}
	if out.Error != nil {
		say(st.red("error: "+*out.ErrorCode+":") + " " + clean(*out.Error))
	}
	if n := len(out.Chain); n == 1 && out.Error == nil && out.Chain[0].CredentialType != nil && *out.Chain[0].CredentialType == string(profiles.NoCredentials) {
		say(st.dim(profiles.SettingsOnlyText))
	}
	for _, f := range out.findings {
		say(st.yellow("warning: "+f.Code+":") + " " + clean(f.Message))
	}
	if out.Login != nil {
		how := "log in"
		if n := len(out.Chain); n > 0 && out.Chain[n-1].Refreshable && !out.Chain[n-1].LoggedOut {
			how = "if renewing fails, log in"
		}
		say(how + ": " + clean(*out.Login))
	}
	if len(out.KubeContexts) > 0 {
		for i := range out.KubeContexts {
			out.KubeContexts[i] = clean(out.KubeContexts[i])
		}
		say("kube contexts: " + strings.Join(out.KubeContexts, ", "))
	}
}

// hopTable prints the hops of -s as a table, or where the terminal is
// too narrow for one, as a block a hop: the name, then what it does,
// indented.
func (a *app) hopTable(rows [][]string, width int) {
	lines := termtext.Table(rows, a.outStyle.bold)
	if width <= 0 || slices.IndexFunc(lines, func(l string) bool { return termtext.Width(l) > width }) < 0 {
		for _, line := range lines {
			fmt.Fprintln(a.stdout, line)
		}
		return
	}
	for _, r := range rows[1:] {
		fmt.Fprintln(a.stdout, a.outStyle.bold(r[0]))
		for i, label := range []string{"", "MFA ", "expires: "} {
			if v := r[i+1]; v != "-" && v != a.outStyle.dim("-") {
				for _, line := range termtext.Wrap(label+v, width-2) {
					fmt.Fprintln(a.stdout, "  "+line)
				}
			}
		}
	}
}

func (a *app) expiryText(h hopJSON) string {
	switch {
	case h.LoggedOut:
		return a.outStyle.red("logged out")
	case h.Expires != nil:
		return a.statusText(profileJSON{Expires: h.Expires, Refreshable: h.Refreshable}, a.outStyle)
	case h.RoleARN != nil && h.CredentialType == nil:
		return a.outStyle.dim("not cached")
	}
	return a.outStyle.dim("-")
}

// notFound says a profile does not exist and names the closest ones.
func (a *app) notFound(c *profiles.Config, name string) error {
	msg := fmt.Sprintf("no profile %q in %s or %s", clean(name), a.tilde(c.Paths.Config), a.tilde(c.Paths.Credentials))
	if near := profiles.Closest(name, c.Names(), 3); len(near) > 0 {
		for i := range near {
			near[i] = clean(near[i])
		}
		msg += "; did you mean " + strings.Join(near, ", ") + "?"
	}
	return failf(exitFindings, "%s", msg)
}

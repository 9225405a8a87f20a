package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/settings"
	"github.com/awsp-dev/awsp/internal/termtext"
	"github.com/awsp-dev/awsp/internal/view"
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

// shown is what -s says of one profile, built once and rendered as JSON
// (showJSON) or text.
type shown struct {
	view.Profile
	hops     []shownHop
	findings []profiles.Finding // the warnings in full, for the text
	login    *string            // the command that renews the Primary's session
	// override: keys in the environment are the identity of the next
	// call, not this profile.
	override bool
	kube     []string // the kube contexts whose AWS plugin uses it
}

// shownHop is one hop of the chain and when its credentials run out.
type shownHop struct {
	*profiles.Hop
	// credentials: what the Primary gets its credentials from; "" on
	// the other hops and for a broken chain.
	credentials profiles.CredentialType
	// expires: for a hop that assumes a role from its source, when the
	// role credentials the AWS CLI cached run out; for the Primary, its
	// session (view.Profile.Session). roleExpires: a Primary that also
	// assumes a role (credential_source, or its own keys) has both.
	expires, roleExpires profiles.Expiry
}

func (a *app) show() error {
	c, set, err := a.loadWithSettings()
	if err != nil {
		return err
	}
	name := a.activeProfile()
	id, fromEnv := profiles.EnvironmentIdentity(a.env)
	if len(a.opts.Names) > 0 {
		name, fromEnv = a.opts.Names[0], false
	} else if fromEnv {
		// The profile the tool says its keys are for, where the files
		// have it: its chain is what the tool assumed.
		name = id.Name
		if c.Profiles[name] == nil {
			return a.showIdentity(id, nil)
		}
	} else if name == "" {
		name = "default" // what the AWS CLI uses when nothing is set
		if c.Profiles[name] == nil {
			return failf(cli.ExitFindings, "no active profile: AWS_PROFILE is not set and there is no [default]")
		}
	}
	if c.Profiles[name] == nil {
		return a.notFound(c, name)
	}
	s := a.describeHops(c, set, name)
	if fromEnv {
		return a.showIdentity(id, s)
	}
	if a.opts.JSON {
		if err := view.WriteJSON(a.stdout, s.json()); err != nil {
			return err
		}
	} else {
		a.showText(s)
	}
	if s.Broken() {
		return quiet(cli.ExitFindings)
	}
	return nil
}

// describeHops is the profile name as -s shows it.
func (a *app) describeHops(c *profiles.Config, set *settings.File, name string) *shown {
	s := &shown{Profile: view.NewDescriber(c, set, a.env).Describe(name), kube: a.kube().ContextsUsing(name)}
	s.override = name == a.activeProfile() && profiles.EnvironmentCredentials(a.env)
	ch := s.Chain
	for i, h := range ch.Hops() {
		s.findings = append(s.findings, c.HopWarnings(ch, h, i == 0, set.Ignore)...)
		sh := shownHop{Hop: h, expires: awsfiles.RoleExpiry(c, h.Role)}
		if i == ch.Len()-1 {
			if ch.Err == nil || ch.SettingsOnly() {
				sh.credentials = h.Credentials
			}
			sh.expires, sh.roleExpires = s.Session, sh.expires
			s.login = a.loginCommand(c, h, s.Session)
		}
		s.hops = append(s.hops, sh)
	}
	return s
}

// json is -s --json.
func (s *shown) json() showJSON {
	out := showJSON{Name: s.Name, Warnings: s.Warnings, Chain: []hopJSON{}, KubeContexts: s.kube, Login: s.login, EnvironmentOverride: s.override}
	if out.KubeContexts == nil {
		out.KubeContexts = []string{}
	}
	if err := s.Chain.Err; err != nil && !s.Chain.SettingsOnly() {
		out.Error, out.ErrorCode = &err.Msg, &err.Code
	}
	for i, h := range s.hops {
		kind := string(h.Kind)
		if i == 0 {
			out.Kind = &kind
		}
		hj := hopJSON{Name: h.Profile.Name, Kind: kind, Expires: view.TimeJSON(h.expires.At), ExpiresSource: nonEmpty(h.expires.Source)}
		if h.Role != nil {
			hj.RoleARN, hj.MFASerial, hj.ExternalID = &h.Role.RoleARN, h.Role.MFASerial, h.Role.ExternalID
		}
		if h.credentials != "" {
			hj.CredentialType = nonEmpty(string(h.credentials))
		}
		if i == len(s.hops)-1 {
			e := h.expires
			hj.Refreshable, hj.LoggedOut, hj.RenewsUntil = e.Refreshable, e.LoggedOut, view.TimeJSON(e.RenewsUntil)
			if h.Role != nil {
				hj.RoleExpires, hj.RoleExpiresSource = view.TimeJSON(h.roleExpires.At), nonEmpty(h.roleExpires.Source)
			}
		}
		out.Chain = append(out.Chain, hj)
	}
	return out
}

// nonEmpty is s, or nil for "": JSON's null for what the files do not say.
func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// showIdentity shows an identity in the environment and, when the files
// have the profile it is for (s), that profile's chain.
func (a *app) showIdentity(id profiles.EnvIdentity, s *shown) error {
	if a.opts.JSON {
		out := showJSON{Name: id.Label(), Warnings: []string{}, Chain: []hopJSON{}, KubeContexts: []string{}}
		if s != nil {
			out = s.json()
		}
		out.EnvironmentIdentity = &identityJSON{Container: id.Container, Expires: view.TimeJSON(id.Expiry.At),
			Tool: nonEmpty(id.Tool), Name: nonEmpty(id.Name), ExpiresSource: nonEmpty(id.Expiry.Source), Shadowed: nonEmpty(id.Shadowed)}
		return view.WriteJSON(a.stdout, out)
	}
	fmt.Fprintf(a.stdout, "%s\n", a.outStyle.Bold(clean(id.Label())))
	fmt.Fprintf(a.stdout, "%s\n", a.identityText(id))
	if s != nil {
		fmt.Fprintf(a.stdout, "\nthe profile %s in the files:\n", clean(s.Name))
		s.override = false // said above
		a.showText(s)
	}
	return nil
}

// loginCommand is profiles.LoginArgs as a person types it.
func (a *app) loginCommand(c *profiles.Config, h *profiles.Hop, s profiles.Expiry) *string {
	args, needed := c.LoginArgs(h, s, a.now())
	if !needed {
		return nil
	}
	cmd := view.LoginAdvice(c, h)
	if len(args) > 0 {
		cmd = a.loginText(args)
	}
	return &cmd
}

func (a *app) showText(s *shown) {
	st := a.outStyle
	kind := ""
	if len(s.hops) > 0 {
		kind = " (" + string(s.Kind()) + ")"
	}
	width := a.columns()
	names := make([]string, len(s.hops))
	for i, h := range s.hops {
		names[i] = clean(h.Profile.Name)
	}
	// The name, then the chain; on a narrow terminal the chain on lines
	// of its own, broken at hops.
	head := st.Bold(clean(s.Name)) + kind
	if chain := strings.Join(names, prompt.Hop); width <= 0 || termtext.Width(head)+2+termtext.Width(chain) <= width {
		fmt.Fprintf(a.stdout, "%s  %s\n", head, chain)
	} else {
		fmt.Fprintln(a.stdout, head)
		for _, line := range view.Wrap(names, prompt.Hop, "  ← ", width) {
			fmt.Fprintln(a.stdout, line)
		}
	}
	rows := [][]string{{"PROFILE", "GETS CREDENTIALS", "MFA", "EXPIRES"}}
	for _, h := range s.hops {
		how := "-"
		switch {
		case h.Role != nil && h.credentials != "":
			how = string(h.credentials) + ", then assumes " + clean(h.Role.RoleARN)
		case h.Role != nil:
			how = "assumes " + clean(h.Role.RoleARN)
		case h.credentials != "":
			how = string(h.credentials)
		}
		mfa := "-"
		if h.Role != nil && h.Role.MFASerial != nil {
			mfa = clean(*h.Role.MFASerial)
		}
		rows = append(rows, []string{clean(h.Profile.Name), how, mfa, a.expiryText(h)})
	}
	a.hopTable(rows, width)
	say := func(text string) { // a line of prose, wrapped at the terminal's width
		for _, line := range termtext.Wrap(text, width) {
			fmt.Fprintln(a.stdout, line)
		}
	}
	session := s.Session
	if session.Refreshable {
		until := ""
		if t := view.TimeJSON(session.RenewsUntil); t != nil {
			until = " (it can until " + *t + ", when the client registration ends)"
		}
		say(st.Dim("the AWS CLI renews the session of " + clean(s.Chain.Primary().Profile.Name) + " by itself with its refresh token" + until))
	}
	if id, ok := profiles.EnvironmentIdentity(a.env); ok && s.override {
		say(st.Yellow(a.identityText(id)))
	}
	if err := s.Chain.Err; err != nil && !s.Chain.SettingsOnly() {
		say(st.Red("error: "+err.Code+":") + " " + clean(err.Msg))
	}
	if len(s.hops) == 1 && s.hops[0].credentials == profiles.NoCredentials {
		say(st.Dim(view.SettingsOnlyText))
	}
	for _, f := range s.findings {
		say(st.Yellow("warning: "+f.Code+":") + " " + clean(f.Message))
	}
	if s.login != nil {
		how := "log in"
		if session.Refreshable && !session.LoggedOut {
			how = "if renewing fails, log in"
		}
		say(how + ": " + clean(*s.login))
	}
	if len(s.kube) > 0 {
		names := make([]string, len(s.kube))
		for i, k := range s.kube {
			names[i] = clean(k)
		}
		say("kube contexts: " + strings.Join(names, ", "))
	}
}

// hopTable prints the hops of -s as a table, or where the terminal is
// too narrow for one, as a block a hop: the name, then what it does,
// indented.
func (a *app) hopTable(rows [][]string, width int) {
	lines := termtext.Table(rows, a.outStyle.Bold)
	if width <= 0 || slices.IndexFunc(lines, func(l string) bool { return termtext.Width(l) > width }) < 0 {
		for _, line := range lines {
			fmt.Fprintln(a.stdout, line)
		}
		return
	}
	for _, r := range rows[1:] {
		fmt.Fprintln(a.stdout, a.outStyle.Bold(r[0]))
		for i, label := range []string{"", "MFA ", "expires: "} {
			if v := r[i+1]; v != "-" && v != a.outStyle.Dim("-") {
				for _, line := range termtext.Wrap(label+v, width-2) {
					fmt.Fprintln(a.stdout, "  "+line)
				}
			}
		}
	}
}

func (a *app) expiryText(h shownHop) string {
	switch e := h.expires; {
	case e.LoggedOut:
		return a.outStyle.Red("logged out")
	case e.Known():
		return view.Left(e.At.Sub(a.now()), e.Refreshable, a.outStyle)
	case h.Role != nil && h.credentials == "":
		return a.outStyle.Dim("not cached")
	}
	return a.outStyle.Dim("-")
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
	return failf(cli.ExitFindings, "%s", msg)
}

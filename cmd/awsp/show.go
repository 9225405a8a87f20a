package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/termtext"
	"github.com/awsp-dev/awsp/internal/view"
)

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
	s := view.Show(c, set, a.env, name, a.now(), a.kube().ContextsUsing(name))
	if fromEnv {
		return a.showIdentity(id, s)
	}
	if a.opts.JSON {
		if err := view.WriteJSON(a.stdout, s.JSON()); err != nil {
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

// showIdentity shows an identity in the environment and, when the files
// have the profile it is for (s), that profile's chain.
func (a *app) showIdentity(id profiles.EnvIdentity, s *view.Shown) error {
	if a.opts.JSON {
		out := view.ShowJSON{Name: id.Label(), Warnings: []string{}, Chain: []view.HopJSON{}, KubeContexts: []string{}}
		if s != nil {
			out = s.JSON()
		}
		out.EnvironmentIdentity = &view.IdentityJSON{Container: id.Container, Expires: view.TimeJSON(id.Expiry.At),
			Tool: view.NonEmpty(id.Tool), Name: view.NonEmpty(id.Name), ExpiresSource: view.NonEmpty(id.Expiry.Source), Shadowed: view.NonEmpty(id.Shadowed)}
		return view.WriteJSON(a.stdout, out)
	}
	fmt.Fprintf(a.stdout, "%s\n", a.outStyle.Bold(clean(id.Label())))
	fmt.Fprintf(a.stdout, "%s\n", view.IdentityText(id, a.now()))
	if s != nil {
		fmt.Fprintf(a.stdout, "\nthe profile %s in the files:\n", clean(s.Name))
		s.Override = false // said above
		a.showText(s)
	}
	return nil
}

func (a *app) showText(s *view.Shown) {
	st := a.outStyle
	kind := ""
	if len(s.Hops) > 0 {
		kind = " (" + string(s.Kind()) + ")"
	}
	width := a.columns()
	names := make([]string, len(s.Hops))
	for i, h := range s.Hops {
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
	for _, h := range s.Hops {
		how := "-"
		switch {
		case h.Role != nil && h.Credentials != "":
			how = string(h.Credentials) + ", then assumes " + clean(h.Role.RoleARN)
		case h.Role != nil:
			how = "assumes " + clean(h.Role.RoleARN)
		case h.Credentials != "":
			how = string(h.Credentials)
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
	if id, ok := profiles.EnvironmentIdentity(a.env); ok && s.Override {
		say(st.Yellow(view.IdentityText(id, a.now())))
	}
	if err := s.Chain.Err; err != nil && !s.Chain.SettingsOnly() {
		say(st.Red("error: "+err.Code+":") + " " + clean(err.Msg))
	}
	if len(s.Hops) == 1 && s.Hops[0].Credentials == profiles.NoCredentials {
		say(st.Dim(view.SettingsOnlyText))
	}
	for _, f := range s.Findings {
		say(st.Yellow("warning: "+f.Code+":") + " " + clean(f.Message))
	}
	if s.Login != nil {
		how := "log in"
		if session.Refreshable && !session.LoggedOut {
			how = "if renewing fails, log in"
		}
		say(how + ": " + clean(*s.Login))
	}
	if len(s.Kube) > 0 {
		names := make([]string, len(s.Kube))
		for i, k := range s.Kube {
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

func (a *app) expiryText(h view.ShownHop) string {
	switch e := h.Expires; {
	case e.LoggedOut:
		return a.outStyle.Red("logged out")
	case e.Known():
		return view.Left(e.At.Sub(a.now()), e.Refreshable, a.outStyle)
	case h.Role != nil && h.Credentials == "":
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

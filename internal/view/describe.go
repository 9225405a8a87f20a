package view

import (
	"strings"
	"time"

	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/settings"
	"github.com/awsp-dev/awsp/internal/summary"
	"github.com/awsp-dev/awsp/internal/termtext"
)

// A Profile is a profile's summary and its Primary's session: all that
// -l, -s and the picker say of it.
type Profile struct {
	summary.Profile
	Session profiles.Expiry // the Primary's; zero when the chain reaches none
}

// A Describer describes the profiles of one config for one run. Each
// session is read once, however many profiles share it
// (awsfiles.Sessions). It is not safe for concurrent use.
type Describer struct {
	summaries *summary.Summarizer
	sessions  *awsfiles.Sessions
}

// NewDescriber describes the profiles of c with awsp's config set.
func NewDescriber(c *profiles.Config, set *settings.File, env environ.Environ) *Describer {
	return &Describer{summaries: summary.New(c, set), sessions: awsfiles.NewSessions(c, env)}
}

// Describe is the profile name, described.
func (d *Describer) Describe(name string) Profile {
	p := Profile{Profile: d.summaries.Of(name)}
	if pr := p.Chain.Primary(); pr != nil && p.Profile.Profile != nil {
		p.Session = d.sessions.Of(pr)
	}
	return p
}

// CredentialType is what the Primary gets its credentials from;
// profiles.NoCredentials for a broken chain or one of settings only.
func (p Profile) CredentialType() profiles.CredentialType {
	if pr := p.Chain.Primary(); pr != nil && p.Chain.Err == nil {
		return pr.Credentials
	}
	return profiles.NoCredentials
}

// Kind is Primary or Derived, as the first hop is.
func (p Profile) Kind() profiles.Kind {
	if h := p.Chain.First(); h != nil {
		return h.Kind
	}
	return profiles.Primary
}

// Status is what -l and the picker say in their last column: what is
// wrong, or the time left, then the warnings.
func (p Profile) Status(now time.Time, st Style) string {
	var s string
	switch {
	case p.Chain.Err != nil && !p.Chain.SettingsOnly():
		s = st.Red("✗ " + p.Chain.Err.Code)
	case p.Session.LoggedOut:
		s = st.Red("logged out")
	case p.Session.Known():
		s = Left(p.Session.At.Sub(now), p.Session.Refreshable, st)
	case p.CredentialType() == profiles.NoCredentials:
		s = st.Dim("settings only")
	default:
		s = st.Dim("-")
	}
	for _, w := range p.Warnings {
		s += " " + st.Yellow("⚠ "+w)
	}
	return s
}

// Left is prompt.Session in its colour; a session the AWS CLI renews by
// itself is marked ↻ while it has time left (RenewsLegend).
func Left(d time.Duration, refreshable bool, st Style) string {
	text, state := prompt.Session(d, refreshable)
	if refreshable && d > 0 {
		text += " ↻"
	}
	return [...]func(string) string{prompt.OK: st.Green, prompt.Soon: st.Yellow, prompt.Expired: st.Red}[state](text)
}

// RenewsLegend explains ↻ and "renews on use" wherever they are shown.
const RenewsLegend = "↻ the AWS CLI renews it by itself; \"renews on use\": at the next call"

// Row is the profile as a row of -l or the picker, marked mark.
func (p Profile) Row(mark string, now time.Time, st Style) Row {
	region := "-"
	if r := p.Region(); r != "" {
		region = termtext.Clean(r)
	}
	r := Row{Mark: mark, Name: termtext.Clean(p.Name), Kind: string(p.Kind()), Sources: SourceNames(p.Chain), Region: region, Status: p.Status(now, st)}
	if c := p.Class; c != nil {
		if c.Colour != "" {
			r.Name = st.Colour(c.Colour, r.Name)
		}
		if c.Label != "" {
			r.Label = st.Colour(c.Colour+";1", termtext.Clean(c.Label))
		}
	}
	return r
}

// Description is what completion shows beside a name: the kind and
// chain of a Derived profile, what an SSO or other Primary gets its
// credentials from, a profile of settings alone, or what breaks the
// chain. It needs no session.
func Description(c *profiles.Config, s summary.Profile) string {
	ch := s.Chain
	switch {
	case s.Profile == nil:
		return "not in the files"
	case ch.SettingsOnly():
		return "settings only" // no error: the SDKs look elsewhere (SettingsOnlyText)
	case ch.Err != nil:
		return "broken: " + ch.Err.Code
	case ch.Len() > 1:
		return "derived ← " + prompt.FitChain(SourceNames(ch), prompt.SegmentWidth)
	}
	return termtext.Clean(PrimaryText(c, ch.Primary()))
}

// PrimaryText says in a few words what a Primary gets its credentials
// from: "sso 111111111111 Admin", "static keys".
func PrimaryText(c *profiles.Config, h *profiles.Hop) string {
	switch h.Credentials {
	case profiles.SSO:
		sso := c.SSO(h.Profile)
		return strings.TrimSpace("sso " + sso.AccountID + " " + sso.RoleName)
	case profiles.Static:
		return "static keys"
	case profiles.Process:
		return "credential_process"
	case profiles.CredentialSource:
		return "credential_source " + h.Profile.Text("credential_source")
	}
	return strings.ReplaceAll(string(h.Credentials), "_", " ")
}

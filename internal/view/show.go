package view

import (
	"strings"
	"time"

	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/settings"
	"github.com/awsp-dev/awsp/internal/shellcode"
)

// HopJSON is one hop of awsp --show --json.
type HopJSON struct {
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

type ShowJSON struct {
	Name      string    `json:"name"`
	Kind      *string   `json:"kind"`
	Error     *string   `json:"error"`
	ErrorCode *string   `json:"error_code"`
	Warnings  []string  `json:"warnings"`
	Chain     []HopJSON `json:"chain"`
	// Login is the command that renews the Primary's session.
	Login *string `json:"login"`
	// EnvironmentOverride: keys in the environment are the identity of
	// the next call, not this profile (EnvironmentIdentity says whose).
	EnvironmentOverride bool `json:"environment_override"`
	// EnvironmentIdentity is what another tool put in the environment.
	EnvironmentIdentity *IdentityJSON `json:"environment_identity"`
	// KubeContexts are the kube contexts whose AWS plugin uses the profile.
	KubeContexts []string `json:"kube_contexts"`
}

// IdentityJSON is an identity in the environment (profiles.EnvIdentity).
type IdentityJSON struct {
	Tool          *string `json:"tool"`
	Name          *string `json:"name"`
	Container     bool    `json:"container"`
	Expires       *string `json:"expires"`
	ExpiresSource *string `json:"expires_source"`
	Shadowed      *string `json:"shadowed_profile"`
}

// Shown is what -s says of one profile, built once and rendered as JSON
// (ShowJSON) or text.
type Shown struct {
	Profile
	Hops     []ShownHop
	Findings []profiles.Finding // the warnings in full, for the text
	Login    *string            // the command that renews the Primary's session
	// Override: keys in the environment are the identity of the next
	// call, not this profile.
	Override bool
	Kube     []string // the kube contexts whose AWS plugin uses it
}

// ShownHop is one hop of the chain and when its credentials run out.
type ShownHop struct {
	*profiles.Hop
	// credentials: what the Primary gets its credentials from; "" on
	// the other hops and for a broken chain.
	Credentials profiles.CredentialType
	// expires: for a hop that assumes a role from its source, when the
	// role credentials the AWS CLI cached run out; for the Primary, its
	// session (view.Profile.Session). roleExpires: a Primary that also
	// assumes a role (credential_source, or its own keys) has both.
	Expires, RoleExpires profiles.Expiry
}

// Show is the profile name as -s shows it at now, used by the kube
// contexts kube.
func Show(c *profiles.Config, set *settings.File, env environ.Environ, name string, now time.Time, kube []string) *Shown {
	s := &Shown{Profile: NewDescriber(c, set, env).Describe(name), Kube: kube}
	s.Override = name == profiles.ActiveProfile(env) && profiles.EnvironmentCredentials(env)
	ch := s.Chain
	for i, h := range ch.Hops() {
		s.Findings = append(s.Findings, c.HopWarnings(ch, h, i == 0, set.Ignore)...)
		sh := ShownHop{Hop: h, Expires: awsfiles.RoleExpiry(c, h.Role)}
		if i == ch.Len()-1 {
			if ch.Err == nil || ch.SettingsOnly() {
				sh.Credentials = h.Credentials
			}
			sh.Expires, sh.RoleExpires = s.Session, sh.Expires
			s.Login = LoginCommand(c, h, s.Session, now)
		}
		s.Hops = append(s.Hops, sh)
	}
	return s
}

// JSON is -s --json.
func (s *Shown) JSON() ShowJSON {
	out := ShowJSON{Name: s.Name, Warnings: s.Warnings, Chain: []HopJSON{}, KubeContexts: s.Kube, Login: s.Login, EnvironmentOverride: s.Override}
	if out.KubeContexts == nil {
		out.KubeContexts = []string{}
	}
	if err := s.Chain.Err; err != nil && !s.Chain.SettingsOnly() {
		out.Error, out.ErrorCode = &err.Msg, &err.Code
	}
	for i, h := range s.Hops {
		kind := string(h.Kind)
		if i == 0 {
			out.Kind = &kind
		}
		hj := HopJSON{Name: h.Profile.Name, Kind: kind, Expires: TimeJSON(h.Expires.At), ExpiresSource: NonEmpty(h.Expires.Source)}
		if h.Role != nil {
			hj.RoleARN, hj.MFASerial, hj.ExternalID = &h.Role.RoleARN, h.Role.MFASerial, h.Role.ExternalID
		}
		if h.Credentials != "" {
			hj.CredentialType = NonEmpty(string(h.Credentials))
		}
		if i == len(s.Hops)-1 {
			e := h.Expires
			hj.Refreshable, hj.LoggedOut, hj.RenewsUntil = e.Refreshable, e.LoggedOut, TimeJSON(e.RenewsUntil)
			if h.Role != nil {
				hj.RoleExpires, hj.RoleExpiresSource = TimeJSON(h.RoleExpires.At), NonEmpty(h.RoleExpires.Source)
			}
		}
		out.Chain = append(out.Chain, hj)
	}
	return out
}

// LoginCommand is profiles.LoginArgs as a person types it, or how else
// to renew the session (LoginAdvice); nil when it needs no renewing.
func LoginCommand(c *profiles.Config, h *profiles.Hop, s profiles.Expiry, now time.Time) *string {
	args, needed := c.LoginArgs(h, s, now)
	if !needed {
		return nil
	}
	cmd := LoginAdvice(c, h)
	if len(args) > 0 {
		cmd = CommandText(args)
	}
	return &cmd
}

// CommandText is a command as a person types it, each word quoted where
// it needs to be.
func CommandText(args []string) string {
	words := make([]string, len(args))
	for i := range args {
		words[i] = shellcode.QuoteWord(args[i])
	}
	return strings.Join(words, " ")
}

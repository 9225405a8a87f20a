// Package summary is what awsp knows of one profile from the files and
// awsp's own config, built once: its chain, the warnings of that chain,
// the account and role its credentials act as, and the class it belongs
// to. -l, -s, the picker, completion and the prompt each render it their
// own way (package view, package prompt); none of them works it out
// again. The Primary's session is not in it: that is read from the
// caches, not the files (view.Describer reads it, once per Primary).
package summary

import (
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/settings"
)

// A Profile is one profile, summarised.
type Profile struct {
	Name    string
	Profile *profiles.Profile // nil when the files do not define Name
	Chain   profiles.Chain
	// Warnings are the codes of the chain's warnings that awsp's config
	// does not silence.
	Warnings []string
	Target   profiles.Target
	// Alias is the account's name (awsp's config, else the AWS config's
	// sso_account_name); Class the class awsp's config puts it in.
	Alias string
	Class *settings.Class
}

// A Summarizer summarises the profiles of one config for one run, the
// warnings of the chains they share worked out once
// (profiles.WarningCodes). It is not safe for concurrent use.
type Summarizer struct {
	config   *profiles.Config
	settings *settings.File
	warnings *profiles.WarningCodes
}

// New summarises the profiles of c. set is awsp's config; nil when it
// cannot be read, and then there are no warnings, alias or class (a
// prompt says nothing of them; the lint says why).
func New(c *profiles.Config, set *settings.File) *Summarizer {
	s := &Summarizer{config: c, settings: set}
	if set != nil {
		s.warnings = c.WarningCodes(set.Ignore)
	}
	return s
}

// Of summarises the profile name of c, for one profile alone
// (New(c, set).Of(name)).
func Of(c *profiles.Config, set *settings.File, name string) Profile { return New(c, set).Of(name) }

// Of summarises the profile name.
func (z *Summarizer) Of(name string) Profile {
	c := z.config
	s := Profile{Name: name, Profile: c.Profiles[name]}
	if s.Profile == nil {
		return s
	}
	s.Chain = c.Resolve(name)
	s.Target = c.TargetOf(s.Chain)
	if z.warnings != nil {
		s.Warnings = z.warnings.Of(s.Chain)
		s.Alias, s.Class = z.settings.Classify(name, s.Target)
	}
	return s
}

// Region is the profile's own region, "" when it has none.
func (s Profile) Region() string {
	if s.Profile == nil {
		return ""
	}
	return s.Profile.Text("region")
}

// Broken: every call with the profile fails (a profile of settings only,
// with no credentials, is not broken: profiles.Chain.SettingsOnly).
func (s Profile) Broken() bool {
	return s.Profile == nil || s.Chain.Err != nil && !s.Chain.SettingsOnly()
}

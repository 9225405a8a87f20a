package profiles

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// Paths are the files the AWS CLI reads, after botocore's expansion.
type Paths struct {
	Config      string
	Credentials string
	// Home is where ~/.aws/sso/cache and ~/.aws/cli/cache live: botocore
	// expands those with HOME, whatever AWS_CONFIG_FILE says.
	Home string
	// LoginCache is where aws login keeps its tokens: botocore's
	// get_login_token_cache_directory.
	LoginCache string
	// ConfigVar and CredentialsVar are the variables' text when set.
	ConfigVar, CredentialsVar string
}

// A Value is one key of a profile with the place it was read from.
type Value struct {
	Text   string
	Nested map[string]string
	File   string
	Line   int
	// Redacted: indented credential lines followed the key; Text is its
	// first line and a marker (Key.Redacted).
	Redacted bool
}

// A Profile is one AWS profile: the [profile NAME] or [default] of the
// config file and the [NAME] of the credentials file.
type Profile struct {
	Name string
	// config and credentials keep each file's keys apart: the AWS CLI
	// overlays them for most purposes but takes static keys from one file
	// at a time. They point into the parsed files: a profile costs no map.
	config, credentials layer
	// Where are the section headers that define the profile.
	Where []Value
}

// A layer is one file's section of a profile, seen with that file's
// [DEFAULT] keys as configparser shows them.
type layer struct {
	file    *File
	section *Section // nil where the file does not have the profile
}

func (l layer) get(key string) (Value, bool) {
	if l.section == nil {
		return Value{}, false
	}
	for _, s := range []*Section{l.section, l.file.Defaults} {
		if s == nil {
			continue
		}
		if k, ok := s.Get(key); ok {
			return Value{Text: k.Value, Nested: k.Nested, File: l.file.Path, Line: k.Line, Redacted: k.Redacted}, true
		}
	}
	return Value{}, false
}

// keys lists the layer's key names, [DEFAULT]'s included, each once.
func (l layer) keys(seen map[string]bool) []string {
	var names []string
	for _, s := range []*Section{l.section, l.file.Defaults} {
		if s == nil || l.section == nil {
			continue
		}
		for _, k := range s.Keys {
			if !seen[k.Name] {
				seen[k.Name] = true
				names = append(names, k.Name)
			}
		}
	}
	return names
}

// InConfig is key as the config file has it for this profile.
func (p *Profile) InConfig(key string) (Value, bool) { return p.config.get(key) }

// InCredentials is key as the credentials file has it for this profile.
func (p *Profile) InCredentials(key string) (Value, bool) { return p.credentials.get(key) }

// Get returns a key as botocore's merged profile has it: the credentials
// file overlays the config file key by key.
func (p *Profile) Get(key string) (Value, bool) {
	if v, ok := p.credentials.get(key); ok {
		return v, true
	}
	return p.config.get(key)
}

// Keys lists the merged profile's key names.
func (p *Profile) Keys() []string {
	seen := map[string]bool{}
	return append(p.config.keys(seen), p.credentials.keys(seen)...)
}

// Has reports whether the merged profile has key, even with an empty value.
func (p *Profile) Has(key string) bool {
	_, ok := p.Get(key)
	return ok
}

// Text is the merged value of key, "" when absent.
func (p *Profile) Text(key string) string {
	v, _ := p.Get(key)
	return v.Text
}

// Line is where the profile is defined, for findings about it as a whole.
func (p *Profile) Line() (string, int) {
	if len(p.Where) == 0 {
		return "", 0
	}
	return p.Where[0].File, p.Where[0].Line
}

// At is where key is set, else where the profile is defined.
func (p *Profile) At(key string) (string, int) {
	if v, ok := p.Get(key); ok {
		return v.File, v.Line
	}
	return p.Line()
}

// An SSOSession is an [sso-session NAME] section of the config file.
type SSOSession struct {
	Name   string
	Values map[string]Value
	Line   int
	// overDefaults are the session's keys whose value differs from the
	// one [DEFAULT] gives a profile that does not set the key itself, by
	// the files that have the profile (defaultsOf). Nearly always empty.
	overDefaults [4][]string
}

// Config is everything the AWS CLI reads from the two files. Resolve
// and Suggest keep what they work out inside it (chains share
// their sources' hops, so that thousands of chains over a few sources
// are each worked out once: BENCHMARKS.md's growth table): a Config is
// for one goroutine, and is not safe for concurrent use.
type Config struct {
	Paths           Paths
	ConfigFile      *File
	CredentialsFile *File
	Profiles        map[string]*Profile
	SSOSessions     map[string]*SSOSession
	// Notes are findings that only the reading of the files can make:
	// sections the AWS CLI ignores and headers the Go SDK reads otherwise.
	Notes []Finding

	// chains and tails keep what Resolve found (resolve.go).
	chains      map[string]Chain
	tails       map[*Profile]*tail
	suggestions map[string]string // "did you mean" per missing name (resolve.go)
	names       []string          // Names(), for the suggestions
}

// Names lists the profiles sorted by name.
func (c *Config) Names() []string {
	names := make([]string, 0, len(c.Profiles))
	for n := range c.Profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Refused is the first reason the AWS CLI refuses either file, or nil.
func (c *Config) Refused() *ParseError {
	if c.ConfigFile.Refused != nil {
		return c.ConfigFile.Refused
	}
	return c.CredentialsFile.Refused
}

// Build turns the two parsed files into profiles with botocore's
// build_profile_map and Session.full_config rules.
func Build(paths Paths, cfg, cred *File) *Config {
	c := &Config{
		Paths:           paths,
		ConfigFile:      cfg,
		CredentialsFile: cred,
		Profiles:        map[string]*Profile{},
		SSOSessions:     map[string]*SSOSession{},
	}
	note := func(file string, line int, profile, code, format string, args ...any) {
		sev := "warning"
		c.Notes = append(c.Notes, Finding{File: file, Line: line, Profile: profile, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...)})
	}
	for _, f := range []*File{cfg, cred} {
		for _, q := range f.Quirks {
			c.Notes = append(c.Notes, Finding{File: f.Path, Line: q.Line, Severity: q.Severity, Code: q.Code, Message: q.Msg, quirk: q.Kind})
		}
	}
	if cfg.Defaults != nil {
		note(cfg.Path, cfg.Defaults.Line, "", "sdk-divergence", "the AWS CLI adds the keys of [DEFAULT] to every profile and sso-session; the Go SDK reads it as a profile named DEFAULT")
	}
	if cred.Defaults != nil {
		note(cred.Path, cred.Defaults.Line, "", "sdk-divergence", "the AWS CLI adds the keys of [DEFAULT] to every profile of this file; the Go SDK reads it as a profile named DEFAULT")
	}

	var defaultAt, profileDefaultAt int
	for _, s := range cfg.Sections {
		h := s.Header
		kind, name, ok := "", "", false
		switch {
		case strings.HasPrefix(h, "profile"):
			kind = "profile"
		case strings.HasPrefix(h, "sso-session"):
			kind = "sso-session"
		case strings.HasPrefix(h, "services"):
			kind = "services"
		case h == "default":
			kind, name, ok = "profile", "default", true
			defaultAt = s.Line
		}
		if kind == "" {
			if h != "plugins" && h != "preview" && h != "cli" {
				note(cfg.Path, s.Line, "", "ignored-section", "the AWS CLI ignores [%s] in the config file: a profile here is [profile %s]", h, h)
			}
			continue
		}
		if !ok {
			words, split := shlexSplit(h)
			if split && len(words) == 2 {
				name, ok = words[1], true
				if strings.ContainsAny(h, `"'\`) {
					note(cfg.Path, s.Line, name, "sdk-divergence", "the AWS CLI reads [%s] as %s %q; the Go SDK keeps the quotes as part of the name", h, words[0], name)
				}
				if kind == "profile" && name == "default" {
					profileDefaultAt = s.Line
				}
			} else {
				msg := fmt.Sprintf("the AWS CLI ignores [%s]: the header must be two words, like [%s NAME]", h, kind)
				if split && len(words) > 2 && words[0] == kind {
					msg += fmt.Sprintf("; the Go SDK reads it as %s %q", kind, strings.Join(words[1:], " "))
					note(cfg.Path, s.Line, "", "sdk-divergence", "%s", msg)
				} else {
					note(cfg.Path, s.Line, "", "ignored-section", "%s", msg)
				}
			}
		}
		if !ok {
			continue
		}
		switch kind {
		case "profile":
			// A later section of the same name replaces the earlier one
			// whole, as the dict update in build_profile_map does.
			if first := c.Profiles[name]; first != nil && name != "default" {
				note(cfg.Path, s.Line, name, "sdk-divergence", "[%s] names profile %q again (first at line %d): the AWS CLI keeps only this section's keys, the Go SDK merges both sections", h, name, first.config.section.Line)
			}
			c.Profiles[name] = &Profile{Name: name, config: layer{cfg, s}, credentials: layer{cred, nil},
				Where: []Value{{File: cfg.Path, Line: s.Line}}}
		case "sso-session":
			c.SSOSessions[name] = newSSOSession(name, cfg, cred, s)
		}
	}
	if defaultAt > 0 && profileDefaultAt > 0 {
		later := max(defaultAt, profileDefaultAt)
		note(cfg.Path, later, "default", "sdk-divergence", "both [default] and [profile default]: the AWS CLI uses the later one (line %d), the Go SDK always uses [profile default]", later)
	}

	for _, s := range cred.Sections {
		if t := strings.TrimSpace(s.Header); t != s.Header {
			note(cred.Path, s.Line, s.Header, "sdk-divergence", "the AWS CLI reads [%s] as a profile named %q, spaces included; the Go SDK trims the name to %q", s.Header, s.Header, t)
		}
		if strings.HasPrefix(s.Header, "profile ") {
			note(cred.Path, s.Line, s.Header, "sdk-divergence", "the AWS CLI reads [%s] in the credentials file as a profile named %q; the Go SDK skips it (write [%s] here)", s.Header, s.Header, strings.TrimSpace(strings.TrimPrefix(s.Header, "profile ")))
		}
		p := c.Profiles[s.Header]
		if p == nil {
			p = &Profile{Name: s.Header, config: layer{cfg, nil}}
			c.Profiles[s.Header] = p
		}
		p.credentials = layer{cred, s}
		p.Where = append(p.Where, Value{File: cred.Path, Line: s.Line})
	}
	return c
}

// ProfileHeader is the profile a config-file section header names, by
// botocore's rule (build_profile_map): "default", or a header that starts
// with "profile" and splits shell-style into exactly two words, the name
// the second: [profile "team sandbox"] is "team sandbox". awsp's own config
// names profiles the same way.
func ProfileHeader(h string) (string, bool) {
	if h == "default" {
		return h, true
	}
	if !strings.HasPrefix(h, "profile") {
		return "", false
	}
	if words, ok := shlexSplit(h); ok && len(words) == 2 {
		return words[1], true
	}
	return "", false
}

// newSSOSession is the [sso-session NAME] section s, with the keys whose
// value differs from what a profile's [DEFAULT] would give it, for each
// combination of files a profile can be in (SSOSession.conflict).
func newSSOSession(name string, cfg, cred *File, s *Section) *SSOSession {
	sess := &SSOSession{Name: name, Values: sectionValues(cfg, s), Line: s.Line}
	if cfg.Defaults == nil && cred.Defaults == nil {
		return sess
	}
	for k, v := range sess.Values {
		for i := range sess.overDefaults {
			for _, d := range defaultsOf(i, cfg, cred) {
				if d == nil {
					continue
				}
				if dv, ok := d.Get(k); ok {
					if dv.Value != v.Text {
						sess.overDefaults[i] = append(sess.overDefaults[i], k)
					}
					break
				}
			}
		}
	}
	for i := range sess.overDefaults {
		sort.Strings(sess.overDefaults[i]) // the same key first on every run
	}
	return sess
}

// defaultsOf is the [DEFAULT] sections a profile sees, first first, by
// which files have it (bit 1 the config file, bit 2 the credentials file):
// each file's [DEFAULT] reaches only its own sections, and the credentials
// file overlays the config file.
func defaultsOf(files int, cfg, cred *File) []*Section {
	var d []*Section
	if files&2 != 0 {
		d = append(d, cred.Defaults)
	}
	if files&1 != 0 {
		d = append(d, cfg.Defaults)
	}
	return d
}

// sectionValues is a section's keys with [DEFAULT]'s keys added, as
// configparser presents them.
func sectionValues(f *File, s *Section) map[string]Value {
	values := make(map[string]Value, len(s.Keys))
	add := func(k Key) {
		if _, ok := values[k.Name]; !ok {
			values[k.Name] = Value{Text: k.Value, Nested: k.Nested, File: f.Path, Line: k.Line, Redacted: k.Redacted}
		}
	}
	for _, k := range s.Keys {
		add(k)
	}
	if f.Defaults != nil {
		for _, k := range f.Defaults.Keys {
			add(k)
		}
	}
	return values
}

// Tilde shortens a path under home to ~/..., for messages.
func Tilde(path, home string) string {
	if home != "" && home != "/" {
		if rel, err := filepath.Rel(home, path); err == nil && !strings.HasPrefix(rel, "..") {
			return "~/" + rel
		}
	}
	return path
}

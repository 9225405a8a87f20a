package prompt

import (
	"fmt"
	"time"

	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/filecache"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/settings"
	"github.com/awsp-dev/awsp/internal/summary"
)

// Budget is how long a prompt waits for the files (a huge config being
// parsed, a stalled network home); past it the segment shows the name
// alone rather than hold the shell.
const Budget = 200 * time.Millisecond

// ParseDialect reads the --shell argument of a prompt; "" is Plain.
func ParseDialect(shell string) (Dialect, error) {
	switch d := Dialect(shell); d {
	case "":
		return Plain, nil
	case Plain, Bash, Zsh, Fish, Nu:
		return d, nil
	}
	return "", fmt.Errorf("--shell takes bash, zsh, fish, nu or plain, not %q", shell)
}

// Segment is the segment for the active profile of env, "" when there is
// none. format "" is $AWSP_PROMPT_FORMAT, else DefaultFormat. It runs
// inside every prompt that changed, so it never fails loudly: files it
// cannot read leave the segment with the profile name alone.
func Segment(env environ.Environ, cache *filecache.Cache, format string, dialect Dialect, budget time.Duration, now time.Time) string {
	d, ok := active(env, cache, budget)
	if !ok {
		return ""
	}
	return render(env, d, format, dialect, now)
}

// active is what the segment shows: the credentials another tool put in
// the environment when there are some (every SDK takes them before any
// profile), else the active profile; ok is false when there is neither.
func active(env environ.Environ, cache *filecache.Cache, budget time.Duration) (d Data, ok bool) {
	if id, ok := profiles.EnvironmentIdentity(env); ok {
		return identityData(env, id), true
	}
	name := profiles.ActiveProfile(env)
	if name == "" {
		return Data{}, false
	}
	return Gather(env, cache, name, budget), true
}

// identityData is what a segment shows of an identity in the
// environment: who set it, for what, until when; ⚠ when AWS_PROFILE
// names another profile, which the AWS CLI ignores and the JavaScript SDK
// v3 uses.
func identityData(env environ.Environ, id profiles.EnvIdentity) Data {
	region := envRegion(env)
	return Data{Profile: id.Label(), Region: region, EnvRegion: region,
		Expiry: id.Expiry.At, Warn: id.Shadowed != "", fromEnvironment: true}
}

// render is Render with the format and colour env asks for.
func render(env environ.Environ, d Data, format string, dialect Dialect, now time.Time) string {
	if format == "" {
		format = env["AWSP_PROMPT_FORMAT"]
	}
	if format == "" {
		format = DefaultFormat
	}
	return Render(format, d, now, dialect, Colour(env))
}

// Colour tells whether the segment is coloured. A prompt reads the
// segment through a pipe ($(...)), so unlike awsp's other output it is
// coloured whatever stdout is: a person's prompt is a terminal. NO_COLOR
// (no-color.org) and TERM=dumb turn it off.
func Colour(env environ.Environ) bool { return env["NO_COLOR"] == "" && env["TERM"] != "dumb" }

// Gather is what a segment shows of profile name: its chain resolved from
// the files, kept in cache while they are unchanged, and the Primary's
// session, read anew each time.
func Gather(env environ.Environ, cache *filecache.Cache, name string, budget time.Duration) Data {
	d := Data{Profile: name}
	data, ok := cache.Get(entryKind, name, budget, func() ([]byte, bool) {
		e, ok := resolve(env, name)
		data, err := e.MarshalText()
		return data, ok && err == nil
	})
	var e entry
	if !ok || e.UnmarshalText(data) != nil {
		return d // unreadable files: the name alone, and no error on every prompt
	}
	d.Chain, d.Broken, d.Warn, d.session = e.Chain, e.Broken, e.Warn, e.Session
	d.Label, d.Colour = e.Label, e.Colour
	d.EnvRegion, d.ProfileRegion = envRegion(env), e.Region
	d.Region = firstSet(d.EnvRegion, e.Region)
	if !e.Broken {
		s := awsfiles.ReadSession(e.Session, env, awsfiles.PathsFrom(env).Home)
		d.Expiry, d.LoggedOut, d.Refreshable = s.At, s.LoggedOut, s.Refreshable
	}
	return d
}

// resolve reads the files and resolves name: the slow path. ok is false
// when the files cannot be read.
func resolve(env environ.Environ, name string) (e entry, ok bool) {
	c, err := awsfiles.Load(env)
	if err != nil {
		return entry{}, false
	}
	// When awsp's config cannot be read, the marker stays off and the
	// class unknown: a prompt says nothing, the lint says why.
	set, err := settings.Load(env)
	if err != nil {
		set = nil
	}
	sum := summary.Of(c, set, name)
	e = entry{Chain: sum.Chain.Names(), Broken: sum.Broken(), Warn: len(sum.Warnings) > 0, Region: sum.Region()}
	if sum.Profile != nil && sum.Chain.Err == nil {
		e.Session = c.SessionSource(sum.Chain.Primary())
	}
	if sum.Class != nil {
		e.Label, e.Colour = sum.Class.Label, sum.Class.Colour
	}
	return e, true
}

// envRegion is the region the environment sets, as the AWS CLI reads it.
func envRegion(env environ.Environ) string {
	return firstSet(env["AWS_REGION"], env["AWS_DEFAULT_REGION"])
}

func firstSet(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

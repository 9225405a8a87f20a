package profiles

import "strings"

// Environ is the environment awsp reads: the process's in production, a
// plain map in tests, so that no test depends on the machine it runs on.
type Environ map[string]string

// EnvironFrom builds an Environ from os.Environ()-style "KEY=value" pairs.
func EnvironFrom(pairs []string) Environ {
	env := make(Environ, len(pairs))
	for _, kv := range pairs {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	return env
}

// Lookup tells an empty variable from an unset one.
func (e Environ) Lookup(name string) (string, bool) {
	v, ok := e[name]
	return v, ok
}

// ActiveProfile is the profile the Go SDK and AWS CLI v2 use: AWS_PROFILE,
// else AWS_DEFAULT_PROFILE.
func ActiveProfile(env Environ) string {
	if p := env["AWS_PROFILE"]; p != "" {
		return p
	}
	return env["AWS_DEFAULT_PROFILE"]
}

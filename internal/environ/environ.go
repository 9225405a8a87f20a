// Package environ is the environment awsp reads: the process's in
// production, a plain map in tests, so that no test depends on the
// machine it runs on.
package environ

import "strings"

// Environ is a process environment, by variable.
type Environ map[string]string

// From builds an Environ from os.Environ()-style "KEY=value" pairs.
func From(pairs []string) Environ {
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

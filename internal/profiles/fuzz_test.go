package profiles

import (
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/environ"
)

// FuzzParse feeds any bytes to the parser and the engine: nothing panics,
// every chain resolves in at most one hop a profile, and the lint and the
// expiry lookups run on whatever came out.
func FuzzParse(f *testing.F) {
	for _, c := range cases {
		f.Add([]byte(c.config), []byte(c.credentials))
	}
	f.Fuzz(func(t *testing.T, config, credentials []byte) {
		// A home with no caches: reading them is exercised, quickly.
		c := Build(Paths{Home: "/nonexistent/awsp-fuzz"}, Parse("config", config), Parse("credentials", credentials))
		for _, name := range c.Names() {
			ch := c.Resolve(name)
			if ch.Len() > len(c.Profiles)+1 {
				t.Fatalf("%q: %d hops for %d profiles", name, ch.Len(), len(c.Profiles))
			}
			if p := ch.Primary(); p != nil && ch.Err == nil {
				c.SessionSource(p)
			}
			for _, h := range ch.Hops() {
				if h.Role != nil {
					CacheKey(h.Role)
				}
			}
		}
		for _, f := range c.Lint(environ.Environ{}, Ignore{}) {
			if code, ok := LookupCode(f.Code); !ok || code.Severity != f.Severity {
				t.Fatalf("finding %+v: code not registered, or another severity (%+v)", f, code)
			}
		}
		for _, name := range c.Names() {
			if e := c.Resolve(name).Err; e != nil {
				if _, ok := LookupCode(e.Code); !ok {
					t.Fatalf("chain error %+v: code not registered", e)
				}
			}
		}
		checkSharedEqualsWalked(t, "fuzz", c)
		for _, s := range []string{string(config), string(credentials)} {
			ParseTime(s, time.UTC)
			shlexSplit(s)
		}
	})
}

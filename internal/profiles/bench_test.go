package profiles

import (
	"fmt"
	"testing"

	"github.com/awsp-dev/awsp/bench/gen"
)

// The engine's share of each command, by config size: what --prompt does
// (parse both files, resolve one chain), what --list does (resolve every
// chain) and what --lint does (resolve and check every chain), the last
// two from parsed files.
func BenchmarkEngine(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		cfg, cred := gen.Files(n)
		b.Run(fmt.Sprintf("parse/%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(cfg) + len(cred)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				Build(Paths{}, Parse("config", []byte(cfg)), Parse("credentials", []byte(cred)))
			}
		})
		b.Run(fmt.Sprintf("prompt/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				c := Build(Paths{}, Parse("config", []byte(cfg)), Parse("credentials", []byte(cred)))
				if ch := c.Resolve(gen.Target); ch.Err != nil || ch.Len() != 3 {
					b.Fatalf("target chain: %v %v", ch.Names(), ch.Err)
				}
			}
		})
		// A Config remembers what it resolved and linted: each iteration
		// times a new one, built from the parsed files outside the timer,
		// as each run of awsp starts from nothing.
		cfgFile, credFile := Parse("config", []byte(cfg)), Parse("credentials", []byte(cred))
		fresh := func(b *testing.B) *Config {
			b.StopTimer()
			defer b.StartTimer()
			return Build(Paths{}, cfgFile, credFile)
		}
		b.Run(fmt.Sprintf("resolve-all/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				c := fresh(b)
				for _, name := range c.Names() {
					c.Resolve(name)
				}
			}
		})
		b.Run(fmt.Sprintf("lint/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				fresh(b).Lint(nil, Ignore{}) // resolving every chain included
			}
		})
	}
}

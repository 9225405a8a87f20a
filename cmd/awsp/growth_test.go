package main

import (
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/bench/gen"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/sample"
)

// The memory a command allocates grows with its input, not with its
// square, for the inputs a generated or hostile file can hold: at 4n it
// allocates at most six times what it did at n (linear work gives about
// four, quadratic sixteen). Bytes allocated are counted, not timed, so the
// test does not depend on the machine; BENCHMARKS.md times the same inputs.
func TestHostileInputsGrowLinearly(t *testing.T) {
	config := func(f func(int) string) func(int) map[string]string {
		return func(n int) map[string]string { return map[string]string{".aws/config": f(n)} }
	}
	for _, c := range []struct {
		name  string
		n     int
		files func(n int) map[string]string
		args  []string
	}{
		// Each profile compared its session key by key, copying it.
		{"sso-session -l", 500, config(gen.SharedSession), []string{"-l"}},
		{"sso-session --lint", 500, config(gen.SharedSession), []string{"--lint"}},
		{"sso-session completion", 500, config(gen.SharedSession), []string{"--complete", "zsh"}},
		// goccy/go-yaml parsed it into gigabytes.
		{"kubeconfig nesting", 100, func(n int) map[string]string {
			return map[string]string{".aws/config": gen.Chain(50), "kubeconfig": gen.KubeNesting(n)}
		}, []string{"--lint"}},
		{"[DEFAULT] -l", 500, config(gen.WideDefault), []string{"-l"}},
		{"one chain --lint", 250, config(gen.Chain), []string{"--lint"}},
		{".awsprofile files", 50, gen.AWSProfileTree, []string{"--lint", "src"}},
		// Each fix looked through every section, and every finding.
		{"--lint --fix", 100, config(gen.Fixable), []string{"--lint", "--fix"}},
		{"--lint --format sarif", 100, config(gen.Fixable), []string{"--lint", "--format", "sarif"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			allocated := func(n int) uint64 {
				home := t.TempDir()
				if err := sample.Write(home, c.files(n)); err != nil {
					t.Fatal(err)
				}
				env := environ.Environ{"HOME": home, "AWSP_CACHE_DIR": filepath.Join(home, "cache"), "KUBECONFIG": filepath.Join(home, "kubeconfig")}
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				if _, stderr, code := runAll(env, c.args...); code > 1 {
					t.Fatalf("n=%d: exit %d: %s", n, code, stderr)
				}
				runtime.ReadMemStats(&after)
				return after.TotalAlloc - before.TotalAlloc
			}
			small, big := allocated(c.n), allocated(4*c.n)
			if ratio := float64(big) / float64(small); ratio > 6 {
				t.Errorf("n=%d: %d bytes, 4n: %d bytes (%.1fx)", c.n, small, big, ratio)
			} else {
				t.Logf("n=%d: %d bytes, 4n: %d bytes (%.1fx)", c.n, small, big, ratio)
			}
		})
	}
}

// liveHeap is a writer that, at every write, measures the memory the
// program still holds (after a collection, so that garbage does not
// count) and keeps the most; what is written is dropped.
type liveHeap struct{ most uint64 }

func (l *liveHeap) Write(p []byte) (int, error) {
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	l.most = max(l.most, m.HeapAlloc)
	return len(p), nil
}

// awsp -l --json lists every profile's whole chain: the output of one
// chain of n hops grows with n², and must be written as it is made. The
// memory held while writing grows with n (it held every entry's chain
// until the end: 1 GB for 10,000 hops).
func TestListJSONHoldsOneEntryAtATime(t *testing.T) {
	held := func(n int) uint64 {
		home := t.TempDir()
		if err := sample.Write(home, map[string]string{".aws/config": gen.Chain(n)}); err != nil {
			t.Fatal(err)
		}
		env := environ.Environ{"HOME": home, "AWSP_CACHE_DIR": filepath.Join(home, "cache")}
		var base runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&base)
		out := &liveHeap{}
		if code := run([]string{"-l", "--json"}, strings.NewReader(""), out, io.Discard, testWorld(env)); code != 0 {
			t.Fatalf("exit %d", code)
		}
		return out.most - min(out.most, base.HeapAlloc)
	}
	small, big := held(150), held(600)
	if ratio := float64(big) / float64(small); ratio > 6 {
		t.Errorf("150 hops: %d bytes held, 600: %d (%.1fx)", small, big, ratio)
	} else {
		t.Logf("150 hops: %d bytes held, 600: %d (%.1fx)", small, big, ratio)
	}
}

package gen_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/bench/gen"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/kube"
	"github.com/awsp-dev/awsp/internal/profiles"
)

func build(config, credentials string) *profiles.Config {
	return profiles.Build(profiles.Paths{}, profiles.Parse("config", []byte(config)), profiles.Parse("credentials", []byte(credentials)))
}

// The benchmarks' numbers mean what BENCHMARKS.md says only if the files
// are what the package comment promises: n profiles, the same files for
// the same n, Target three hops from its Primary, chains of at most five
// hops, every kind of Primary, and no broken chain.
func TestFilesAreWhatTheyClaim(t *testing.T) {
	for _, n := range []int{10, 1000} {
		config, credentials := gen.Files(n)
		if c2, k2 := gen.Files(n); c2 != config || k2 != credentials {
			t.Fatalf("n=%d: two calls gave different files", n)
		}
		c := build(config, credentials)
		if got := len(c.Names()); got != n {
			t.Errorf("n=%d: %d profiles", n, got)
		}
		if ch := c.Resolve(gen.Target); ch.Err != nil || strings.Join(ch.Names(), ",") != gen.Target+",bench-identity,bench-sso" {
			t.Errorf("n=%d: %s resolves to %v (%v)", n, gen.Target, ch.Names(), ch.Err)
		}
		kinds := map[profiles.CredentialType]bool{}
		for _, name := range c.Names() {
			ch := c.Resolve(name)
			if ch.Err != nil || ch.Len() > 5 {
				t.Errorf("n=%d: %s: %d hops, %v", n, name, ch.Len(), ch.Err)
				continue
			}
			kinds[ch.Primary().Credentials] = true
		}
		if n == 1000 && !(kinds[profiles.SSO] && kinds[profiles.Static] && kinds[profiles.Process]) {
			t.Errorf("n=%d: Primaries of kinds %v", n, kinds)
		}
	}
}

// The hostile inputs are what their names say.
func TestHostileInputs(t *testing.T) {
	if ch := build(gen.Chain(50), "").Resolve("p49"); ch.Len() != 50 {
		t.Errorf("Chain(50): %d hops (%v)", ch.Len(), ch.Err)
	}
	if ch := build(gen.Loop(50), "").Resolve("p0"); ch.Err == nil || ch.Err.Code != "source-profile-cycle" {
		t.Errorf("Loop(50): %v", ch.Err)
	}
	if ch := build(gen.WideSection(100), "").Resolve("wide"); ch.Err != nil || ch.Primary().Credentials != profiles.Static {
		t.Errorf("WideSection(100): %v", ch.Err)
	}
	if build(gen.DuplicateSections(3), "").Refused() == nil {
		t.Error("DuplicateSections(3) is not refused")
	}
	if ch := build(gen.LongValue(100), "").Resolve("long"); ch.Err != nil {
		t.Errorf("LongValue(100): %v", ch.Err)
	}
	if c := build(gen.SharedSession(40), ""); len(c.Profiles) != 10 || len(c.SSOSessions["corp"].Values) != 42 || c.Resolve("p9").Primary().Credentials != profiles.SSO {
		t.Errorf("SharedSession(40): %d profiles, %v", len(c.Profiles), c.Resolve("p9").Err)
	}
	if c := build(gen.WideDefault(20), ""); len(c.Profiles) != 20 || len(c.Profiles["p0"].Keys()) != 21 || c.Resolve("p19").Primary().Credentials != profiles.Process {
		t.Errorf("WideDefault(20): %d profiles, %v", len(c.Profiles), c.Resolve("p19").Err)
	}
	if c := build(gen.NearNames(30), ""); c.Suggest(gen.MissingName(30)) != strings.Repeat("p", 30)+"0" {
		t.Errorf("MissingName(30) is not near NearNames(30): %q", c.Suggest(gen.MissingName(30)))
	}
	if files := gen.AWSProfileTree(3); len(files) != 4 || len(files["src/p2/.awsprofile"]) != 129 {
		t.Errorf("AWSProfileTree(3): %v", files)
	}
	kubeconfig := filepath.Join(t.TempDir(), "kubeconfig")
	os.WriteFile(kubeconfig, []byte(gen.KubeUsers(20)), 0o600)
	if ctx := kube.Load(environ.Environ{"KUBECONFIG": kubeconfig}).ContextsUsing("p19"); len(ctx) != 1 {
		t.Errorf("KubeUsers(20): contexts of p19: %v", ctx)
	}
	os.WriteFile(kubeconfig, []byte(gen.KubeNesting(300)), 0o600)
	if k := kube.Load(environ.Environ{"KUBECONFIG": kubeconfig}); len(k.Problems) != 1 || !strings.Contains(k.Problems[0].Message, "more than 250000 YAML nodes") {
		t.Errorf("KubeNesting(300): %v", k.Problems)
	}
}

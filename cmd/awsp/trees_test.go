package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/environ"
)

// nuShell is a shell as the directory hook sees it: its environment and
// what it keeps, changed by each document awsp --eval nu prints, as
// awsp.nu's __awsp_apply changes them.
type nuShell struct {
	env  environ.Environ
	keep map[string]string
}

func (s *nuShell) apply(t *testing.T, doc string) {
	t.Helper()
	var d struct {
		Env  map[string]*string
		Keep map[string]string
	}
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		t.Fatalf("document %q: %v", doc, err)
	}
	for k, v := range d.Env {
		if v == nil {
			delete(s.env, k)
		} else {
			s.env[k] = *v
		}
	}
	for k, v := range d.Keep {
		s.keep[k] = v
	}
}

// cd runs the directory hook in dir and applies what it prints.
func (s *nuShell) cd(t *testing.T, dir string) (stderr string) {
	t.Helper()
	w := testWorld(s.env)
	w.cwd = dir
	stdout, stderr, code := runWorld(w, "--eval", "nu", "--auto-state", s.keep["auto_state"], "--chdir")
	if code != 0 {
		t.Fatalf("cd %s: exit %d: %s", dir, code, stderr)
	}
	if stdout != "" {
		s.apply(t, stdout)
	}
	return stderr
}

func (s *nuShell) aws() map[string]string {
	got := map[string]string{}
	for _, k := range []string{"AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION"} {
		if v, ok := s.env[k]; ok {
			got[k] = v
		}
	}
	return got
}

// Trees side by side and one inside another, with direnv's semantics:
// leaving a governed tree gives the shell back its own profile and region
// before the next tree applies, whatever that tree is.
func TestTreesSideBySide(t *testing.T) {
	env := sampleHome(t)
	home := env["HOME"]
	env["AWSP_STATE_DIR"] = filepath.Join(home, "state")
	env["AWS_PROFILE"] = "sso"
	src := filepath.Join(home, "src")
	writeFile(t, filepath.Join(src, "infra-prod", ".awsprofile"), "prod\nregion=eu-west-1\n")
	writeFile(t, filepath.Join(src, "infra-prod", "sandbox", ".awsprofile"), "dev\n")
	writeFile(t, filepath.Join(src, "infra-dev", ".awsprofile"), "dev\n")
	if err := os.MkdirAll(filepath.Join(src, "linked"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/hostname", filepath.Join(src, "linked", ".awsprofile")); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"infra-prod", "infra-prod/sandbox"} {
		w := testWorld(env)
		w.cwd = filepath.Join(src, dir)
		if _, stderr, code := runWorld(w, "--allow"); code != 0 {
			t.Fatalf("--allow %s: %s", dir, stderr)
		}
	}
	sh := &nuShell{env: env, keep: map[string]string{}}
	steps := []struct {
		dir    string
		want   map[string]string
		stderr string
	}{
		{"infra-prod", map[string]string{"AWS_PROFILE": "prod", "AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-1"},
			"awsp: ~/src/infra-prod/.awsprofile: switching to prod\n"},
		// The sibling's file is not trusted: prod and its region go.
		{"infra-dev", map[string]string{"AWS_PROFILE": "sso"},
			"awsp: left ~/src/infra-prod: back to sso\nawsp: ~/src/infra-dev/.awsprofile asks for profile dev: read it, then trust it with awsp --allow\n"},
		{"infra-prod", map[string]string{"AWS_PROFILE": "prod", "AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-1"},
			"awsp: ~/src/infra-prod/.awsprofile: switching to prod\n"},
		// A tree inside: the outer tree's region does not carry in.
		{"infra-prod/sandbox", map[string]string{"AWS_PROFILE": "dev"},
			"awsp: left ~/src/infra-prod: back to sso\nawsp: ~/src/infra-prod/sandbox/.awsprofile: switching to dev\n"},
		{"infra-prod", map[string]string{"AWS_PROFILE": "prod", "AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-1"},
			"awsp: left ~/src/infra-prod/sandbox: back to sso\nawsp: ~/src/infra-prod/.awsprofile: switching to prod\n"},
		// A file awsp refuses still lets the shell out of the last tree.
		{"linked", map[string]string{"AWS_PROFILE": "sso"},
			"awsp: left ~/src/infra-prod: back to sso\nawsp: " + filepath.Join(src, "linked", ".awsprofile") + ": is a symlink to a file outside its directory: refused\n"},
		{"infra-prod", map[string]string{"AWS_PROFILE": "prod", "AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-1"},
			"awsp: ~/src/infra-prod/.awsprofile: switching to prod\n"},
		{"", map[string]string{"AWS_PROFILE": "sso"},
			"awsp: left ~/src/infra-prod: back to sso\n"},
		{"", map[string]string{"AWS_PROFILE": "sso"}, ""},
	}
	for i, step := range steps {
		stderr := sh.cd(t, filepath.Join(src, step.dir))
		if got := sh.aws(); !mapsEqual(got, step.want) {
			t.Errorf("step %d (cd %s): environment %v, want %v", i, step.dir, got, step.want)
		}
		if stderr != step.stderr {
			t.Errorf("step %d (cd %s): said\n%q\nwant\n%q", i, step.dir, stderr, step.stderr)
		}
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// --allow in a shell whose init has no --auto switches once and says why
// nothing will follow on cd; with --auto it says nothing of it.
func TestAllowSaysWhenTheShellDoesNotFollow(t *testing.T) {
	env := sampleHome(t)
	env["AWSP_STATE_DIR"] = filepath.Join(env["HOME"], "state")
	proj := filepath.Join(env["HOME"], "proj")
	writeFile(t, filepath.Join(proj, ".awsprofile"), "dev\n")
	w := testWorld(env)
	w.cwd = proj
	for _, c := range []struct{ shell, following, hint string }{
		{"bash", "1", ""},
		{"bash", "0", "awsp: this shell follows .awsprofile files on cd only with the init's --auto: ./install.sh --auto, or in the rc file eval \"$(\\command awsp --init bash --auto)\"\n"},
		{"fish", "0", "awsp: this shell follows .awsprofile files on cd only with the init's --auto: ./install.sh --auto, or in the rc file command awsp --init fish --auto | source\n"},
		{"nu", "0", "awsp: this shell follows .awsprofile files on cd only with the init's --auto: ./install.sh --auto, or in the rc file ^awsp --init nu --auto | save --force ($nu.user-autoload-dirs | first | path join awsp.nu)\n"},
	} {
		_, stderr, code := runWorld(w, "--eval", c.shell, "--following", c.following, "--allow")
		want := "awsp: allowed ~/proj/.awsprofile (profile dev)\n" + c.hint + "awsp: ~/proj/.awsprofile: switching to dev\n"
		if code != 0 || stderr != want {
			t.Errorf("%s --following %s: exit %d, said\n%s\nwant\n%s", c.shell, c.following, code, stderr, want)
		}
	}
}

// --lint reads the .awsprofile files of the repository it runs in and
// the one that governs the directory, not the other projects of a home;
// --lint DIR reads the tree DIR.
func TestLintScope(t *testing.T) {
	env := sampleHome(t)
	home := env["HOME"]
	config := filepath.Join(home, ".aws", "config")
	writeFile(t, config, "[profile dev]\nregion = eu-west-1\n")
	writeFile(t, filepath.Join(home, "src", "infra", ".git", "HEAD"), "ref: refs/heads/main\n")
	writeFile(t, filepath.Join(home, "src", "infra", ".awsprofile"), "dev\n")
	writeFile(t, filepath.Join(home, "src", "infra", "modules", "eks", ".awsprofile"), "deev\n")
	writeFile(t, filepath.Join(home, "src", "other", ".git", "HEAD"), "ref: refs/heads/main\n")
	writeFile(t, filepath.Join(home, "src", "other", ".awsprofile"), "gone\n")
	infraTypo := filepath.Join(home, "src", "infra", "modules", "eks", ".awsprofile") + ":1: error: awsprofile-missing: .awsprofile names profile deev, which does not exist (did you mean dev?)\n"
	otherGone := filepath.Join(home, "src", "other", ".awsprofile") + ":1: error: awsprofile-missing: .awsprofile names profile gone, which does not exist\n"
	for _, c := range []struct {
		cwd    string
		args   []string
		code   int
		stdout string
	}{
		{home, nil, 0, ""},                       // a home: no subtree
		{filepath.Join(home, "src"), nil, 0, ""}, // nor the folder of projects
		{filepath.Join(home, "src", "infra"), nil, 1, infraTypo},
		{filepath.Join(home, "src", "infra", "modules"), nil, 1, infraTypo}, // the whole repository
		{filepath.Join(home, "src", "other"), nil, 1, otherGone},
		{home, []string{"src"}, 1, infraTypo + otherGone},
		{home, []string{"src/other"}, 1, otherGone},
	} {
		w := testWorld(env)
		w.cwd = c.cwd
		stdout, stderr, code := runWorld(w, append([]string{"--lint"}, c.args...)...)
		if code != c.code || stdout != c.stdout || stderr != "" {
			t.Errorf("--lint %q in %s: exit %d\n%s%s\nwant exit %d\n%s", c.args, c.cwd, code, stdout, stderr, c.code, c.stdout)
		}
	}
	w := testWorld(env)
	if _, stderr, code := runWorld(w, "--lint", "nowhere"); code != cli.ExitUsage || stderr != "awsp: --lint takes a directory or config files, and ~/nowhere is neither\n" {
		t.Errorf("--lint nowhere: exit %d %q", code, stderr)
	}
}

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/dirprofile"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/settings"
	"github.com/awsp-dev/awsp/internal/shellcode"
	"github.com/awsp-dev/awsp/internal/termtext"
	"github.com/awsp-dev/awsp/shell"
)

// autoState is what a shell remembers between directory changes, as an
// opaque string the binary hands it and gets back: which .awsprofile
// governs the shell, and what the shell had before it entered that tree.
type autoState struct {
	File    string `json:"file,omitempty"`
	Hash    string `json:"hash,omitempty"`
	Applied string `json:"applied,omitempty"` // the profile switched to; "" while the file is not allowed
	Entered bool   `json:"entered,omitempty"` // inside a governed tree: Saved* are set
	// Saved* are AWS_PROFILE, AWS_REGION and AWS_DEFAULT_REGION before
	// the shell entered the tree; nil if unset.
	Saved              *string `json:"saved,omitempty"`
	SavedRegion        *string `json:"saved_region,omitempty"`
	SavedDefaultRegion *string `json:"saved_default_region,omitempty"`
	// Seen are the warnings this shell was shown in full ("code profile"):
	// the next time, one line (report, in switch.go). Not tied to a
	// directory: kept when the shell leaves a tree.
	Seen []string `json:"seen,omitempty"`
}

// shellState is the state the shell handed this run (--auto-state),
// read once; a damaged state is a fresh start.
func (a *app) shellState() *autoState {
	if a.state == nil {
		a.state = &autoState{}
		if s := a.opts.AutoState; s != "" {
			json.Unmarshal([]byte(s), a.state)
		}
	}
	return a.state
}

// saveState hands the state back to the shell, in the code it evaluates.
func (a *app) saveState(code *shellcode.Code) {
	state, _ := json.Marshal(a.shellState())
	code.Set(autoStateVar, string(termtext.JSON(state))) // shown by `set` in the shell
}

// autoStateVar holds the state in the shell; not exported.
const autoStateVar = "__awsp_auto_state"

// chdir is the directory hook: it switches the shell to the profile of the
// nearest .awsprofile when the person enters its tree and restores what
// the shell had when they leave. allow trusts (or forgets) the nearest
// file, or the one named, first. code is nil when no shell evaluates what
// is printed (awsp --allow run as a command): the trust is recorded and
// nothing is said of switching.
func (a *app) chdir(code *shellcode.Code, allow *bool) error {
	st := a.shellState()
	cwd, err := a.workingDir()
	if err != nil {
		return failf(cli.ExitUsage, "%v", err)
	}
	allowed, err := dirprofile.LoadAllowed(a.allowPath())
	if err != nil {
		return failf(cli.ExitUsage, "%v", err)
	}
	if allow != nil {
		target, err := a.autoFile(cwd)
		if err != nil {
			return failf(cli.ExitUsage, "%v", err)
		}
		if target == nil {
			return failf(cli.ExitFindings, "no %s here or in a parent directory", dirprofile.Name)
		}
		if err := allowed.Allow(target, *allow); err != nil {
			return failf(cli.ExitUsage, "%v", err)
		}
		verb := "allowed"
		if !*allow {
			verb = "no longer allowed"
		}
		fmt.Fprintf(a.stderr, "awsp: %s %s (profile %s)\n", verb, a.tilde(target.Path), clean(target.Profile))
		if *allow && !a.opts.Following {
			sh := shellcode.Bash
			if code != nil {
				sh = code.Shell()
			}
			lines := strings.Split(shell.RCLines(sh, " --auto"), "\n")
			fmt.Fprintf(a.stderr, "awsp: this shell follows .awsprofile files on cd only with the init's --auto: ./install.sh --auto, or in the rc file %s\n", lines[len(lines)-1])
		}
		if code == nil {
			return nil
		}
	}
	// What switches is the file that governs the current directory, not
	// one allowed by path from elsewhere.
	f, findErr := dirprofile.Find(cwd)
	// Leaving the governed tree, for no tree, another tree, a changed
	// file or one that cannot be read, first gives the shell back what it
	// had, as direnv unloads before it loads: no tree keeps the identity
	// or the region of the tree before it.
	left := st.Entered && (f == nil || f.Path != st.File || f.Hash != st.Hash)
	if left {
		a.restore(code, *st)
		*st = autoState{Seen: st.Seen}
	}
	current := a.env["AWS_PROFILE"]
	switch {
	case findErr != nil:
		// Said, but the hook still applies the way back out.
		fmt.Fprintf(a.stderr, "awsp: %v\n", findErr)
	case f == nil && !left:
		return nil // outside every tree, as before
	case f == nil:
	case f.Path == st.File && f.Hash == st.Hash && (st.Applied != "" || !allowed.Has(f)):
		return nil // still in the same tree: a manual switch inside wins
	default:
		if !st.Entered {
			st.Entered, st.Saved = true, lookup(a.env, "AWS_PROFILE")
			st.SavedRegion, st.SavedDefaultRegion = lookup(a.env, "AWS_REGION"), lookup(a.env, "AWS_DEFAULT_REGION")
		}
		st.File, st.Hash, st.Applied = f.Path, f.Hash, ""
		if !allowed.Has(f) {
			fmt.Fprintf(a.stderr, "awsp: %s asks for profile %s: read it, then trust it with awsp --allow\n", a.tilde(f.Path), clean(f.Profile))
			break
		}
		fmt.Fprintf(a.stderr, "awsp: %s: switching to %s\n", a.tilde(f.Path), clean(f.Profile))
		if err := a.switchTo(code, current, f.Profile, noLogin); err != nil {
			exit(a.stderr, err) // said, and nothing switched: the hook goes on
			break
		}
		st.Applied = f.Profile
		if f.Region != "" {
			code.Export("AWS_REGION", f.Region)
			code.Export("AWS_DEFAULT_REGION", f.Region)
		}
	}
	a.saveState(code)
	return nil
}

// restore gives the shell back what it had before it entered the tree,
// and takes that as the environment the rest of this run sees (the next
// tree saves it, and switches from it).
func (a *app) restore(code *shellcode.Code, st autoState) {
	saved := map[string]*string{"AWS_PROFILE": st.Saved, "AWS_REGION": st.SavedRegion, "AWS_DEFAULT_REGION": st.SavedDefaultRegion}
	var differ []string
	for _, v := range []string{"AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION"} {
		if now, set := a.env[v]; set != (saved[v] != nil) || set && now != *saved[v] {
			differ = append(differ, v)
		}
	}
	if len(differ) == 0 {
		return // a tree never applied, or left as it was found: nothing to say
	}
	code.Set(previousVar, a.env["AWS_PROFILE"])
	for _, v := range differ {
		if saved[v] != nil {
			code.Export(v, *saved[v])
			a.env[v] = *saved[v]
		} else {
			code.Unset(v)
			delete(a.env, v)
		}
	}
	to := "no profile"
	if st.Saved != nil {
		to = clean(*st.Saved)
	}
	fmt.Fprintf(a.stderr, "awsp: left %s: back to %s\n", a.tilde(filepath.Dir(st.File)), to)
}

// autoFile is the .awsprofile a directory follows: the one named with
// --allow or --deny, else the nearest.
func (a *app) autoFile(cwd string) (*dirprofile.File, error) {
	if len(a.opts.Names) == 1 {
		path := a.opts.Names[0]
		if !filepath.IsAbs(path) {
			path = filepath.Join(cwd, path)
		}
		if st, err := os.Stat(path); err == nil && st.IsDir() {
			path = filepath.Join(path, dirprofile.Name)
		}
		return dirprofile.Read(filepath.Clean(path))
	}
	return dirprofile.Find(cwd)
}

// allowPath is the allow list, in awsp's state directory.
func (a *app) allowPath() string { return filepath.Join(settings.StateDir(a.env), "allow") }

func lookup(env environ.Environ, k string) *string {
	if v, ok := env[k]; ok {
		return &v
	}
	return nil
}

// wantedHere is the profile the current directory's .awsprofile names, for
// --list and the picker to mark.
func (a *app) wantedHere() string {
	cwd, err := a.workingDir()
	if err != nil {
		return ""
	}
	if f, err := dirprofile.Find(cwd); err == nil && f != nil {
		return f.Profile
	}
	return ""
}

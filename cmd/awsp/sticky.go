package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/awsp-dev/awsp/internal/atomicfile"
	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/safefile"
	"github.com/awsp-dev/awsp/internal/settings"
	"github.com/awsp-dev/awsp/internal/shellcode"
)

// The sticky profile (sticky_profile = true in awsp's config, off by
// default): a new shell starts with the profile last chosen in any
// shell, as oh-my-zsh's AWS_PROFILE_STATE_ENABLED does. What a person
// chose (awsp NAME, awsp -, the picker; awsp -u chooses none) is kept in
// the state directory; a .awsprofile switch is the directory's choice,
// not theirs, and is not kept. The init of a new shell reads it back.

// sticky tells whether the setting is on.
func (a *app) sticky() bool { return a.settingsQuietly().StickyProfile }

// stickyPath is the file that holds the last profile chosen.
func (a *app) stickyPath() string {
	dir := settings.StateDir(a.env)
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, "profile")
}

// remember keeps name ("" for none) as the last profile chosen, when
// the setting is on. A state that cannot be written is said, never
// fatal: the switch itself worked.
func (a *app) remember(name string) {
	path := a.stickyPath()
	if !a.sticky() || path == "" {
		return
	}
	var err error
	if name == "" {
		err = os.Remove(path)
		if os.IsNotExist(err) {
			err = nil
		}
	} else {
		err = atomicfile.Write(path, []byte(name+"\n"))
	}
	if err != nil {
		fmt.Fprintf(a.stderr, "awsp: could not keep the sticky profile: %s\n", clean(err.Error()))
	}
}

// rememberAfterLogin is awsp --remember NAME, run by the shell code of a
// switch that logged in first, once the login succeeded: a failed login
// switches nothing, and keeps nothing either.
func (a *app) rememberAfterLogin(name string) error {
	if c, err := a.load(); err != nil {
		return err
	} else if c.Profiles[name] == nil {
		return a.notFound(c, name)
	}
	a.remember(name)
	return nil
}

// stickyCode adds to the init the switch to the profile last chosen,
// when the setting is on and the shell has no profile or keys of its
// own (an AWS_PROFILE already set always wins). A name that is no longer
// a profile in the files is left alone; the name is quoted like every
// value awsp hands a shell, whatever the state file holds.
func (a *app) stickyCode(sh shellcode.Shell) string {
	if a.env["AWS_PROFILE"] != "" || a.env["AWS_DEFAULT_PROFILE"] != "" {
		return ""
	}
	if _, ok := profiles.EnvironmentIdentity(a.env); ok {
		return ""
	}
	path := a.stickyPath()
	if !a.sticky() || path == "" {
		return ""
	}
	// As the allow list beside it: a file another user could have
	// written never picks this shell's identity.
	data, err := safefile.ReadPrivate(path, 4<<10)
	name, _, _ := strings.Cut(string(data), "\n")
	if err != nil || name == "" || !shellcode.Holds(sh, name) {
		return ""
	}
	c, err := awsfiles.Load(a.env)
	if err != nil || c.Profiles[name] == nil {
		return ""
	}
	code := shellcode.New(sh)
	code.Export("AWS_PROFILE", name)
	return code.InitLine()
}

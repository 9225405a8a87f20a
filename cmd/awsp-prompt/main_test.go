package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/environ"
)

func TestRun(t *testing.T) {
	home := t.TempDir()
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	os.WriteFile(filepath.Join(home, ".aws", "config"), []byte("[profile dev]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\nregion = us-east-2\n[profile base]\naws_access_key_id = a\naws_secret_access_key = b\nregion = eu-west-1\n"), 0o600)
	env := environ.Environ{"HOME": home, "AWSP_CACHE_DIR": filepath.Join(home, "cache"), "AWSP_CONFIG": filepath.Join(home, "none"), "NO_COLOR": "1", "AWS_PROFILE": "dev"}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	os.WriteFile(filepath.Join(home, ".aws", "credentials"), []byte("[base]\nx_security_token_expires = 2026-11-23T12:42:00Z\n"), 0o600)
	for _, tc := range []struct {
		args       []string
		code       int
		out, error string
	}{
		{nil, 0, "dev ← base 42m\n", ""}, // the clock is run's
		{[]string{"--shell", "zsh", "--format", "{profile}%{primary} {region}"}, 0, "dev%%base us-east-2\n", ""},
		{[]string{"--shell"}, 2, "", "awsp: --shell needs a value (see awsp-prompt --help)\n"},
		{[]string{"--shell", "tcsh"}, 2, "", "awsp: --shell takes bash, zsh, fish, nu or plain, not \"tcsh\" (see awsp-prompt --help)\n"},
		{[]string{"dev"}, 2, "", "awsp: unknown argument \"dev\" (see awsp-prompt --help)\n"},
		{[]string{"--watch", "../x"}, 2, "", "awsp: --watch takes the shell's process ID, not \"../x\" (see awsp-prompt --help)\n"},
		// The shell integration's form: the segment, the stamp it
		// touched, the files to watch.
		{[]string{"--watch", "42"}, 0, "dev ← base 42m\n" + filepath.Join(home, "cache", "stamps", "42") + "\n" +
			filepath.Join(home, ".aws", "config") + "\n" + filepath.Join(home, ".aws", "credentials") + "\n", ""}, // no awsp config: not watched
		{[]string{"--version"}, 0, "awsp-prompt dev\n", ""},
	} {
		var out, errb bytes.Buffer
		if code := run(tc.args, &out, &errb, env, now); code != tc.code || out.String() != tc.out || errb.String() != tc.error {
			t.Errorf("%q: %d %q %q, want %d %q %q", tc.args, code, out.String(), errb.String(), tc.code, tc.out, tc.error)
		}
	}
	var out bytes.Buffer
	if run([]string{"--help"}, &out, &out, env, now); !strings.HasPrefix(out.String(), "awsp-prompt: ") {
		t.Errorf("--help: %q", out.String())
	}
	// Colour whatever stdout is (a prompt reads it through a pipe), but
	// not with NO_COLOR or TERM=dumb.
	for _, tc := range []struct {
		noColor, term string
		colour        bool
	}{{"", "xterm", true}, {"1", "xterm", false}, {"", "dumb", false}} {
		env["NO_COLOR"], env["TERM"] = tc.noColor, tc.term
		out.Reset()
		run(nil, &out, &out, env, now)
		if strings.Contains(out.String(), "\x1b[") != tc.colour {
			t.Errorf("NO_COLOR=%q TERM=%q into a buffer: %q", tc.noColor, tc.term, out.String())
		}
	}
	env["NO_COLOR"] = "1"
	// No active profile: nothing at all.
	delete(env, "AWS_PROFILE")
	out.Reset()
	if code := run(nil, &out, &out, env, now); code != 0 || out.Len() != 0 {
		t.Errorf("no profile: %d %q", code, out.String())
	}
}

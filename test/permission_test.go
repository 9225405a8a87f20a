package test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/sample"
)

// asUser runs cmd as an unprivileged user when the tests run as root,
// as CI does: root reads any file, so a permission check needs someone
// it applies to (nobody, 65534). Everything the command reads must be
// open to that user.
func asUser(cmd *exec.Cmd) {
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
}

// openTo makes dir and every directory above it up to / traversable by
// others, for asUser.
func openTo(t *testing.T, dir string) {
	t.Helper()
	for d := dir; d != "/" && d != "."; d = filepath.Dir(d) {
		st, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm()&0o005 != 0o005 {
			if err := os.Chmod(d, st.Mode().Perm()|0o055); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestUnreadableFiles: a config or credentials file the user may not
// read is said in one line, with its path and why, exit 2, for every
// command that needs it; the prompt shows the name alone.
func TestUnreadableFiles(t *testing.T) {
	h := t.TempDir()
	if err := sample.Write(h, sample.Files(time.Now())); err != nil {
		t.Fatal(err)
	}
	openTo(t, binDir)
	openTo(t, h)
	filepath.Walk(h, func(path string, info os.FileInfo, err error) error {
		if err == nil {
			os.Chmod(path, info.Mode().Perm()|0o044|map[bool]os.FileMode{true: 0o011}[info.IsDir()])
		}
		return nil
	})
	for _, file := range []string{"config", "credentials"} {
		path := filepath.Join(h, ".aws", file)
		if err := os.Chmod(path, 0); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			args           []string
			code           int
			stdout, stderr string
		}{
			{[]string{"-l"}, 2, "", "awsp: ~/.aws/" + file + ": permission denied (the AWS CLI ignores a file it cannot read)\n"},
			{[]string{"--lint"}, 2, "", "awsp: ~/.aws/" + file + ": permission denied (the AWS CLI ignores a file it cannot read)\n"},
			{[]string{"--eval", "bash", "--protocol", protocol, "dev"}, 2, "", "awsp: ~/.aws/" + file + ": permission denied (the AWS CLI ignores a file it cannot read)\n"},
			{[]string{"--prompt"}, 0, "dev\n", ""},
		} {
			cmd := exec.Command(filepath.Join(binDir, "awsp-real"), tc.args...)
			cmd.Env = []string{"HOME=" + h, "PATH=/usr/bin:/bin", "NO_COLOR=1", "AWS_PROFILE=dev", "AWSP_CACHE_DIR=" + filepath.Join(h, "cache-"+file)}
			cmd.Dir = h
			asUser(cmd)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			cmd.Run()
			if code := cmd.ProcessState.ExitCode(); code != tc.code || stdout.String() != tc.stdout || stderr.String() != tc.stderr {
				t.Errorf("%s unreadable, awsp %q: exit %d %q %q, want exit %d %q %q", file, tc.args, code, stdout.String(), stderr.String(), tc.code, tc.stdout, tc.stderr)
			}
		}
		os.Chmod(path, 0o644)
	}
}

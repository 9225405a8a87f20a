package test

import (
	"context"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNothingRunsNothingGoesOut runs every command of awsp under strace
// on files whose credential_process, web identity and kube plugins would
// leave a marker: no marker appears, no program but awsp is executed, and
// no socket is opened.
func TestNothingRunsNothingGoesOut(t *testing.T) {
	requireTools(t, "strace")
	h := tempHome(t)
	marker := filepath.Join(h, "ran")
	files := map[string]string{
		".aws/config": `[profile proc]
credential_process = /usr/bin/touch ` + marker + `-process
[profile via-proc]
source_profile = proc
role_arn = arn:aws:iam::123456789012:role/R
[profile web]
web_identity_token_file = ` + marker + `-token
role_arn = arn:aws:iam::123456789012:role/W
[profile sso]
sso_start_url = https://x.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = R
`,
		".kube/config": `users:
- name: u
  user:
    exec:
      command: /usr/bin/touch
      args: [` + marker + `-kube, eks]
`,
	}
	writeFiles(t, h, files)
	// A FIFO where the XDG user-dirs file would be: reading it would hang.
	os.MkdirAll(filepath.Join(h, ".config"), 0o700)
	if err := syscall.Mkfifo(filepath.Join(h, ".config", "user-dirs.dirs"), 0o600); err != nil {
		t.Fatal(err)
	}
	// The binaries as install.sh builds them, and as a plain go build or
	// go install does (cgo on where a C compiler is): both static.
	defaultBuild := t.TempDir()
	for _, cmd := range []string{"awsp", "awsp-prompt"} {
		build := exec.Command("go", "build", "-o", filepath.Join(defaultBuild, cmd), "./cmd/"+cmd)
		build.Dir = ".."
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		if f, err := elf.Open(filepath.Join(defaultBuild, cmd)); err != nil {
			t.Fatal(err)
		} else {
			for _, p := range f.Progs {
				if p.Type == elf.PT_INTERP {
					t.Errorf("the default build of %s is dynamically linked", cmd)
				}
			}
			f.Close()
		}
	}
	for _, dir := range []string{binDir, defaultBuild} {
		suffix := ""
		if dir == binDir {
			suffix = "-real"
		}
		traceEveryCommand(t, h, filepath.Join(dir, "awsp"+suffix), filepath.Join(dir, "awsp-prompt"+suffix))
	}
	matches, _ := filepath.Glob(marker + "*")
	if len(matches) > 0 {
		t.Errorf("a program named in a config ran: %v", matches)
	}
}

// traceEveryCommand runs each command under strace: none executes a
// program or opens a socket (with HOME unset and a ~user path too, where
// a cgo build would ask nscd), none reads the XDG user-dirs file, and
// none hangs.
func traceEveryCommand(t *testing.T, h, awsp, awspPrompt string) {
	t.Helper()
	for _, argv := range [][]string{
		{awsp, "-l"}, {awsp, "-l", "--json"}, {awsp, "-s", "via-proc"}, {awsp, "-s", "web", "--json"}, {awsp, "--lint"}, {awsp, "--lint", "--json"},
		{awsp, "--prompt"}, {awsp, "-c"}, {awsp, "--complete", "zsh"}, {awsp, "--complete", "fish"}, {awsp, "--complete", "bash", "--", "awsp", "v", "awsp v"},
		{awsp, "--eval", "bash", "--protocol", protocol, "via-proc"}, {awsp, "--eval", "zsh", "--protocol", protocol, "sso"}, {awsp, "--init", "bash"}, {awsp, "--version"},
		{awsp, "--eval", "nu", "--protocol", protocol, "sso"}, {awsp, "--init", "nu"}, {awsp, "--complete", "nu", "--", "awsp "}, {awspPrompt, "--shell", "nu"},
		{awspPrompt}, {awspPrompt, "--shell", "zsh"}, {"no-home", awsp, "-l"}, {"no-home", awspPrompt}, {"tilde-user", awsp, "-l"},
		// awsp console opens no connection, with --federate neither: the
		// shell runs the AWS CLI and awsp-net. awsp exec runs no command;
		// awsp sso sync leaves the portal to awsp-net.
		{awsp, "console", "sso", "--service", "s3"}, {awsp, "--eval", "bash", "--protocol", protocol, "console", "via-proc"},
		{awsp, "--eval", "zsh", "--protocol", protocol, "console", "sso", "--url"}, {awsp, "--eval", "fish", "--protocol", protocol, "console", "via-proc", "--federate"},
		{awsp, "--eval", "bash", "--protocol", protocol, "exec", "via-proc", "--", "/usr/bin/touch", filepath.Join(h, "ran-exec")},
		{awsp, "--eval", "nu", "--protocol", protocol, "exec", "sso", "--", "/usr/bin/touch", filepath.Join(h, "ran-exec")},
		{awsp, "--eval", "bash", "--protocol", protocol, "sso", "sync", "--write"}, {awsp, "sso", "sync"},
	} {
		env := []string{"HOME=" + h, "PATH=/usr/bin:/bin", "AWS_PROFILE=via-proc"}
		switch argv[0] {
		case "no-home":
			env, argv = env[1:], argv[1:]
		case "tilde-user":
			env, argv = append(env, "AWS_CONFIG_FILE=~root/.aws/config"), argv[1:]
		}
		log := filepath.Join(h, "strace.log")
		os.RemoveAll(filepath.Join(h, ".cache"))                                 // each run parses the files anew
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second) // a hang, not a timing
		cmd := exec.CommandContext(ctx, "strace", append([]string{"-f", "-qq", "-e", "trace=execve,socket,connect,openat", "-o", log}, argv...)...)
		cmd.Env = env
		cmd.Run() // exit codes vary by command; what it did is in the log
		if ctx.Err() != nil {
			t.Errorf("%v hung", argv)
		}
		cancel()
		data, err := os.ReadFile(log)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			if strings.Contains(line, "socket(") || strings.Contains(line, "connect(") {
				t.Errorf("%v opened a socket: %s", argv, line)
			}
			if strings.Contains(line, "execve(") && !strings.Contains(line, argv[0]) {
				t.Errorf("%v executed a program: %s", argv, line)
			}
			if strings.Contains(line, "user-dirs") {
				t.Errorf("%v read the XDG user-dirs file: %s", argv, line)
			}
		}
	}
}

package test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
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
	awsp, awspPrompt := filepath.Join(binDir, "awsp-real"), filepath.Join(binDir, "awsp-prompt-real")
	for _, argv := range [][]string{
		{awsp, "-l"}, {awsp, "-l", "--json"}, {awsp, "-s", "via-proc"}, {awsp, "-s", "web", "--json"}, {awsp, "--lint"}, {awsp, "--lint", "--json"},
		{awsp, "--prompt"}, {awsp, "-c"}, {awsp, "--complete", "zsh"}, {awsp, "--complete", "fish"}, {awsp, "--complete", "bash", "--", "awsp", "v", "awsp v"},
		{awsp, "--eval", "bash", "via-proc"}, {awsp, "--eval", "zsh", "sso"}, {awsp, "--init", "bash"}, {awsp, "--version"},
		{awspPrompt}, {awspPrompt, "--shell", "zsh"},
	} {
		log := filepath.Join(h, "strace.log")
		os.RemoveAll(filepath.Join(h, ".cache")) // each run parses the files anew
		cmd := exec.Command("strace", append([]string{"-f", "-qq", "-e", "trace=execve,socket,connect", "-o", log}, argv...)...)
		cmd.Env = []string{"HOME=" + h, "PATH=/usr/bin:/bin", "AWS_PROFILE=via-proc"}
		cmd.Run() // exit codes vary by command; what it did is in the log
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
		}
	}
	matches, _ := filepath.Glob(marker + "*")
	if len(matches) > 0 {
		t.Errorf("a program named in a config ran: %v", matches)
	}
}

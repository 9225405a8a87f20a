package test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/sample"
)

// setEnv is the line that exports a variable in shell.
func setEnv(shell, name, value string) string {
	switch shell {
	case "fish":
		return "set -gx " + name + " '" + value + "'"
	case "nu":
		return "$env." + name + " = '" + value + "'"
	}
	return "export " + name + "='" + value + "'"
}

// probe prints the variables a command run by awsp exec sees, then
// exits with status.
func probe(status int) string {
	return `sh -c 'echo "<$AWS_PROFILE|${AWS_ACCESS_KEY_ID-none}|${AWS_REGION-none}|${AWS_DEFAULT_REGION-none}>"; exit ` + strconv.Itoa(status) + `'`
}

// TestExec runs one command as a profile in each shell, as a person
// types it: the command sees the profile as a switch sets it (keys
// cleared, -r's region), its status is the shell's, and the shell's own
// variables stay as they were, whatever the name holds.
func TestExec(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "nu"} {
		t.Run(shell, func(t *testing.T) {
			h := home(t, shell)
			tm := startShell(t, shell, h)
			tm.run("awsp prod")
			tm.run(setEnv(shell, "AWS_ACCESS_KEY_ID", "outer"))
			tm.clear()
			tm.run(`awsp exec 'a&b' -- ` + probe(7))
			tm.waitForLine("<a&b|none|none|none>")
			tm.echo("status=" + dialects[shell].status)
			tm.waitFor("status=7")
			tm.profileIs("prod")
			tm.echo("key=$AWS_ACCESS_KEY_ID region=$AWS_REGION")
			tm.waitFor("key=outer region=\n")
			tm.run(`awsp exec 'team sandbox' -r us-east-2 -- ` + probe(0))
			tm.waitForLine("<team sandbox|none|us-east-2|us-east-2>")
			tm.run(`awsp exec '$(touch $HOME/pwned1)' ` + probe(0)) // no "--": the command starts at the first word
			tm.waitForLine("<$(touch $HOME/pwned1)|none|none|none>", "echo")
			tm.profileIs("prod")
			tm.run("awsp exec nowhere -- env")
			tm.waitFor(`awsp: no profile "nowhere"`)
			tm.noShellErrors()
			if m, _ := filepath.Glob(filepath.Join(h, "pwned*")); len(m) > 0 {
				t.Errorf("a name ran as code: %v", m)
			}
		})
	}
}

// The stand-in session's secrets: they must reach the federation
// endpoint and no process's arguments.
const (
	fedSecret = "FEDSECRETVALUE0006"
	fedToken  = "FEDSESSIONTOKEN0007"
)

// TestConsole opens the console in each shell as a person would: a
// Derived profile through the federation endpoint (--federate: a
// stand-in aws prints the session's credentials, a loopback endpoint
// checks the request and answers a token), then the two steps of its
// shortcut link and switch-role page, then an address printed. The
// stand-in browser records what it was given; strace, attached to the
// shell, shows the credentials in no process's arguments.
func TestConsole(t *testing.T) {
	requireTools(t, "strace")
	var mu sync.Mutex
	requests := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		var session map[string]string
		json.Unmarshal([]byte(q.Get("Session")), &session)
		want := map[string]string{"sessionId": "ASIAFEDERATE", "sessionKey": fedSecret, "sessionToken": fedToken}
		if q.Get("Action") != "getSigninToken" || q.Has("SessionDuration") || len(session) != 3 || session["sessionId"] != want["sessionId"] || session["sessionKey"] != want["sessionKey"] || session["sessionToken"] != want["sessionToken"] {
			t.Errorf("the federation endpoint was asked %s with %d session keys", r.URL.Path, len(session))
			w.WriteHeader(400)
			return
		}
		mu.Lock()
		requests++
		mu.Unlock()
		w.Write([]byte(`{"SigninToken":"SIGNIN-TOKEN-42"}`))
	}))
	defer srv.Close()
	endpoint := srv.URL + "/federation"
	for _, shell := range []string{"bash", "zsh", "fish", "nu"} {
		t.Run(shell, func(t *testing.T) {
			h := home(t, shell)
			bin := filepath.Join(h, "bin")
			writeFiles(t, h, map[string]string{
				"bin/aws": "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"$HOME/aws.log\"\n" +
					"[ \"$1 $2\" = 'configure export-credentials' ] || exit 1\n" +
					`printf '{"Version": 1, "AccessKeyId": "ASIAFEDERATE", "SecretAccessKey": "` + fedSecret + `", "SessionToken": "` + fedToken + `", "Expiration": "2030-01-01T00:00:00Z"}\n'` + "\n",
				"bin/browser": "#!/bin/sh\nprintf '%s\\n' \"$@\" >> \"$HOME/browser.log\"\n",
			})
			os.Chmod(filepath.Join(bin, "aws"), 0o755)
			os.Chmod(filepath.Join(bin, "browser"), 0o755)
			tm := startShell(t, shell, h)
			path := bin + ":" + binDir + ":/usr/local/bin:/usr/bin:/bin"
			for _, line := range []string{setEnv(shell, "PATH", path), setEnv(shell, "BROWSER", filepath.Join(bin, "browser")), setEnv(shell, "AWSP_FEDERATION_ENDPOINT", endpoint)} {
				tm.run(line)
			}
			tm.clear()
			trace := traceShell(t, tm, h)
			before := requests
			tm.run("awsp console dev --federate")
			opened := waitLines(t, filepath.Join(h, "browser.log"), 1)
			tm.run("awsp console dev")
			opened = waitLines(t, filepath.Join(h, "browser.log"), 2)
			tm.run("awsp console sso --url --service s3 -r us-east-1")
			tm.waitFor("destination=https%3A%2F%2Fus-east-1.console.aws.amazon.com%2Fs3%2Fhome%3Fregion%3Dus-east-1\n")
			tm.mark("DONE")
			tm.waitFor("DONE-42")
			log := trace()
			shortcut := "https://corp.awsapps.com/start/#/console?account_id=111111111111&role_name=Identity&destination=" + url.QueryEscape("https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1")
			want := []string{
				endpoint + "?Action=login&Issuer=awsp&Destination=" + url.QueryEscape("https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1") + "&SigninToken=SIGNIN-TOKEN-42",
				shortcut,
			}
			if strings.Join(opened, "\n") != strings.Join(want, "\n") {
				t.Errorf("the browser opened\n%q\nwant\n%q", opened, want)
			}
			if requests != before+1 {
				t.Errorf("the federation endpoint was asked %d times", requests-before)
			}
			if data, _ := os.ReadFile(filepath.Join(h, "aws.log")); string(data) != "configure export-credentials --profile dev --format process\n" {
				t.Errorf("the AWS CLI ran with %q", data)
			}
			tm.waitFor("step 2 of 2, once the console is open: switches to role Developer in account 333333333333; the console switches from the first session alone, not through identity: the role must trust sso's identity (else awsp console --federate): https://signin.aws.amazon.com/switchrole?account=333333333333&roleName=Developer&displayName=dev")
			for _, ran := range []string{"awsp-net", bin + "/aws", bin + "/browser"} {
				if !strings.Contains(log, ran) {
					t.Errorf("strace saw no %s run:\n%s", ran, log)
				}
			}
			for _, secret := range []string{fedSecret, fedToken} {
				if strings.Contains(log, secret) {
					t.Errorf("a process had a credential in its arguments")
				}
			}
			tm.noShellErrors()
		})
	}
}

// traceShell attaches strace to the shell in tm, following every process
// it starts, and returns what stops it and gives the programs they ran
// with their arguments.
func traceShell(t *testing.T, tm *term, h string) func() string {
	t.Helper()
	out, err := exec.Command("tmux", "-S", tm.sock, "display-message", "-p", "-t", "0", "#{pane_pid}").Output()
	if err != nil {
		t.Fatal(err)
	}
	pid := shellProcess(strings.TrimSpace(string(out)))
	log := filepath.Join(h, "strace.log")
	cmd := exec.Command("strace", "-f", "-qq", "-s", "100000", "-e", "trace=execve", "-o", log, "-p", pid)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ { // until it is attached: a poll, not a timing
		if status, _ := os.ReadFile("/proc/" + pid + "/status"); strings.Contains(string(status), "TracerPid:\t") && !strings.Contains(string(status), "TracerPid:\t0\n") {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	return func() string {
		cmd.Process.Signal(syscall.SIGINT) // detaches
		cmd.Wait()
		data, _ := os.ReadFile(log)
		return string(data)
	}
}

// shellProcess is the shell's own process below the pane's: nushell
// installed from npm is a node script that starts the real nu.
func shellProcess(pid string) string {
	for {
		comm, _ := os.ReadFile("/proc/" + pid + "/comm")
		if strings.TrimSpace(string(comm)) != "node" {
			return pid
		}
		tasks, _ := filepath.Glob("/proc/" + pid + "/task/*/children")
		var children []string
		for _, task := range tasks {
			data, _ := os.ReadFile(task)
			children = append(children, strings.Fields(string(data))...)
		}
		if len(children) != 1 {
			return pid
		}
		pid = children[0]
	}
}

// waitLines polls until the file has n lines, and returns them.
func waitLines(t *testing.T, path string, n int) []string {
	t.Helper()
	var lines []string
	for i := 0; i < 200; i++ {
		data, _ := os.ReadFile(path)
		if lines = strings.Split(strings.TrimSuffix(string(data), "\n"), "\n"); len(data) > 0 && len(lines) >= n {
			return lines
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s never had %d lines: %q", path, n, lines)
	return nil
}

// TestExecCompletes: the word exec completes first, and after awsp exec
// NAME -- the command completes as it would alone, in each shell.
func TestExecCompletes(t *testing.T) {
	target := filepath.Join(binDir, "awspexectarget")
	if err := os.WriteFile(target, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, shell := range []string{"bash", "zsh", "fish", "nu"} {
		t.Run(shell, func(t *testing.T) {
			tm := startShell(t, shell, home(t, shell))
			tm.clear()
			tm.typeText("awsp exe")
			tm.keys("Tab")
			tm.waitFor("awsp exec")
			if tm.nu { // nushell adds no space after a candidate of a custom completer
				tm.typeText(" ")
			}
			tm.typeText("dev -- awspexect")
			tm.keys("Tab")
			tm.waitFor("awsp exec dev -- awspexectarget")
			tm.cancelLine()
			tm.noShellErrors()
		})
	}
}

// TestSSOSync syncs from a stand-in IAM Identity Center portal in each
// shell as a person would: the diff and the question, a no, then
// --write; the new profile lists, completes and switches like any other.
func TestSSOSync(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Amz-Sso_bearer_token") != sample.SSOAccessToken {
			w.Header().Set("X-Amzn-Errortype", "UnauthorizedException")
			w.WriteHeader(401)
			return
		}
		switch r.URL.Path {
		case "/assignment/accounts":
			w.Write([]byte(`{"accountList": [{"accountId": "777777777777", "accountName": "Acme Data"}]}`))
		case "/assignment/roles":
			w.Write([]byte(`{"roleList": [{"accountId": "777777777777", "roleName": "Analyst"}]}`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	for _, shell := range []string{"bash", "zsh", "fish", "nu"} {
		t.Run(shell, func(t *testing.T) {
			h := home(t, shell)
			tm := startShell(t, shell, h)
			tm.run(setEnv(shell, "AWS_ENDPOINT_URL_SSO", srv.URL))
			tm.clear()
			tm.run("awsp sso sync")
			tm.waitFor("+[profile Acme-Data-Analyst]")
			tm.waitFor("write these changes to ~/.aws/config? [y/N]")
			tm.answer("n")
			tm.waitFor("awsp: nothing written")
			tm.run("awsp sso sync --write")
			tm.waitFor("awsp: wrote ~/.aws/config (the old one is ~/.aws/config.awsp-backup)")
			data, _ := os.ReadFile(filepath.Join(h, ".aws", "config"))
			if !strings.HasPrefix(string(data), sample.Config) || !strings.Contains(string(data), "[profile Acme-Data-Analyst]\nsso_session = corp\nsso_account_id = 777777777777\nsso_role_name = Analyst\nsso_account_name = Acme Data\n") {
				t.Errorf("the config after the sync:\n%s", data)
			}
			tm.run("awsp Acme-Data-Analyst")
			tm.profileIs("Acme-Data-Analyst")
			tm.noShellErrors()
		})
	}
}

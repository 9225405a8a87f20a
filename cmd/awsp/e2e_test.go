package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/sample"
	"github.com/awsp-dev/awsp/internal/view"
)

// startMoto runs moto_server, a local fake AWS, on 127.0.0.1 and returns
// its address. The server stops with the test.
func startMoto(t *testing.T) string {
	t.Helper()
	if os.Getenv("AWSP_SKIP_AWS_CLI") == "1" {
		t.Skip("AWSP_SKIP_AWS_CLI=1")
	}
	for _, tool := range []string{"aws", "moto_server"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is required for the end-to-end test (set AWSP_SKIP_AWS_CLI=1 to skip): %v", tool, err)
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, port, _ := net.SplitHostPort(addr)
	cmd := exec.Command("moto_server", "-H", "127.0.0.1", "-p", port)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for i := 0; i < 150; i++ {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return "http://" + addr
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("moto_server did not start on %s", addr)
	return ""
}

// e2eConfig has chains that work, all reachable without SSO or MFA, so the
// real AWS CLI can run each against moto; sample.Broken adds every way a
// chain breaks.
const e2eConfig = `
[profile base]
region = us-east-1

[profile dev]
source_profile = base
role_arn = arn:aws:iam::123456789012:role/Dev

[profile dev2]
source_profile = dev
role_arn = arn:aws:iam::123456789012:role/Dev2
duration_seconds = 1800
role_session_name = awsp-e2e
external_id = ext-1

[profile self]
source_profile = self
role_arn = arn:aws:iam::123456789012:role/Self

[profile keyed-source]
source_profile = keyed
role_arn = arn:aws:iam::123456789012:role/FromKeyed

[profile keyed]
source_profile = base
role_arn = arn:aws:iam::123456789012:role/IgnoredWhenSource

[profile env]
credential_source = Environment
role_arn = arn:aws:iam::123456789012:role/Env
`

const e2eCredentials = `
[base]
aws_access_key_id = AKIDEXAMPLEBASE
aws_secret_access_key = e2e-not-a-secret

[self]
aws_access_key_id = AKIDEXAMPLESELF
aws_secret_access_key = e2e-not-a-secret

[keyed]
aws_access_key_id = AKIDEXAMPLEKEYED
aws_secret_access_key = e2e-not-a-secret
`

// TestAgainstAWSCLI runs the real AWS CLI against moto for every profile:
// aws sts get-caller-identity must succeed exactly where awsp reports no
// error, and afterwards awsp --show must report the expiry of each role the
// CLI cached.
func TestAgainstAWSCLI(t *testing.T) {
	endpoint := startMoto(t)
	home := t.TempDir()
	writeFile(t, filepath.Join(home, ".aws", "config"), e2eConfig+"\n"+sample.Broken)
	writeFile(t, filepath.Join(home, ".aws", "credentials"), e2eCredentials+"\n"+sample.BrokenCredentials)
	env := environ.Environ{"HOME": home, "AWSP_CONFIG": filepath.Join(home, "none")}
	c, err := awsfiles.Load(env)
	if err != nil {
		t.Fatal(err)
	}

	type result struct {
		name   string
		ok     bool
		output string
	}
	results := make(chan result)
	names := c.Names()
	var wg sync.WaitGroup
	work := make(chan string)
	for w := 0; w < 2; w++ { // two cores
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range work {
				cmd := exec.Command("aws", "sts", "get-caller-identity", "--profile", name, "--output", "json")
				cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "AWS_ENDPOINT_URL=" + endpoint,
					"AWS_EC2_METADATA_DISABLED=true", "AWS_DEFAULT_REGION=us-east-1",
					// Only credential_source = Environment reads these: an
					// explicit --profile turns the environment off otherwise.
					"AWS_ACCESS_KEY_ID=AKIDEXAMPLEENV", "AWS_SECRET_ACCESS_KEY=e2e-not-a-secret"}
				out, err := cmd.CombinedOutput()
				results <- result{name, err == nil, string(out)}
			}
		}()
	}
	go func() {
		for _, n := range names {
			work <- n
		}
		close(work)
		wg.Wait()
		close(results)
	}()
	cliOK := map[string]bool{}
	for r := range results {
		cliOK[r.name] = r.ok
		var show view.ShowJSON
		stdout, _ := runAwsp(t, env, "--show", r.name, "--json")
		if err := json.Unmarshal([]byte(stdout), &show); err != nil {
			t.Fatalf("%s: --show --json: %v\n%s", r.name, err, stdout)
		}
		// A profile of settings alone gets its credentials from the
		// environment, a container or the instance: here, none.
		settingsOnly := len(show.Chain) == 1 && deref(show.Chain[0].CredentialType) == "none"
		awspOK := show.Error == nil && !settingsOnly
		if awspOK != r.ok {
			t.Errorf("profile %s: aws sts get-caller-identity ok=%v, awsp error=%v\naws said: %s", r.name, r.ok, deref(show.Error), strings.TrimSpace(r.output))
		}
	}
	for _, want := range []string{"dev", "dev2", "self", "keyed-source", "env", "base"} {
		if !cliOK[want] {
			t.Errorf("the fixture's working profile %s failed in the AWS CLI: the test proves nothing", want)
		}
	}

	// Every role the CLI assumed is in its cache; awsp must read each
	// expiry back at the hop that assumed it.
	cached := map[string]bool{}
	files, _ := filepath.Glob(filepath.Join(home, ".aws", "cli", "cache", "*.json"))
	for _, f := range files {
		var entry struct{ Credentials struct{ Expiration string } }
		data, _ := os.ReadFile(f)
		if err := json.Unmarshal(data, &entry); err != nil {
			t.Fatal(err)
		}
		exp, err := time.Parse(time.RFC3339Nano, entry.Credentials.Expiration)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		cached[strings.TrimSuffix(filepath.Base(f), ".json")+" "+exp.UTC().Truncate(time.Second).Format(time.RFC3339)] = true
	}
	if len(cached) == 0 {
		t.Fatal("the AWS CLI cached nothing")
	}
	for _, name := range []string{"dev2", "keyed-source", "self"} {
		var show view.ShowJSON
		stdout, _ := runAwsp(t, env, "--show", name, "--json")
		if err := json.Unmarshal([]byte(stdout), &show); err != nil {
			t.Fatal(err)
		}
		for _, hop := range show.Chain {
			exp := hop.Expires
			if hop.RoleExpires != nil {
				exp = hop.RoleExpires
			}
			if hop.RoleARN == nil {
				continue
			}
			if exp == nil {
				t.Errorf("%s: hop %s assumed %s but awsp found no cached expiry", name, hop.Name, *hop.RoleARN)
				continue
			}
			source := hop.ExpiresSource
			if hop.RoleExpires != nil {
				source = hop.RoleExpiresSource // a Primary's role
			}
			// The very file the AWS CLI wrote, with that expiry.
			if !cached[strings.TrimSuffix(filepath.Base(deref(source)), ".json")+" "+*exp] {
				t.Errorf("%s: hop %s: awsp says %s (%s), the CLI cache has %v", name, hop.Name, *exp, deref(hop.ExpiresSource), cached)
			}
		}
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// runAwsp runs awsp in-process and returns stdout and the exit code.
func runAwsp(t *testing.T, env environ.Environ, args ...string) (string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errOut, at(env, time.Now()))
	if errOut.Len() > 0 {
		t.Logf("awsp %s: stderr: %s", strings.Join(args, " "), errOut.String())
	}
	return out.String(), code
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return fmt.Sprint(*s)
}

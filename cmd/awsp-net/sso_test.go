package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/retry"

	"github.com/awsp-dev/awsp/internal/atomicfile"
	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/ssosync"
	"github.com/awsp-dev/awsp/internal/testenv"
)

// update rewrites testdata/synced.config, the file a sync makes, which
// internal/profiles' differential tests also read with botocore and the
// Go SDK.
var update = flag.Bool("update", false, "rewrite testdata/synced.config")

const portalToken = "PORTALACCESSTOKEN0008"

// portal is a stand-in IAM Identity Center portal: the accounts and roles
// it grants, in pages of two; throttling for a number of requests; a
// token it refuses.
type portal struct {
	mu       sync.Mutex
	accounts [][2]string // ID, name
	roles    map[string][]string
	throttle int // the next requests answered 429
	refuse   bool
	inFlight atomic.Int64
	most     atomic.Int64
	requests atomic.Int64
}

func (p *portal) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.requests.Add(1)
	now := p.inFlight.Add(1)
	defer p.inFlight.Add(-1)
	for most := p.most.Load(); now > most && !p.most.CompareAndSwap(most, now); most = p.most.Load() {
	}
	time.Sleep(time.Millisecond) // requests overlap, as a real portal's do
	p.mu.Lock()
	throttled := p.throttle > 0
	if throttled {
		p.throttle--
	}
	p.mu.Unlock()
	fail := func(status int, code string) {
		w.Header().Set("X-Amzn-Errortype", code)
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"message":"%s"}`, code)
	}
	switch {
	case r.Header.Get("X-Amz-Sso_bearer_token") != portalToken || p.refuse:
		fail(401, "UnauthorizedException")
		return
	case throttled:
		fail(429, "TooManyRequestsException")
		return
	}
	start, _ := strconv.Atoi(r.URL.Query().Get("next_token"))
	page := func(n int) (int, string) {
		end := min(start+2, n)
		next := ""
		if end < n {
			next = strconv.Itoa(end)
		}
		return end, next
	}
	switch r.URL.Path {
	case "/assignment/accounts":
		end, next := page(len(p.accounts))
		var list []map[string]string
		for _, a := range p.accounts[start:end] {
			list = append(list, map[string]string{"accountId": a[0], "accountName": a[1], "emailAddress": "x@example.com"})
		}
		json.NewEncoder(w).Encode(map[string]any{"accountList": list, "nextToken": next})
	case "/assignment/roles":
		id := r.URL.Query().Get("account_id")
		roles := p.roles[id]
		end, next := page(len(roles))
		var list []map[string]string
		for _, role := range roles[start:end] {
			list = append(list, map[string]string{"accountId": id, "roleName": role})
		}
		json.NewEncoder(w).Encode(map[string]any{"roleList": list, "nextToken": next})
	default:
		http.NotFound(w, r)
	}
}

var syncNow = time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)

const userConfig = `# mine
[profile by-hand]
region = eu-west-1 ; a comment

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
`

// syncHome is a HOME with the user's config and a login to corp that
// ends in an hour.
func syncHome(t *testing.T, srv string) environ.Environ {
	t.Helper()
	home := t.TempDir()
	cache := filepath.Join(home, ".aws", "sso", "cache")
	os.MkdirAll(cache, 0o700)
	os.WriteFile(filepath.Join(home, ".aws", "config"), []byte(userConfig), 0o644)
	tok := fmt.Sprintf(`{"startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1", "accessToken": %q, "expiresAt": %q}`, portalToken, syncNow.Add(time.Hour).Format(time.RFC3339))
	os.WriteFile(filepath.Join(cache, profiles.SHA1("corp")+".json"), []byte(tok), 0o600)
	return environ.Environ{"HOME": home, "AWS_ENDPOINT_URL_SSO": srv}
}

func syncOnce(t *testing.T, env environ.Environ, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	o, perr := cli.Parse(append([]string{"sso", "sync"}, args...))
	if perr != nil {
		t.Fatal(perr)
	}
	var out, errb bytes.Buffer
	s := &syncer{opts: o, env: env, stdout: &out, stderr: &errb, client: http.DefaultClient, now: func() time.Time { return syncNow },
		backoff: retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return time.Millisecond, nil }),
		ask:     func(string) bool { t.Fatal("asked without a terminal"); return false }}
	err = s.run(context.Background())
	if strings.Contains(out.String()+errb.String(), portalToken) {
		t.Errorf("the access token was printed")
	}
	return out.String(), errb.String(), err
}

func TestSSOSync(t *testing.T) {
	p := &portal{
		accounts: [][2]string{{"111111111111", "Acme Prod"}, {"222222222222", "Acme Dev"}, {"333333333333", "Sandbox"}},
		roles:    map[string][]string{"111111111111": {"Admin", "ReadOnly", "Billing"}, "222222222222": {"Admin"}, "333333333333": {"Admin"}},
		throttle: 3,
	}
	srv := httptest.NewServer(p)
	defer srv.Close()
	env := syncHome(t, srv.URL)
	config := filepath.Join(env["HOME"], ".aws", "config")

	// --dry-run: the diff, nothing written.
	out, errs, err := syncOnce(t, env, "--dry-run")
	if err != nil || !strings.HasPrefix(out, "--- a/~/.aws/config\n+++ b/~/.aws/config\n") || !strings.Contains(out, "+[profile Acme-Prod-Billing]\n") {
		t.Fatalf("dry run: %v\n%s\n%s", err, out, errs)
	}
	if data, _ := os.ReadFile(config); string(data) != userConfig {
		t.Fatal("--dry-run wrote")
	}
	if errs != "awsp: corp: 5 profiles, 5 new\n" {
		t.Errorf("dry run said %q", errs)
	}
	// --write: the exact file, the backup beside it, the mode kept.
	_, errs, err = syncOnce(t, env, "--write", "-r", "us-east-1")
	if err != nil || errs != "awsp: corp: 5 profiles, 5 new\nawsp: wrote ~/.aws/config (the old one is ~/.aws/config.awsp-backup)\n" {
		t.Fatalf("write: %v %q", err, errs)
	}
	got, _ := os.ReadFile(config)
	if *update {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile("testdata/synced.config", got, 0o644)
	}
	want, err := os.ReadFile("testdata/synced.config")
	if err != nil {
		t.Fatalf("%v (go test -run TestSSOSync -update writes it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("the synced file:\n%s\nwant (testdata/synced.config):\n%s", got, want)
	}
	if b, _ := os.ReadFile(config + atomicfile.BackupSuffix); string(b) != userConfig {
		t.Errorf("backup %q", b)
	}
	if st, _ := os.Stat(config); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", st.Mode())
	}
	if most := p.most.Load(); most > inFlight+1 || most < 2 {
		t.Errorf("%d requests at once", most)
	}
	// Again: nothing changed, nothing written.
	os.Remove(config + atomicfile.BackupSuffix)
	out, errs, err = syncOnce(t, env, "--write", "-r", "us-east-1")
	if err != nil || out != "" || errs != "awsp: corp: 5 profiles\nawsp: ~/.aws/config: nothing changed\n" {
		t.Errorf("second sync: %v %q %q", err, out, errs)
	}
	if _, err := os.Stat(config + atomicfile.BackupSuffix); err == nil {
		t.Error("a second sync wrote")
	}
	// A hand edit outside the block stays; a revoked account is kept,
	// then pruned.
	edited := strings.Replace(string(got), "region = eu-west-1 ; a comment", "region = eu-west-2  ; moved", 1)
	os.WriteFile(config, []byte(edited), 0o644)
	p.mu.Lock()
	p.accounts = p.accounts[:2]
	p.mu.Unlock()
	_, errs, _ = syncOnce(t, env, "--write", "-r", "us-east-1")
	if errs != "awsp: corp: 5 profiles, 1 no longer granted, kept (--prune removes them)\nawsp: ~/.aws/config: nothing changed\n" {
		t.Errorf("revoked: %q", errs)
	}
	out, errs, _ = syncOnce(t, env, "--write", "-r", "us-east-1", "--prune")
	after, _ := os.ReadFile(config)
	wantAfter := strings.Replace(edited, "\n[profile Sandbox-Admin]\nsso_session = corp\nsso_account_id = 333333333333\nsso_role_name = Admin\nsso_account_name = Sandbox\nregion = us-east-1\n", "", 1)
	wantAfter = replaceSum(wantAfter, string(after))
	if string(after) != wantAfter || !strings.Contains(out, "-[profile Sandbox-Admin]\n") || !strings.HasPrefix(errs, "awsp: corp: 4 profiles, 1 removed\n") {
		t.Errorf("prune:\n%s\nwant\n%s\n%s", after, wantAfter, errs)
	}
}

// replaceSum puts the checksum of got's block into want.
func replaceSum(want, got string) string {
	const mark = "sha256:"
	i, j := strings.Index(want, mark), strings.Index(got, mark)
	if i < 0 || j < 0 {
		return want
	}
	return want[:i] + got[j:j+len(mark)+16] + want[i+len(mark)+16:]
}

// TestSSOSyncFails: whatever fails leaves the file as it was and says so
// in one line.
func TestSSOSyncFails(t *testing.T) {
	granted := func() *portal {
		return &portal{accounts: [][2]string{{"111111111111", "Acme"}}, roles: map[string][]string{"111111111111": {"Admin"}}}
	}
	refused := granted()
	refused.refuse = true
	storm := granted()
	storm.throttle = 1000
	dropped := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Close()
	}))
	defer dropped.Close()
	for _, c := range []struct {
		name  string
		p     http.Handler
		setup func(env environ.Environ)
		args  []string
		want  string
	}{
		{"refused", refused, nil, nil, "the portal refused the access token of corp (UnauthorizedException): aws sso login --sso-session corp, then sync again; nothing was written"},
		{"throttle storm", storm, nil, nil, "the portal of corp kept answering TooManyRequestsException, 10 attempts a request: nothing was written; sync again later"},
		{"dropped", dropped.Config.Handler, nil, nil, "the portal of corp (eu-west-1) could not be reached: EOF; nothing was written"},
		{"logged out", granted(), func(env environ.Environ) {
			os.Remove(filepath.Join(env["HOME"], ".aws", "sso", "cache", profiles.SHA1("corp")+".json"))
		}, nil, "not logged in to the sso-session corp: aws sso login --sso-session corp, then sync again"},
		{"ended", granted(), func(env environ.Environ) {
			tok := fmt.Sprintf(`{"accessToken": %q, "expiresAt": %q}`, portalToken, syncNow.Add(-90*time.Minute).Format(time.RFC3339))
			os.WriteFile(filepath.Join(env["HOME"], ".aws", "sso", "cache", profiles.SHA1("corp")+".json"), []byte(tok), 0o600)
		}, nil, "the login to the sso-session corp ended 1h30m0s ago: aws sso login --sso-session corp, then sync again"},
		{"no such session", granted(), nil, []string{"--sso-session", "other"}, "no [sso-session other] in ~/.aws/config (it has: corp)"},
		{"bad template", granted(), nil, []string{"--template", "{nope}"}, "--template: {nope} is none of {account_name}, {account_id}, {role_name}, {session}"},
		{"bad region", granted(), nil, []string{"-r", "eu-west-1\n[profile x]"}, "-r \"eu-west-1\\n[profile x]\" is not an AWS region name (like eu-west-1)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(c.p)
			defer srv.Close()
			env := syncHome(t, srv.URL)
			if c.setup != nil {
				c.setup(env)
			}
			out, _, err := syncOnce(t, env, append([]string{"--write"}, c.args...)...)
			if err == nil || err.Error() != c.want || out != "" {
				t.Errorf("%v, want %q", err, c.want)
			}
			if data, _ := os.ReadFile(filepath.Join(env["HOME"], ".aws", "config")); string(data) != userConfig {
				t.Errorf("the file changed")
			}
		})
	}
}

// TestBotocoreReadsTheSync: botocore, the AWS CLI's reader, finds every
// profile a sync writes (testdata/synced.config) with its sso-session,
// account and role, and the user's own profile beside them.
func TestBotocoreReadsTheSync(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		testenv.Needed(t, "python3 with botocore is needed: %v", err)
	}
	script := `import json, botocore.session
s = botocore.session.Session()
print(json.dumps({n: [p.get("sso_session"), p.get("sso_account_id"), p.get("sso_role_name"), p.get("region")] for n, p in s.full_config["profiles"].items()}, sort_keys=True))`
	cmd := exec.Command("python3", "-c", script)
	abs, _ := filepath.Abs("testdata/synced.config")
	cmd.Env = append(os.Environ(), "AWS_CONFIG_FILE="+abs, "AWS_SHARED_CREDENTIALS_FILE=/nonexistent", "HOME="+t.TempDir())
	out, err := cmd.Output()
	if err != nil {
		testenv.Needed(t, "python3 with botocore is needed: %v", err)
	}
	want := `{"Acme-Dev-Admin": ["corp", "222222222222", "Admin", "us-east-1"], "Acme-Prod-Admin": ["corp", "111111111111", "Admin", "us-east-1"], "Acme-Prod-Billing": ["corp", "111111111111", "Billing", "us-east-1"], "Acme-Prod-ReadOnly": ["corp", "111111111111", "ReadOnly", "us-east-1"], "Sandbox-Admin": ["corp", "333333333333", "Admin", "us-east-1"], "by-hand": [null, null, null, "eu-west-1 ; a comment"]}` + "\n"
	if string(out) != want {
		t.Errorf("botocore reads\n%s\nwant\n%s", out, want)
	}
}

// TestSyncLintsClean: the lint finds nothing in what a sync writes. Every
// way the Go SDK reads a profile otherwise than the AWS CLI is a finding
// (internal/profiles' TestGoSDKDivergencesAreReported reads the same file
// with the Go SDK), so the SDKs and the CLI agree on it.
func TestSyncLintsClean(t *testing.T) {
	data, err := os.ReadFile("testdata/synced.config")
	if err != nil {
		t.Fatal(err)
	}
	c := profiles.Build(profiles.Paths{Config: "config"}, profiles.Parse("config", data), profiles.Parse("credentials", nil))
	// Above the block is the person's own, with a comment the SDKs read
	// apart.
	blocks, _ := ssosync.Blocks(data)
	for _, f := range append(c.Lint(nil, profiles.Ignore{}), ssosync.Lint("config", data)...) {
		if len(blocks) != 1 || f.Line >= blocks[0].Begin {
			t.Errorf("%v", f)
		}
	}
	for _, n := range c.Names() {
		if ch := c.Resolve(n); ch.Err != nil && n != "by-hand" {
			t.Errorf("%s: %v", n, ch.Err)
		}
	}
}

// TestSSOSyncKeepsASymlink: a config kept in a dotfiles repository and
// linked from ~/.aws stays a link; the file it points to is written, and
// its backup is beside it.
func TestSSOSyncKeepsASymlink(t *testing.T) {
	p := &portal{accounts: [][2]string{{"111111111111", "Acme"}}, roles: map[string][]string{"111111111111": {"Admin"}}}
	srv := httptest.NewServer(p)
	defer srv.Close()
	env := syncHome(t, srv.URL)
	dotfiles := filepath.Join(env["HOME"], "dotfiles", "aws-config")
	os.MkdirAll(filepath.Dir(dotfiles), 0o755)
	config := filepath.Join(env["HOME"], ".aws", "config")
	os.Rename(config, dotfiles)
	os.Symlink(dotfiles, config)
	if _, _, err := syncOnce(t, env, "--write"); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(config); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("~/.aws/config is no longer a link: %v", err)
	}
	data, _ := os.ReadFile(dotfiles)
	backup, _ := os.ReadFile(dotfiles + atomicfile.BackupSuffix)
	if !strings.HasPrefix(string(data), userConfig) || !strings.Contains(string(data), "[profile Acme-Admin]\n") || string(backup) != userConfig {
		t.Errorf("the linked file:\n%s\nbackup:\n%s", data, backup)
	}
}

// TestSSOSyncOnATerminal: a progress line kept up to date and cleared,
// then the question; a no writes nothing.
func TestSSOSyncOnATerminal(t *testing.T) {
	p := &portal{accounts: [][2]string{{"111111111111", "Acme"}, {"222222222222", "Beta"}}, roles: map[string][]string{"111111111111": {"Admin"}, "222222222222": {"Admin"}}}
	srv := httptest.NewServer(p)
	defer srv.Close()
	env := syncHome(t, srv.URL)
	o, _ := cli.Parse([]string{"sso", "sync"})
	var out, errb bytes.Buffer
	var asked string
	s := &syncer{opts: o, env: env, stdout: &out, stderr: &errb, client: http.DefaultClient, now: func() time.Time { return syncNow }, terminal: true,
		ask: func(q string) bool { asked = q; return false }}
	if err := s.run(context.Background()); err != nil {
		t.Fatal(err)
	}
	progress := "\r\x1b[Kawsp: corp: the roles of 1 of 2 accounts\r\x1b[Kawsp: corp: the roles of 2 of 2 accounts\r\x1b[K"
	if want := progress + "awsp: corp: 2 profiles, 2 new\nawsp: nothing written\n"; errb.String() != want || asked != "awsp: write these changes to ~/.aws/config? [y/N] " {
		t.Errorf("stderr %q, want %q; asked %q", errb.String(), want, asked)
	}
	if data, _ := os.ReadFile(filepath.Join(env["HOME"], ".aws", "config")); string(data) != userConfig {
		t.Error("a no wrote")
	}
}

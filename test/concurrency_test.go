package test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/sample"
)

// TestConcurrentShells: 20 shells' worth of awsp switching, prompting and
// allowing at once, while the SSO token and the config are rewritten (some
// writes atomic, some not): every output is whole and right, no allow is
// lost, and every cache file is whole.
func TestConcurrentShells(t *testing.T) {
	h := homeWith(t, "")
	awsp := filepath.Join(binDir, "awsp-real")
	cfg := filepath.Join(h, ".aws", "config")
	token := filepath.Join(h, sample.SSOCache("corp"))
	cfgText, _ := os.ReadFile(cfg)
	chains := map[string]string{"dev": "dev ← identity ← sso", "prod": "prod ← identity ← sso", "identity": "identity ← sso", "sso": "sso"}
	names := []string{"dev", "prod", "identity", "sso"}
	for i := 0; i < 20; i++ {
		os.MkdirAll(filepath.Join(h, "proj", fmt.Sprint(i)), 0o755)
		os.WriteFile(filepath.Join(h, "proj", fmt.Sprint(i), ".awsprofile"), []byte(names[i%4]+"\n"), 0o644)
	}
	// Files younger than two seconds are not cached (a second write within
	// the same timestamp would go unseen): the files this test does not
	// rewrite are dated back, so that caching happens however fast the
	// machine runs the test.
	settled := time.Now().Add(-time.Hour)
	for _, f := range []string{cfg, filepath.Join(h, ".aws", "credentials")} {
		if err := os.Chtimes(f, settled, settled); err != nil {
			t.Fatal(err)
		}
	}
	env := func(extra ...string) []string {
		return append([]string{"HOME=" + h, "PATH=/usr/bin:/bin", "NO_COLOR=1"}, extra...)
	}

	stop := make(chan struct{})
	var writer sync.WaitGroup
	writer.Add(1)
	go func() { // rewrites, as aws sso login and an editor would
		defer writer.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			body := fmt.Sprintf(`{"accessToken": "t", "expiresAt": %q}`, time.Now().Add(2*time.Hour).UTC().Format(time.RFC3339))
			if i%2 == 0 {
				tmp := token + ".tmp"
				os.WriteFile(tmp, []byte(body), 0o600)
				os.Rename(tmp, token)
			} else {
				os.WriteFile(token, []byte(body), 0o600) // truncate, then write: readers may see it half done
			}
			// The config as editors and aws configure write it: whole, by
			// rename; settled, and with a new fingerprint each time.
			os.WriteFile(cfg+".new", cfgText, 0o600)
			old := time.Now().Add(-time.Duration(i+10) * time.Second)
			os.Chtimes(cfg+".new", old, old)
			os.Rename(cfg+".new", cfg)
			time.Sleep(2 * time.Millisecond)
		}
	}()

	var wg sync.WaitGroup
	var whole atomic.Int64 // prompts that showed the whole chain
	errs := make(chan string, 1000)
	for s := 0; s < 20; s++ {
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			for i := 0; i < 15; i++ {
				name := names[(s+i)%4]
				var out, stderr bytes.Buffer
				// Half the shells run awsp-prompt: both binaries share the cache.
				argv := []string{awsp, "--prompt", "--shell", "bash"}
				if s%2 == 1 {
					argv = []string{filepath.Join(binDir, "awsp-prompt-real"), "--shell", "bash"}
				}
				cmd := exec.Command(argv[0], argv[1:]...)
				cmd.Env, cmd.Stdout, cmd.Stderr = env("AWS_PROFILE="+name), &out, &stderr
				if err := cmd.Run(); err != nil || stderr.Len() > 0 {
					errs <- fmt.Sprintf("prompt %s: %v %q", name, err, stderr.String())
				}
				// The whole chain, or the name alone when the files were
				// mid-rewrite past the prompt's budget; but not every time
				// (counted below).
				switch seg := out.String(); {
				case strings.HasPrefix(seg, chains[name]+" "):
					whole.Add(1)
				case seg != name+"\n":
					errs <- fmt.Sprintf("prompt %s: %q", name, seg)
				}
				out.Reset()
				cmd = exec.Command(awsp, "--eval", "bash", "--protocol", protocol, name)
				cmd.Env, cmd.Stdout = env(), &out
				if err := cmd.Run(); err != nil || !strings.Contains(out.String(), "export AWS_PROFILE='"+name+"'") {
					errs <- fmt.Sprintf("switch %s: %v %q", name, err, out.String())
				}
			}
			cmd := exec.Command(awsp, "--allow", filepath.Join(h, "proj", fmt.Sprint(s)))
			cmd.Env = env()
			if out, err := cmd.CombinedOutput(); err != nil {
				errs <- fmt.Sprintf("allow %d: %v %s", s, err, out)
			}
		}(s)
	}
	wg.Wait()
	close(stop)
	writer.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	// A prompt that fell back to the bare name every time would pass the
	// check above: most of 300 must show their chain.
	t.Logf("%d of 300 prompts showed their chain", whole.Load())
	if n := whole.Load(); n < 150 {
		t.Errorf("%d of 300 prompts showed their chain; the rest the bare name", n)
	}

	allow, _ := os.ReadFile(filepath.Join(h, ".local", "state", "awsp", "allow"))
	if n := strings.Count(string(allow), "\n"); n != 20 {
		t.Errorf("allow list has %d entries, want 20:\n%s", n, allow)
	}
	entries := 0
	filepath.Walk(filepath.Join(h, ".cache", "awsp"), func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return nil
		}
		entries++
		if strings.HasPrefix(info.Name(), ".tmp-") {
			t.Errorf("a temporary file left: %s", p)
			return nil
		}
		data, _ := os.ReadFile(p)
		head, payload, ok := bytes.Cut(data, []byte("\n"))
		// A prompt entry ends with its "environment" line: a file cut
		// short would not.
		whole := bytes.HasSuffix(payload, []byte("environment false\n")) || bytes.HasSuffix(payload, []byte("environment true\n"))
		if !ok || len(head) == 0 || strings.Contains(p, "/prompt-") && !whole {
			t.Errorf("a damaged cache file %s: %q", p, data)
		}
		return nil
	})
	if entries == 0 {
		t.Error("no cache was written: the test exercised nothing")
	}
}

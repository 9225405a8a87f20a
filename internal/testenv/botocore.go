package testenv

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// A BotocoreView is what testdata/botocore_reference.py reports for one
// set of AWS files: the profiles and sso-sessions of full_config, and
// each profile's chain, Primary credential type and error.
type BotocoreView struct {
	Refused     *string                   `json:"refused"`
	Profiles    map[string]map[string]any `json:"profiles"`
	SSOSessions map[string]map[string]any `json:"sso_sessions"`
	Chains      map[string]BotocoreChain  `json:"chains"`
}

// A BotocoreChain is one profile's chain as botocore follows it.
type BotocoreChain struct {
	Error          *string  `json:"error"`
	Chain          []string `json:"chain"`
	CredentialType string   `json:"credential_type"`
}

// Botocore runs botocore itself on every directory (its config and
// credentials files) in one Python process.
func Botocore(t *testing.T, dirs []string) []BotocoreView {
	t.Helper()
	if os.Getenv("AWSP_SKIP_BOTOCORE") == "1" {
		t.Skip("AWSP_SKIP_BOTOCORE=1")
	}
	var req []map[string]string
	for _, d := range dirs {
		req = append(req, map[string]string{"config": filepath.Join(d, "config"), "credentials": filepath.Join(d, "credentials")})
	}
	in, _ := json.Marshal(req)
	_, here, _, _ := runtime.Caller(0)
	cmd := exec.Command("python3", filepath.Join(filepath.Dir(here), "testdata", "botocore_reference.py"))
	cmd.Stdin = bytes.NewReader(in)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("botocore reference failed (python3 with botocore is required; set AWSP_SKIP_BOTOCORE=1 to skip): %v\n%s", err, stderr.String())
	}
	var views []BotocoreView
	if err := json.Unmarshal(out, &views); err != nil {
		t.Fatalf("reading botocore's answer: %v", err)
	}
	return views
}

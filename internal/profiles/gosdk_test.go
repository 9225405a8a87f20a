package profiles

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// goSDKProfile is what testdata/gosdk prints of a profile: the Go SDK's
// (aws-sdk-go-v2/config) reading, in the files' own key names.
type goSDKProfile struct {
	Error             string `json:"error"`
	Region            string `json:"region"`
	RoleARN           string `json:"role_arn"`
	SourceProfile     string `json:"source_profile"`
	CredentialSource  string `json:"credential_source"`
	CredentialProcess string `json:"credential_process"`
	AccessKeyID       string `json:"aws_access_key_id"`
	MFASerial         string `json:"mfa_serial"`
	SSOSession        string `json:"sso_session"`
	SSOAccountID      string `json:"sso_account_id"`
	SSORoleName       string `json:"sso_role_name"`
}

// divergenceCodes are the findings that say a file means something else
// to the Go SDK than to the AWS CLI.
var divergenceCodes = []string{"sdk-divergence", "indented-credentials", "duplicate-section", "duplicate-key"}

// goSDK builds testdata/gosdk, a module of its own, once a test run.
func goSDK(t *testing.T) string {
	t.Helper()
	if os.Getenv("AWSP_SKIP_GOSDK") == "1" {
		t.Skip("AWSP_SKIP_GOSDK=1")
	}
	bin := filepath.Join(t.TempDir(), "gosdk")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = filepath.Join("testdata", "gosdk")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the Go SDK reference (set AWSP_SKIP_GOSDK=1 to skip): %v\n%s", err, out)
	}
	return bin
}

// askGoSDK reads dir's config and credentials with the Go SDK.
func askGoSDK(t *testing.T, bin, dir string, names []string) map[string]goSDKProfile {
	t.Helper()
	in, _ := json.Marshal(names)
	cmd := exec.Command(bin, filepath.Join(dir, "config"), filepath.Join(dir, "credentials"))
	cmd.Stdin = strings.NewReader(string(in))
	cmd.Env = []string{"HOME=" + dir} // no AWS_* of whoever runs the test
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("gosdk: %v", err)
	}
	var views map[string]goSDKProfile
	if err := json.Unmarshal(out, &views); err != nil {
		t.Fatal(err)
	}
	return views
}

// TestGoSDKDivergencesAreReported reads every case and every file of the
// corpus with the Go SDK, as Terraform does: wherever it makes something
// else of a profile than the AWS CLI does (awsp's reading is botocore's,
// TestMatchesBotocore), the lint must say so on that profile's lines.
// Files the AWS CLI refuses are left out: every command fails there, and
// the lint reports that as an error.
func TestGoSDKDivergencesAreReported(t *testing.T) {
	bin := goSDK(t)
	var dirs, names []string
	for _, c := range cases {
		dirs, names = append(dirs, writeCase(t, c)), append(names, c.name)
	}
	root := filepath.Join("..", "..", "..", "shared", "corpus", "aws-files")
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if e.IsDir() {
			dir, _ := filepath.Abs(filepath.Join(root, e.Name()))
			dirs, names = append(dirs, dir), append(names, "corpus/"+e.Name())
		}
	}
	for i, dir := range dirs {
		t.Run(names[i], func(t *testing.T) {
			c := loadCase(t, dir)
			if c.Refused() != nil {
				return
			}
			views := askGoSDK(t, bin, dir, c.Names())
			findings := c.Lint(nil, Ignore{})
			for _, name := range c.Names() {
				if diff := goSDKDiffers(c, name, views[name]); diff != "" && !divergenceReported(c, name, findings) {
					t.Errorf("profile %q: the Go SDK reads %s, and the lint says nothing", name, diff)
				}
			}
		})
	}
}

// goSDKDiffers says what the Go SDK reads differently in a profile, or "".
func goSDKDiffers(c *Config, name string, g goSDKProfile) string {
	p := c.Profiles[name]
	ch := c.Resolve(name)
	if g.Error != "" {
		if ch.Err != nil {
			return "" // both fail
		}
		return "an error (" + g.Error + ")"
	}
	accessKey, ok := p.InCredentials("aws_access_key_id")
	if !ok {
		accessKey, _ = p.InConfig("aws_access_key_id")
	}
	if g.RoleARN != "" && p.Text("role_arn") != "" {
		// A profile that assumes a role: the Go SDK keeps its own keys
		// on its source (itself, when it names itself); which keys
		// each assumes the role with is the lint's sdk-divergence.
		g.AccessKeyID, accessKey.Text = "", ""
	}
	for _, f := range []struct{ key, goSDK, cli string }{
		{"region", g.Region, p.Text("region")},
		{"role_arn", g.RoleARN, p.Text("role_arn")},
		{"source_profile", g.SourceProfile, p.Text("source_profile")},
		{"credential_source", g.CredentialSource, p.Text("credential_source")},
		{"credential_process", g.CredentialProcess, p.Text("credential_process")},
		{"aws_access_key_id", g.AccessKeyID, accessKey.Text},
		{"mfa_serial", g.MFASerial, p.Text("mfa_serial")},
		{"sso_session", g.SSOSession, p.Text("sso_session")},
		{"sso_account_id", g.SSOAccountID, p.Text("sso_account_id")},
		{"sso_role_name", g.SSORoleName, p.Text("sso_role_name")},
	} {
		if f.goSDK != f.cli {
			return f.key + " = " + quoteDiff(f.goSDK) + " where the AWS CLI reads " + quoteDiff(f.cli)
		}
	}
	return ""
}

func quoteDiff(s string) string { return `"` + strings.ReplaceAll(s, "\n", `\n`) + `"` }

// divergenceReported: a divergence finding names the profile, or stands
// on a line of one of its sections.
func divergenceReported(c *Config, name string, findings []Finding) bool {
	p := c.Profiles[name]
	for _, f := range findings {
		if !contains(divergenceCodes, f.Code) {
			continue
		}
		if f.Profile == name {
			return true
		}
		// [DEFAULT] gives its keys to every profile of its file.
		for _, l := range []layer{p.config, p.credentials} {
			if l.section != nil && l.file.Path == f.File && l.file.Defaults != nil && f.Line == l.file.Defaults.Line {
				return true
			}
		}
		for _, l := range []layer{p.config, p.credentials} {
			if l.section != nil && l.file.Path == f.File && f.Line >= l.section.Line && f.Line <= sectionEnd(l.file, l.section) {
				return true
			}
		}
	}
	return false
}

// sectionEnd is the last line of s: the line before the next header.
func sectionEnd(f *File, s *Section) int {
	end := 1 << 30
	for _, o := range f.Sections {
		if o.Line > s.Line && o.Line-1 < end {
			end = o.Line - 1
		}
	}
	return end
}

package profiles

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// divergenceCodes are the findings that say a file means something else
// to the Go SDK than to the AWS CLI; derived-mfa-serial says the Go SDK
// fails where the AWS CLI asks for a code.
var divergenceCodes = []string{"sdk-divergence", "indented-credentials", "duplicate-section", "duplicate-key", "derived-mfa-serial"}

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

// askGoSDK reads dir's config and credentials with the Go SDK: for each
// profile, the values it keeps, by the files' own key names, or "error".
func askGoSDK(t *testing.T, bin, dir string, names []string) map[string]map[string]string {
	t.Helper()
	in, _ := json.Marshal(names)
	cmd := exec.Command(bin, filepath.Join(dir, "config"), filepath.Join(dir, "credentials"))
	cmd.Stdin = strings.NewReader(string(in))
	cmd.Env = []string{"HOME=" + dir} // no AWS_* of whoever runs the test
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("gosdk: %v", err)
	}
	var views map[string]map[string]string
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
				diff := goSDKDiffers(c, name, views[name])
				if diff == "" {
					diff = goSDKAnswers(c, name, views[name])
				}
				if diff != "" && !divergenceReported(c, name, findings) {
					t.Errorf("profile %q: the Go SDK %s, and the lint says nothing", name, diff)
				}
			}
		})
	}
}

// goSDKDiffers says what the Go SDK reads differently in a profile, or "".
func goSDKDiffers(c *Config, name string, g map[string]string) string {
	p := c.Profiles[name]
	if g["error"] != "" {
		if c.Resolve(name).Err != nil {
			return "" // both fail
		}
		return "refuses it (" + g["error"] + ")"
	}
	keys := make([]string, 0, len(g))
	for k := range g {
		if k != "answer" { // goSDKAnswers
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, key := range keys {
		cli := p.Text(key)
		if key == "aws_access_key_id" {
			// The CLI takes keys from one file: credentials first.
			v, ok := p.InCredentials(key)
			if !ok {
				v, _ = p.InConfig(key)
			}
			cli = v.Text
			if g["role_arn"] != "" && p.Text("role_arn") != "" {
				// A profile that assumes a role: the Go SDK keeps its
				// own keys on its source (itself, when it names
				// itself); which keys each assumes the role with is the
				// lint's sdk-divergence.
				continue
			}
		}
		if g[key] != cli {
			return "reads " + key + " = " + quoteDiff(g[key]) + " where the AWS CLI reads " + quoteDiff(cli)
		}
	}
	return ""
}

// goSDKAnswers compares the credentials the Go SDK resolves for a profile,
// offline (testdata/gosdk: the key that signed the first AssumeRole, each
// role assumed in order, the final key, or "error"), with what the AWS CLI
// does by awsp's chain: from a Primary of static keys, the same roles in
// the same order; from any other Primary (IAM Identity Center, a process,
// instance or container credentials), nothing the stand-in can answer, so
// an error; from a chain the AWS CLI refuses, an error too. Or "".
func goSDKAnswers(c *Config, name string, g map[string]string) string {
	got := g["answer"]
	if got == "" {
		return "" // the SDK refused the profile: goSDKDiffers compared that
	}
	ch := c.Resolve(name)
	want := "error"
	if ch.Err == nil && ch.Primary().Credentials == Static {
		p := ch.Primary().Profile
		key, ok := p.InCredentials("aws_access_key_id") // keys come from one file, credentials first
		if !ok {
			key, _ = p.InConfig("aws_access_key_id")
		}
		steps := []string{"key " + key.Text}
		var roles []string
		for _, h := range ch.Hops() {
			if h.Role != nil {
				roles = append(roles, "role "+h.Role.RoleARN)
			}
		}
		slices.Reverse(roles)
		if len(roles) > 0 {
			steps = append(steps, roles...)
			arn := ch.First().Role.RoleARN
			steps = append(steps, "key ASIA"+strings.ToUpper(strings.NewReplacer(":", "", "/", "", "-", "", "_", "").Replace(arn[strings.LastIndex(arn, ":")+1:])))
		}
		want = strings.Join(steps, "\n")
	}
	if got == want {
		return ""
	}
	return "answers " + quoteDiff(got) + " where the AWS CLI would " + map[bool]string{true: "fail", false: quoteDiff(want)}[want == "error"]
}

func quoteDiff(s string) string { return `"` + strings.ReplaceAll(s, "\n", `\n`) + `"` }

// divergenceReported: a divergence finding names the profile or a
// profile of its chain (a source the Go SDK reads differently), or stands
// on a line of one of its sections.
func divergenceReported(c *Config, name string, findings []Finding) bool {
	p := c.Profiles[name]
	chain := c.Resolve(name).Names()
	for _, f := range findings {
		if !slices.Contains(divergenceCodes, f.Code) {
			continue
		}
		if f.Profile == name || slices.Contains(chain, f.Profile) {
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

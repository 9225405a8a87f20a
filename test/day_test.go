package test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/sample"
)

// setVar is how each shell sets an environment variable by hand, as a
// direnv-style hook would.
var setVar = map[string]func(name, value string) string{
	"bash": func(n, v string) string { return "export " + n + "='" + v + "'" },
	"zsh":  func(n, v string) string { return "export " + n + "='" + v + "'" },
	"fish": func(n, v string) string { return "set -gx " + n + " '" + v + "'" },
	"nu":   func(n, v string) string { return "$env." + n + " = '" + v + "'" },
}

// TestADay is a person's first hour, in each shell on an 80-column
// terminal: a home made from /etc/skel with a history, thirty Cloud
// Posse-style profiles, project checkouts side by side in ~/src (one
// trusted for prod with a region, one not yet trusted), and
// AWS_CONFIG_FILE changed by hand as direnv or Atmos would. At each step
// the lines awsp prints are checked whole, the segment at the next
// prompt, and the shell never reports an error of its own.
func TestADay(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "nu"} {
		t.Run(shell, func(t *testing.T) {
			h := homeWith(t, " --auto")
			skel, _ := os.ReadFile("/etc/skel/.bashrc")
			rc, _ := os.ReadFile(filepath.Join(h, ".bashrc"))
			writeFiles(t, h, map[string]string{
				".bashrc":                     string(skel) + "\n" + string(rc), // Debian's, then awsp's lines
				".aws/config":                 sample.LongNames(),
				".config/awsp/config":         sample.LongNamesSettings,
				"src/infra-prod/.awsprofile":  "acme-plat-ue2-prod-eks-admin\nregion=eu-west-1\n",
				"src/infra-dev/.awsprofile":   "acme-plat-ue2-dev-eks-admin\n",
				"src/infra-prod/modules/x.tf": "",
				// The config another directory's hook points at: there
				// the profile has keys of its own.
				"other/config": "[profile acme-plat-ue2-dev-eks-admin]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = not-a-secret\n",
			})
			os.Remove(filepath.Join(h, "awsp.ini")) // awsp's config is the XDG one above
			tm := startShellSized(t, shell, h, 80)
			set := setVar[shell]
			tm.run(set("AWSP_CONFIG", filepath.Join(h, ".config/awsp/config")))

			// A switch by name: the segment shows the profile whole, and the
			// chain gives way within the segment's 40 columns.
			tm.run("awsp acme-plat-ue2-dev-eks-admin")
			tm.profileIs("acme-plat-ue2-dev-eks-admin")
			tm.waitForLine("acme-plat-ue2-dev-eks-admin ←… 1h5", "awsp acme", "<<")

			// A trusted tree for prod, with its region.
			tm.clear()
			tm.run("cd ~/src/infra-prod")
			tm.waitForLine("awsp: ~/src/infra-prod/.awsprofile asks for profile acme-plat-ue2-prod-eks-admin: read it, then trust it with awsp --allow")
			tm.run("awsp --allow")
			tm.waitForLine("awsp: ~/src/infra-prod/.awsprofile: switching to acme-plat-ue2-prod-eks-admin")
			tm.echo("<<$AWS_PROFILE|$AWS_REGION|$AWS_DEFAULT_REGION>>")
			tm.waitFor("<<acme-plat-ue2-prod-eks-admin|eu-west-1|eu-west-1>>")
			tm.waitForLine("PROD acme-plat-ue2-prod-eks-admin 1h5", "awsp", "<<")

			// The sibling checkout, not trusted: prod and its region go.
			tm.clear()
			tm.run("cd ../infra-dev")
			tm.waitForLine("awsp: left ~/src/infra-prod: back to acme-plat-ue2-dev-eks-admin")
			tm.waitForLine("awsp: ~/src/infra-dev/.awsprofile asks for profile acme-plat-ue2-dev-eks-admin: read it, then trust it with awsp --allow")
			tm.echo("<<$AWS_PROFILE|$AWS_REGION|$AWS_DEFAULT_REGION>>")
			tm.waitFor("<<acme-plat-ue2-dev-eks-admin||>>")

			// Every line on the screen fits 80 columns: -l keeps to it.
			tm.clear()
			tm.run("awsp -l")
			s := tm.waitFor("↻ the AWS CLI renews it")
			for _, l := range strings.Split(s, "\n") {
				if len([]rune(l)) > 80 {
					t.Errorf("a line wider than 80 columns: %q", l)
				}
			}
			// Another config file for this directory: the segment follows
			// at the next prompt (keys of its own: no chain, no time left).
			tm.clear()
			tm.run(set("AWS_CONFIG_FILE", filepath.Join(h, "other/config")))
			tm.mark("SWITCHED-FILE")
			tm.waitFor("SWITCHED-FILE-42")
			line := tm.waitForLine("acme-plat-ue2-dev-eks-admin", "export", "set -gx", "$env", "<<", "awsp")
			if strings.Contains(line, "←") || strings.Contains(line, "1h5") {
				t.Errorf("the segment still shows the old file's chain: %q", line)
			}

			tm.noShellErrors()
		})
	}
}

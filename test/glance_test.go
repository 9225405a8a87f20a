package test

import (
	"strings"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/sample"
)

// TestAtAGlance drives the long-name config (sample.LongNames, Cloud
// Posse-style names) with awsp's classes, aliases and the sticky profile
// on, in each shell as a person would: the prompt shows production in red
// with its label and a region set beside the profile's; the picker starts
// on the active profile, previews its chain and account alias, and
// filters by several words in any order; a new shell starts with the
// profile last chosen.
func TestAtAGlance(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "nu"} {
		t.Run(shell, func(t *testing.T) {
			h := tempHome(t)
			files := sample.Files(time.Now())
			for name, text := range sample.RCFiles("$ ", "") {
				files[name] = text
			}
			files[".aws/config"] = sample.LongNames()
			files["awsp.ini"] = sample.LongNamesSettings + "\n[settings]\nsticky_profile = true\n"
			writeFiles(t, h, files)
			tm := startShell(t, shell, h)

			tm.run("awsp acme-plat-ue2-prod-eks-admin")
			tm.clear()
			tm.waitForLine("PROD acme-plat-ue2-prod-eks-admin 1h5")
			if raw := tm.screenWithEscapes(); !strings.Contains(raw, "\x1b[31mPROD acme-plat-ue2-prod-eks-admin") {
				t.Errorf("production is not red:\n%q", raw)
			}
			// A region set in the environment shows; it is not the profile's.
			tm.run("awsp -r eu-west-1")
			tm.clear()
			tm.waitForLine("eu-west-1", "awsp -r")
			tm.run("awsp -r -")

			// The picker: on the active profile, with its preview.
			tm.clear()
			tm.run("awsp")
			// The cursor starts on the active profile (waited for: the
			// screen may be caught half drawn).
			if line := tm.waitForLine("▸ * acme-plat-ue2-prod-eks-admin "); !strings.Contains(line, " PROD ") {
				t.Errorf("the cursor's row has no label: %q", line)
			}
			tm.waitFor("account 200000000003 (acme-plat-prod)")
			// Words in any order, over names, accounts, roles, regions.
			tm.typeText("eks prod")
			tm.waitFor("3/31")
			tm.typeText(" !readonly us-west")
			tm.waitFor("1/31")
			tm.waitFor("region us-west-2")
			tm.keys("Enter")
			tm.waitMainScreen()
			tm.profileIs("acme-plat-uw2-prod-eks-admin")

			// A new shell starts with the profile last chosen.
			tm2 := startShell(t, shell, h)
			tm2.profileIs("acme-plat-uw2-prod-eks-admin")
			tm2.waitForLine("PROD acme-plat-uw2-prod-eks-admin 1h5")
		})
	}
}

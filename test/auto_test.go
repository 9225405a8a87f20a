package test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDirectoryProfiles: with --auto, .awsprofile files switch the shell
// once allowed, nested files win, leaving restores, a manual switch
// inside wins, a changed file asks again, and a hostile name runs nothing.
func TestDirectoryProfiles(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "nu"} {
		t.Run(shell, func(t *testing.T) {
			h := homeWith(t, " --auto")
			for dir, text := range map[string]string{
				"proj":        "dev\n",
				"proj/nested": "prod\nregion=eu-central-1\n",
				"evil":        "$(touch $HOME/pwned1)\n",
			} {
				os.MkdirAll(filepath.Join(h, dir, "sub"), 0o755)
				os.WriteFile(filepath.Join(h, dir, ".awsprofile"), []byte(text), 0o644)
			}
			tm := startShell(t, shell, h)
			tm.run("awsp sso")
			tm.profileIs("sso")

			tm.clear()
			tm.run("cd ~/proj")
			tm.waitFor("asks for profile dev")
			tm.profileIs("sso") // not allowed yet
			tm.run("awsp --allow")
			tm.waitFor("switching to dev")
			tm.profileIs("dev")

			tm.clear()
			tm.run("cd nested")
			tm.waitFor("asks for profile prod")
			tm.run("awsp --allow")
			tm.waitFor("switching to prod")
			tm.echo(`<<$AWS_PROFILE $AWS_REGION>>`)
			tm.waitFor("<<prod eu-central-1>>")

			tm.clear()
			tm.run("cd ..")
			tm.waitFor("switching to dev")
			tm.profileIs("dev")
			tm.run("awsp identity")
			tm.run("cd sub")
			tm.profileIs("identity") // a manual switch wins inside the tree

			tm.clear()
			tm.run("cd ~")
			tm.waitFor("back to sso")
			tm.profileIs("sso")

			os.WriteFile(filepath.Join(h, "proj", ".awsprofile"), []byte("prod\n"), 0o644)
			tm.clear()
			tm.run("cd ~/proj")
			tm.waitFor("asks for profile prod") // changed: asked again
			tm.profileIs("sso")

			tm.clear()
			tm.run("cd ~/evil")
			tm.run("awsp --allow")
			tm.waitFor("switching to $(touch $HOME/pwned1)")
			tm.profileIs("$(touch $HOME/pwned1)")
			if _, err := os.Stat(filepath.Join(h, "pwned1")); err == nil {
				t.Error("a name from .awsprofile was executed")
			}

			// A prompt in the same directory starts no awsp.
			if n := tm.startsOnQuietPrompts(); n != 0 {
				t.Errorf("%d awsp processes on prompts in the same directory", n)
			}
		})
	}
}

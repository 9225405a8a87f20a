package test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/sample"
)

// The rc files people have: their own options, aliases named like what
// awsp calls, a PROMPT_COMMAND array, other prompts defined after awsp.
// The init line runs the binary as \command awsp: an alias named awsp
// (the npm tool of that name suggests one) would run in its place.
var wildRC = map[string]string{
	"bash": `PS1='$ '
set -euo pipefail
alias awsp='echo ALIASED'
alias command='echo HIJACKED'
alias local='echo HIJACKED'
first() { echo FIRST-RAN >> ~/first.log; }
PROMPT_COMMAND=(first)
eval "$(\command awsp --init bash --auto)"
`,
	"zsh": `autoload -Uz compinit && compinit -u -d "$HOME/.zcompdump"
PROMPT='$ '
setopt ksh_arrays sh_word_split no_unset err_exit prompt_bang prompt_subst
alias awsp='echo ALIASED'
alias command='echo HIJACKED'
eval "$(\command awsp --init zsh --auto)"
`,
	"fish": `function fish_greeting; end
function fish_prompt; echo -n '$ '; end
alias awsp='echo ALIASED'
command awsp --init fish --auto | source
# A right prompt defined after awsp's, as starship and tide do.
function fish_right_prompt; echo -n "RIGHT[$argv]"; end
`,
	// vi mode, hooks of the person's own (a list, as nushell wants), an
	// alias named awsp, and a right prompt set by a later autoload file
	// (zz-theme.nu, as a theme or starship's would be).
	"nu": `$env.config.show_banner = false
$env.config.edit_mode = 'vi'
$env.PROMPT_COMMAND = {|| '$ ' }
$env.PROMPT_INDICATOR_VI_INSERT = ''
$env.PROMPT_INDICATOR_VI_NORMAL = ''
$env.config.hooks.pre_prompt = [{|| "FIRST-RAN\n" | save --append ~/first.log }]
$env.config.hooks.env_change.PWD = [{|before, after| $env.USER_PWD = $after }]
alias awsp = echo ALIASED
mkdir ($nu.user-autoload-dirs | first)
^awsp --init nu --auto | save --force ($nu.user-autoload-dirs | first | path join awsp.nu)
'$env.PROMPT_COMMAND_RIGHT = {|| "RIGHT-THEME" }' | save --force ($nu.user-autoload-dirs | first | path join zz-theme.nu)
`,
}

// TestInitUnderUserSettings: with those rc files, awsp switches (its own
// function, not the alias), shows its segment, completes, follows
// .awsprofile files, and the shell survives every prompt; the person's
// PROMPT_COMMAND still runs (bash), a ! in a name shows as ! (zsh
// PROMPT_BANG), and a right prompt defined later keeps the segment and
// gets its arguments (fish); nushell keeps the person's hooks and wraps a
// right prompt a later autoload file set.
func TestInitUnderUserSettings(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "nu"} {
		t.Run(shell, func(t *testing.T) {
			h := home(t, shell)
			rc := map[string]string{"bash": ".bashrc", "zsh": ".zshrc", "fish": ".config/fish/config.fish", "nu": ".config/nushell/config.nu"}[shell]
			writeFiles(t, h, map[string]string{rc: wildRC[shell], "proj/.awsprofile": "prod\n"})
			tm := startShell(t, shell, h)
			show := func() {
				t.Helper()
				if shell == "bash" || shell == "zsh" {
					tm.run(`echo "<<${AWS_PROFILE-}>>"`) // set -u, no_unset
				} else {
					tm.echo(`<<$AWS_PROFILE>>`)
				}
			}
			tm.run("awsp dev")
			show()
			tm.waitFor("<<dev>>")
			tm.waitForLine("dev ← identity ← sso 1h5", "awsp dev")
			if strings.Contains(tm.screen(), "ALIASED") || strings.Contains(tm.screen(), "HIJACKED") {
				t.Errorf("an alias ran in place of awsp's code:\n%s", tm.screen())
			}

			tm.clear()
			tm.typeText("awsp dev-")
			tm.keys("Tab")
			tm.waitFor("awsp dev-mfa")
			tm.cancelLine()

			// --auto: entering, allowing, leaving; the shell lives on.
			tm.clear()
			tm.run("cd ~/proj")
			tm.waitFor("asks for profile prod")
			tm.run("awsp --allow")
			tm.waitFor("switching to prod")
			tm.run("cd ~")
			tm.waitFor("back to dev")
			show()
			tm.waitFor("<<dev>>")

			switch shell {
			case "bash":
				if data, _ := os.ReadFile(filepath.Join(h, "first.log")); !strings.Contains(string(data), "FIRST-RAN") {
					t.Errorf("the person's PROMPT_COMMAND stopped running")
				}
			case "zsh":
				tm.clear()
				tm.run("awsp 'bang!'")
				show()
				tm.waitFor("<<bang!>>")
				tm.waitForLine(" bang!", "awsp", "<<") // not bang and a history number
			case "fish":
				tm.waitForLine("dev ← identity ← sso 1h5")
				if line := tm.waitForLine("RIGHT[]"); !strings.Contains(line, "dev ← identity ← sso") {
					t.Errorf("the right prompt lost the segment: %q", line)
				}
				tm.clear()
				tm.run("fish_right_prompt --final-rendering; echo")
				tm.waitFor("RIGHT[--final-rendering]")
			case "nu":
				if line := tm.waitForLine("RIGHT-THEME"); !strings.Contains(line, "dev ← identity ← sso") {
					t.Errorf("the right prompt lost the segment: %q", line)
				}
				if data, _ := os.ReadFile(filepath.Join(h, "first.log")); !strings.Contains(string(data), "FIRST-RAN") {
					t.Errorf("the person's pre_prompt hook stopped running")
				}
				tm.echo(`<<($env.USER_PWD)>>`)
				tm.waitFor("<<" + h + ">>")
			}
		})
	}
}

// TestFishNoConfig: fish started with --no-config and the init given on
// the command line.
func TestFishNoConfig(t *testing.T) {
	h := home(t, "fish")
	tm := startShellWith(t, "fish", h, "--no-config", "-C", "function fish_greeting; end; function fish_prompt; echo -n '$ '; end; awsp --init fish | source")
	tm.run("awsp prod")
	tm.run(`echo "<<$AWS_PROFILE>>"`)
	tm.waitFor("<<prod>>")
	tm.waitForLine("prod ← identity ← sso 1h5", "awsp")
}

// TestInitPrintsNothing: loading the integration, --auto in a directory
// with a .awsprofile included, prints nothing (powerlevel10k's instant
// prompt warns about any output during zsh's init); what there is to say
// comes at the first prompt.
func TestInitPrintsNothing(t *testing.T) {
	h := home(t, "zsh")
	writeFiles(t, h, map[string]string{"proj/.awsprofile": "prod\n"})
	for shell, args := range map[string][]string{
		"bash": {"--norc", "-i", "-c", `eval "$(awsp --init bash --auto)"; echo END`},
		"zsh":  {"-f", "-i", "-c", zshModules(shellPath("zsh")) + `eval "$(awsp --init zsh --auto)"; echo END`},
		"fish": {"--no-config", "-i", "-c", `awsp --init fish --auto | source; echo END`},
	} {
		cmd := exec.Command(shellPath(shell), args...)
		cmd.Dir = filepath.Join(h, "proj")
		cmd.Env = []string{"HOME=" + h, "PATH=" + binDir + ":/usr/bin:/bin", "TERM=dumb"}
		out, _ := cmd.CombinedOutput()
		// Job control notices of a shell without a terminal are not ours.
		var ours []string
		for _, line := range strings.Split(string(out), "\n") {
			if line != "" && !strings.Contains(line, "job control") && !strings.Contains(line, "terminal process group") && !strings.Contains(line, "tcsetpgrp") {
				ours = append(ours, line)
			}
		}
		if strings.Join(ours, "\n") != "END" {
			t.Errorf("%s printed during init: %q", shell, out)
		}
	}
}

// TestBesideDirenvAndZoxide: direnv's hook and zoxide's z, loaded before
// awsp as their READMEs say, keep working beside it, and awsp beside them.
func TestBesideDirenvAndZoxide(t *testing.T) {
	requireTools(t, "direnv", "zoxide")
	rcs := map[string]string{
		"bash": `PS1='$ '
eval "$(direnv hook bash)"
eval "$(zoxide init bash)"
eval "$(\command awsp --init bash --auto)"
`,
		"zsh": `autoload -Uz compinit && compinit -u -d "$HOME/.zcompdump"
PROMPT='$ '
eval "$(direnv hook zsh)"
eval "$(zoxide init zsh)"
eval "$(\command awsp --init zsh --auto)"
`,
		"fish": `function fish_greeting; end
function fish_prompt; echo -n '$ '; end
direnv hook fish | source
zoxide init fish | source
command awsp --init fish --auto | source
`,
	}
	for _, shell := range []string{"bash", "zsh", "fish"} {
		t.Run(shell, func(t *testing.T) {
			h := home(t, shell)
			rc := map[string]string{"bash": ".bashrc", "zsh": ".zshrc", "fish": ".config/fish/config.fish"}[shell]
			writeFiles(t, h, map[string]string{rc: rcs[shell], "envdir/.envrc": "export FROM_DIRENV=yes\n", "proj/.awsprofile": "prod\n"})
			allow := exec.Command("direnv", "allow", filepath.Join(h, "envdir"))
			allow.Env = []string{"HOME=" + h, "PATH=/usr/bin:/bin", "XDG_DATA_HOME=" + filepath.Join(h, ".local/share"), "XDG_CONFIG_HOME=" + filepath.Join(h, ".config")}
			if out, err := allow.CombinedOutput(); err != nil {
				t.Fatalf("direnv allow: %v %s", err, out)
			}
			awspAllow := exec.Command(filepath.Join(binDir, "awsp-real"), "--allow", filepath.Join(h, "proj"))
			awspAllow.Env = []string{"HOME=" + h, "XDG_CONFIG_HOME=" + filepath.Join(h, ".config")}
			if out, err := awspAllow.CombinedOutput(); err != nil {
				t.Fatalf("awsp --allow: %v %s", err, out)
			}
			tm := startShell(t, shell, h)
			tm.run("awsp dev")
			tm.waitForLine("dev ← identity ← sso 1h5", "awsp dev")
			tm.run("cd ~/envdir")
			tm.run(`echo "<<$FROM_DIRENV>>"`)
			tm.waitFor("<<yes>>")
			tm.run("cd ~/proj")
			tm.waitFor("switching to prod")
			tm.profileIs("prod")
			tm.run("cd ~")
			tm.waitFor("back to dev")
			tm.run("z envdir")
			tm.run(`echo "<<$PWD>>"`)
			tm.waitFor("<<" + filepath.Join(h, "envdir") + ">>")
			tm.waitForLine("dev ← identity ← sso 1h5", "awsp dev", "<<")
		})
	}
}

// TestPromptCatchesUp: an aws sso login rewriting the token, or an edit of
// the config, shows at the very next prompt, not a minute later; a prompt
// where nothing changed still starts nothing.
func TestPromptCatchesUp(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		t.Run(shell, func(t *testing.T) {
			h := home(t, shell)
			tm := startShell(t, shell, h)
			tm.run("awsp dev")
			tm.waitForLine("dev ← identity ← sso 1h5", "awsp dev")

			// Newer than any stamp, whatever the shell's -nt resolution.
			later := time.Now().Add(3 * time.Second)
			token := filepath.Join(h, sample.SSOCache("corp"))
			writeFiles(t, h, map[string]string{sample.SSOCache("corp"): `{"accessToken": "t", "expiresAt": "` + time.Now().Add(5*time.Hour).UTC().Format(time.RFC3339) + `"}`})
			os.Chtimes(token, later, later)
			tm.clear()
			tm.keys("Enter")
			tm.waitForLine("dev ← identity ← sso 4h5")

			cfg := filepath.Join(h, ".aws", "config")
			data, _ := os.ReadFile(cfg)
			os.WriteFile(cfg, []byte(strings.Replace(string(data), "[profile dev]\nsource_profile = identity", "[profile dev]\nsource_profile = sso", 1)), 0o600)
			later = later.Add(time.Second)
			os.Chtimes(cfg, later, later)
			tm.clear()
			tm.keys("Enter")
			tm.waitForLine("dev ← sso 4h5")

			// Back in the past, the files are older than the stamp again.
			earlier := time.Now().Add(-time.Minute)
			os.Chtimes(token, earlier, earlier)
			os.Chtimes(cfg, earlier, earlier)
			if n := tm.startsOnQuietPrompts(); n != 0 {
				t.Errorf("%d processes on prompts where nothing changed", n)
			}
		})
	}
}

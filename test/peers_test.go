package test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Tools that are not in a package registry are not shipped here: these
// tests take a checkout from a variable and are skipped without one.
//
//	AWSP_TEST_BASH_PREEXEC=/path/to/bash-preexec.sh   (rcaloras/bash-preexec)
//	AWSP_TEST_OHMYZSH=/path/to/ohmyzsh                (ohmyzsh/ohmyzsh)

// TestBesideBashPreexec: bash-preexec, loaded last as its README asks,
// runs its preexec and precmd functions, and awsp its segment; $? is kept.
func TestBesideBashPreexec(t *testing.T) {
	script := os.Getenv("AWSP_TEST_BASH_PREEXEC")
	if script == "" {
		t.Skip("AWSP_TEST_BASH_PREEXEC names bash-preexec.sh")
	}
	h := home(t, "bash")
	writeFiles(t, h, map[string]string{".bashrc": `PS1='$ '
eval "$(command awsp --init bash)"
source ` + script + `
preexec() { echo "PRE[$1]" >> ~/pre.log; }
precmd() { echo PRECMD >> ~/pre.log; }
`})
	tm := startShell(t, "bash", h)
	tm.run("awsp dev")
	tm.waitForLine("dev ← identity ← sso 1h5", "awsp dev")
	tm.run("false")
	tm.run(`echo "rc=$?"`)
	tm.waitFor("rc=1")
	data, _ := os.ReadFile(filepath.Join(h, "pre.log"))
	if !strings.Contains(string(data), "PRE[awsp dev]") || !strings.Contains(string(data), "PRECMD") {
		t.Errorf("bash-preexec's functions did not run beside awsp: %q", data)
	}
}

// TestBesideOhMyZsh: awsp's init after oh-my-zsh.sh (which runs compinit,
// sets a theme and, with its aws plugin, an RPROMPT): awsp switches,
// shows its segment and completes.
func TestBesideOhMyZsh(t *testing.T) {
	omz := os.Getenv("AWSP_TEST_OHMYZSH")
	if omz == "" {
		t.Skip("AWSP_TEST_OHMYZSH names an oh-my-zsh checkout")
	}
	h := home(t, "zsh")
	writeFiles(t, h, map[string]string{".zshrc": `export ZSH=` + omz + `
export ZSH_CACHE_DIR="$HOME/.omz-cache"
DISABLE_AUTO_UPDATE=true
ZSH_DISABLE_COMPFIX=true
ZSH_THEME=robbyrussell
plugins=(git aws)
source $ZSH/oh-my-zsh.sh
eval "$(command awsp --init zsh)"
`})
	tm := startShell(t, "zsh", h)
	tm.run("awsp dev")
	tm.run(`echo "<<$AWS_PROFILE>>"`)
	tm.waitFor("<<dev>>")
	tm.waitForLine("dev ← identity ← sso 1h5", "awsp dev", "<<")
	tm.clear()
	tm.typeText("awsp dev-")
	tm.keys("Tab")
	tm.waitFor("awsp dev-mfa")
}

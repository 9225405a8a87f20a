package test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/testenv"
)

// Tools that are not in a package registry are not shipped here: these
// tests take a checkout from a variable, which test.sh sets from
// ../shared/peers; without one they are skipped, and under CI=true fail.
//
//	AWSP_TEST_BASH_PREEXEC=/path/to/bash-preexec.sh   (rcaloras/bash-preexec)
//	AWSP_TEST_OHMYZSH=/path/to/ohmyzsh                (ohmyzsh/ohmyzsh)
//	AWSP_TEST_P10K=/path/to/powerlevel10k             (romkatv/powerlevel10k)

// TestBesideBashPreexec: bash-preexec, loaded last as its README asks,
// runs its preexec and precmd functions, and awsp its segment; $? is kept.
func TestBesideBashPreexec(t *testing.T) {
	script := os.Getenv("AWSP_TEST_BASH_PREEXEC")
	if script == "" {
		testenv.Needed(t, "AWSP_TEST_BASH_PREEXEC names bash-preexec.sh (test.sh sets it from ../shared/peers)")
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
		testenv.Needed(t, "AWSP_TEST_OHMYZSH names an oh-my-zsh checkout (test.sh sets it from ../shared/peers)")
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

// TestBesidePowerlevel10k: the README's recipe (AWSP_TEST_P10K names a
// powerlevel10k checkout): --no-prompt keeps $AWSP_SEGMENT, a p10k
// segment shows it, a name full of prompt syntax shows literally, and a
// quiet prompt starts nothing.
func TestBesidePowerlevel10k(t *testing.T) {
	p10k := os.Getenv("AWSP_TEST_P10K")
	if p10k == "" {
		testenv.Needed(t, "AWSP_TEST_P10K names a powerlevel10k checkout (test.sh sets it from ../shared/peers)")
	}
	h := home(t, "zsh")
	writeFiles(t, h, map[string]string{".zshrc": `typeset -g POWERLEVEL9K_DISABLE_CONFIGURATION_WIZARD=true
typeset -g POWERLEVEL9K_LEFT_PROMPT_ELEMENTS=(dir awsp prompt_char)
typeset -g POWERLEVEL9K_RIGHT_PROMPT_ELEMENTS=()
typeset -g POWERLEVEL9K_MODE=ascii
typeset -g POWERLEVEL9K_DISABLE_GITSTATUS=true
source ` + p10k + `/powerlevel10k.zsh-theme
eval "$(command awsp --init zsh --no-prompt)"
function prompt_awsp() { p10k segment -f 208 -t "$AWSP_SEGMENT" }
`})
	tm := startShell(t, "zsh", h)
	tm.run("awsp dev")
	tm.waitForLine("dev ← identity ← sso 1h5", "awsp dev")
	tm.run("awsp -- '%F{red}zsh%f'")
	tm.waitForLine("%F{red}zsh%f", "awsp --")
	tm.run("awsp -- '$(touch $HOME/pwned1)'")
	tm.waitForLine("$(touch $HOME/pwned1)", "awsp --")
	if _, err := os.Stat(filepath.Join(h, "pwned1")); err == nil {
		t.Error("a profile name was executed by the prompt")
	}
	if n := tm.startsOnQuietPrompts(); n != 0 {
		t.Errorf("%d processes on prompts where nothing changed", n)
	}
}

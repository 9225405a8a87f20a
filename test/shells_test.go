package test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/awsp-dev/awsp/internal/sample"
)

// hostileNames are profile names the AWS CLI accepts (credentials file
// sections are taken verbatim) and that a careless shell would run.
var hostileNames = []string{
	"a b", "x.y@z+w=v", "café", "$(touch $HOME/pwned1)", "`touch $HOME/pwned2`", ";touch $HOME/pwned3",
	"a|b", "a&b", "it's", `say "hi"`, `back\slash`, `ends\`, "star*", "what?", "(paren)", "<angle>", "bang!",
	"%F{red}zsh%f", "-dash", "esc\x1b[31mred", "tab\there", "team sandbox",
}

// home writes a HOME with the sample setup (its SSO session valid for two
// more hours), hostileNames, and the shell's rc file loading awsp.
func home(t *testing.T, shell string) string { return homeWith(t, "") }

// homeWith is home with more flags for awsp --init.
func homeWith(t *testing.T, initFlags string) string {
	t.Helper()
	h := tempHome(t)
	files := sample.Files(time.Now())
	for name, text := range sample.RCFiles("$ ", initFlags) {
		files[name] = text
	}
	creds := []string{files[".aws/credentials"]}
	for _, n := range hostileNames {
		if n == "team sandbox" {
			continue // in the config file, through shlex
		}
		creds = append(creds, fmt.Sprintf("[%s]\naws_access_key_id = AKIDTEST\naws_secret_access_key = test-not-secret\n", n))
	}
	files[".aws/credentials"] = strings.Join(creds, "\n")
	files["names.txt"] = strings.Join(hostileNames, "\n") + "\n"
	writeFiles(t, h, files)
	return h
}

// dialect is what differs between the shells in the scenario.
type dialect struct {
	status     string // the last exit status, inside double quotes
	fail       string // a command that fails
	escName    string // the word esc\x1b[31mred
	export     string // export AWS_PROFILE=dev
	reinit     string // evaluate the init again
	countHooks string // prints hooks=N, the number of awsp prompt hooks
	loop       string // switches to every name of names.txt, counting successes
	promptSubs string // turns on prompt expansion of variables
}

var dialects = map[string]dialect{
	"bash": {
		status:     `$?`,
		fail:       `false`,
		escName:    `"$(printf 'esc\033[31mred')"`,
		export:     `export AWS_PROFILE=dev`,
		reinit:     `eval "$(awsp --init bash)"`,
		countHooks: `h="${PROMPT_COMMAND[*]}"; n=0; for w in ${h//;/ }; do [[ $w == __awsp_prompt_hook ]] && n=$((n+1)); done; echo "hooks=$n"`,
		loop:       `ok=0; while IFS= read -r n; do awsp -- "$n" 2>/dev/null; if [[ $AWS_PROFILE == "$n" ]]; then ok=$((ok+1)); else echo "BAD[$n]"; fi; done < ~/names.txt; echo "sw""itched=$ok"`,
		promptSubs: `shopt -s promptvars`,
	},
	"zsh": {
		status:     `$?`,
		fail:       `false`,
		escName:    `"$(printf 'esc\033[31mred')"`,
		export:     `export AWS_PROFILE=dev`,
		reinit:     `eval "$(awsp --init zsh)"`,
		countHooks: `echo "hooks=${#${(M)precmd_functions:#__awsp_precmd}}"`,
		loop:       `ok=0; while IFS= read -r n; do awsp -- "$n" 2>/dev/null; if [[ $AWS_PROFILE == "$n" ]]; then ok=$((ok+1)); else echo "BAD[$n]"; fi; done < ~/names.txt; echo "sw""itched=$ok"`,
		promptSubs: `setopt prompt_subst`,
	},
	"fish": {
		status:     `$status`,
		fail:       `false`,
		escName:    `(printf 'esc\033[31mred')`,
		export:     `set -gx AWS_PROFILE dev`,
		reinit:     `awsp --init fish | source`,
		countHooks: `echo "hooks="(functions fish_right_prompt | string match '*awsp_segment*' | count)`,
		loop:       `set ok 0; while read -l n; awsp -- $n 2>/dev/null; if test "$AWS_PROFILE" = "$n"; set ok (math $ok + 1); else; echo "BAD[$n]"; end; end < ~/names.txt; echo "sw""itched=$ok"`,
		promptSubs: `true`,
	},
	"nu": {
		status:     `($env.LAST_EXIT_CODE)`,
		fail:       `^false`,
		escName:    `"esc\e[31mred"`,
		export:     `$env.AWS_PROFILE = 'dev'`,
		reinit:     `source ~/.config/nushell/autoload/awsp.nu`,
		countHooks: `print $"hooks=($env.config.hooks.pre_prompt | where {|h| (view source $h) == '{|| __awsp_pre_prompt }'} | length)"`,
		loop:       `mut ok = 0; for n in (open ~/names.txt | lines) { awsp -- $n; if ($env.AWS_PROFILE? == $n) { $ok += 1 } else { print $"BAD[($n)]" } }; print ('sw' + $"itched=($ok)")`,
		promptSubs: `null`,
	},
}

func TestShells(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "nu"} {
		t.Run(shell, func(t *testing.T) { scenario(t, shell) })
	}
}

// scenario is what a person does in each shell.
func scenario(t *testing.T, shell string) {
	d := dialects[shell]
	h := home(t, shell)
	tm := startShell(t, shell, h)

	// zsh and fish describe each name beside it.
	if shell != "bash" {
		tm.typeText("awsp pro")
		tm.keys("Tab")
		tm.waitFor("awsp prod")
		tm.keys("C-u")
		tm.typeText("awsp dev")
		tm.keys("Tab")
		tm.keys("Tab")
		tm.waitForLine("derived ← identity ← sso", "echo")
		tm.cancelLine()
		tm.clear()
	}

	// Completion, then a switch with its warning.
	tm.typeText("awsp dev-m")
	tm.keys("Tab")
	tm.waitFor("awsp dev-mfa")
	tm.keys("Enter")
	tm.waitFor("derived-mfa-serial")
	tm.profileIs("dev-mfa")

	// The prompt shows the chain and the time left.
	tm.clear()
	tm.run("awsp dev")
	line := tm.waitForLine("dev ← identity ← sso 1h5", "dev-mfa")
	if strings.Contains(line, "⚠") {
		t.Errorf("a warning marker for dev: %q", line)
	}

	// Back, unset, an unknown name.
	tm.run("awsp -")
	tm.profileIs("dev-mfa")
	tm.run("awsp -u")
	tm.profileIs("")
	tm.clear()
	tm.run("awsp devv")
	tm.echo("rc=" + d.status)
	tm.waitFor("rc=1")
	tm.waitFor("did you mean dev")
	tm.profileIs("")

	// The picker.
	tm.clear()
	tm.run("awsp")
	tm.waitFor("type to filter")
	tm.typeText("prod")
	tm.waitFor("1/")
	tm.keys("Enter")
	tm.profileIs("prod")
	tm.run("awsp")
	tm.waitFor("type to filter")
	tm.keys("Escape")
	tm.waitMainScreen() // keys typed before the picker closes are its own
	tm.profileIs("prod")

	// $? survives the hook.
	tm.clear()
	tm.run(d.fail)
	tm.echo("rc=" + d.status)
	tm.waitFor("rc=1")

	// A prompt where nothing changed starts no process, awsp or date; a
	// change made by hand shows on the next prompt.
	if n := tm.startsOnQuietPrompts(); n != 0 {
		t.Errorf("%d awsp processes started on prompts where nothing changed", n)
	}
	tm.run(d.export)
	tm.waitFor("dev ← identity ← sso")
	// The segment came from the small binary beside awsp.
	if log, _ := os.ReadFile(tm.log); !strings.Contains(string(log), "awsp-prompt --shell "+shell) {
		t.Errorf("the prompt did not run awsp-prompt; started: %q", log)
	}

	// Evaluating the init twice adds nothing twice.
	tm.clear()
	tm.run(d.reinit)
	tm.run(d.countHooks)
	tm.waitFor("hooks=1")
	tm.mark("AGAIN")
	tm.waitFor("AGAIN-42")
	if line := tm.waitForLine("sso 1h5", "echo"); strings.Count(line, "dev ← identity ← sso") != 1 {
		t.Errorf("after a second init the prompt line is %q", line)
	}

	// Every hostile name switches byte for byte and runs nothing.
	tm.clear()
	tm.run(d.loop)
	s := tm.waitFor("switched=")
	if !strings.Contains(s, fmt.Sprintf("switched=%d", len(hostileNames))) {
		t.Errorf("not every name switched:\n%s", s)
	}

	// Prompt expansion on: a name full of expansions shows literally.
	tm.clear()
	tm.run(d.promptSubs)
	tm.run(`awsp -- '$(touch $HOME/pwned1)'`)
	tm.keys("Enter")
	tm.waitForLine("$(touch $HOME/pwned1)", "awsp --")
	tm.run(`awsp -- '%F{red}zsh%f'`)
	tm.keys("Enter")
	tm.waitForLine("%F{red}zsh%f", "awsp --")
	tm.run("awsp -- " + d.escName)
	tm.keys("Enter")
	tm.waitForLine(`esc\x1b[31mred`, "awsp --")

	// Completion and the picker offer hostile names that switch as they
	// are; a hostile region is set as it is. same.sh compares AWS_PROFILE
	// with a file, from a child that inherits it, and says which file.
	same := func(name string) {
		t.Helper()
		file := filepath.Join(h, "expect-"+fmt.Sprint(len(name)))
		os.WriteFile(file, []byte(name), 0o600)
		tm.run("sh ~/same.sh " + file)
		tm.waitFor("SAME-42-" + fmt.Sprint(len(name)))
	}
	os.WriteFile(filepath.Join(h, "same.sh"), []byte(`[ "$AWS_PROFILE" = "$(cat "$1")" ] && echo "SAME-4""2-${1##*-}" || echo "DIFFERENT: $AWS_PROFILE"`+"\n"), 0o700)
	tm.clear()
	tm.typeText("awsp esc")
	tm.keys("Tab")
	tm.waitFor("red")
	tm.keys("Enter")
	same("esc\x1b[31mred")
	tm.run("awsp")
	tm.waitFor("type to filter")
	tm.typeText("pwned2")
	tm.waitFor("1/")
	tm.keys("Enter")
	tm.waitMainScreen()
	same("`touch $HOME/pwned2`")
	tm.run(`awsp -r '$(touch $HOME/pwned3)'`)
	tm.echo(`<<$AWS_REGION>>`)
	tm.waitFor("<<$(touch $HOME/pwned3)>>")
	tm.run("awsp -r -")
	tm.echo(`<<[$AWS_REGION][$AWS_DEFAULT_REGION]>>`)
	tm.waitFor("<<[][]>>")
	if raw := tm.screenWithEscapes(); strings.Contains(raw, "\x1b[31m") {
		t.Errorf("a colour from a profile name reached the terminal:\n%q", raw)
	}

	for i := 1; i <= 3; i++ {
		if _, err := os.Stat(filepath.Join(h, fmt.Sprintf("pwned%d", i))); err == nil {
			t.Errorf("pwned%d exists: a profile name was executed", i)
		}
	}
}

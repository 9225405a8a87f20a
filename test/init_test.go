package test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// shellOut runs script in shell (interactive when asked) with awsp on PATH.
func shellOut(t *testing.T, shell string, interactive bool, script string) string {
	t.Helper()
	requireTools(t, shell)
	args := []string{"-c", script}
	switch {
	case shell == "fish":
		args = append([]string{"--no-config"}, args...)
		if interactive {
			args = append([]string{"-i"}, args...)
		}
	case interactive && shell == "bash":
		args = append([]string{"--norc", "--noprofile", "-i"}, args...)
	case interactive:
		args = append([]string{"-f", "-i"}, args...)
	}
	cmd := exec.Command(shell, args...)
	home := t.TempDir()
	cmd.Env = []string{"HOME=" + home, "PATH=" + binDir + ":/usr/bin:/bin", "TERM=dumb", "AWSP_CONFIG=" + filepath.Join(home, "none")}
	out, err := cmd.Output() // stderr has bash's job-control notice without a terminal
	if err != nil {
		t.Fatalf("%s: %v\n%s", shell, err, out)
	}
	return strings.TrimSpace(string(out))
}

// TestInitKeepsWhatIsThere: the user's PROMPT_COMMAND (string or array),
// precmd_functions and right prompt survive, twice evaluated.
func TestInitKeepsWhatIsThere(t *testing.T) {
	for _, tc := range []struct{ shell, script, want string }{
		{"bash", `PROMPT_COMMAND='echo one'; eval "$(awsp --init bash)"; eval "$(awsp --init bash)"; printf '%s' "$PROMPT_COMMAND"`,
			"__awsp_prompt_hook;echo one"},
		{"bash", `PROMPT_COMMAND=(one two); eval "$(awsp --init bash)"; eval "$(awsp --init bash)"; printf '%s,' "${PROMPT_COMMAND[@]}"`,
			"__awsp_prompt_hook,one,two,"},
		{"zsh", `precmd_functions=(mine); eval "$(awsp --init zsh)"; eval "$(awsp --init zsh)"; print -r -- ${(j:,:)precmd_functions}`,
			// Without compinit, completion waits for it in a hook of its own.
			"mine,__awsp_precmd,__awsp_compdef"},
		{"fish", `function fish_right_prompt; echo -n RIGHT; end; awsp --init fish | source; awsp --init fish | source; set -e AWS_PROFILE; fish_right_prompt`,
			"RIGHT"},
	} {
		if got := shellOut(t, tc.shell, true, tc.script); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.shell, got, tc.want)
		}
	}
}

// TestInitNonInteractive: scripts get the function, not the hooks.
func TestInitNonInteractive(t *testing.T) {
	for shell, script := range map[string]string{
		"bash": `eval "$(awsp --init bash)"; type -t awsp; echo "pc=${PROMPT_COMMAND-}"; complete -p awsp 2>/dev/null || echo nocomp`,
		"zsh":  `eval "$(awsp --init zsh)"; whence -w awsp; echo "pc=${precmd_functions-}"`,
		"fish": `awsp --init fish | source; functions -q awsp; and echo function; functions -q fish_right_prompt; or echo "pc="`,
	} {
		got := shellOut(t, shell, false, script)
		if !strings.Contains(got, "function") || !strings.Contains(got, "pc=") || strings.Contains(got, "__awsp") {
			t.Errorf("%s non-interactive: %q", shell, got)
		}
	}
}

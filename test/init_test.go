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
	if shell == "zsh" {
		args[len(args)-1] = zshModules(shellPath(shell)) + script
	}
	cmd := exec.Command(shellPath(shell), args...)
	home := t.TempDir()
	cmd.Env = []string{"HOME=" + home, "PATH=" + binDir + ":/usr/bin:/bin", "TERM=dumb", "AWSP_CONFIG=" + filepath.Join(home, "none")}
	out, err := cmd.Output() // stderr has bash's job-control notice without a terminal
	if err != nil {
		t.Fatalf("%s: %v\n%s", shell, err, out)
	}
	return strings.TrimSpace(string(out))
}

// TestInitKeepsWhatIsThere: the user's PROMPT_COMMAND (string or array),
// precmd_functions and right prompt survive, twice evaluated. bash before
// 5.1 runs only the first element of a PROMPT_COMMAND array, so there the
// hook joins that element (test.sh runs this under bash 3.2 to 5.0 too).
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
		t.Run(tc.shell, func(t *testing.T) {
			want := tc.want
			if strings.Contains(tc.script, "(one two)") && shellOut(t, "bash", false, `((BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] < 501)) && echo old || true`) == "old" {
				want = "__awsp_prompt_hook;one,two,"
			}
			if got := shellOut(t, tc.shell, true, tc.script); got != want {
				t.Errorf("%q: %q, want %q", tc.script, got, want)
			}
		})
	}
}

// TestInitNonInteractive: scripts get the function, not the hooks or the
// completion.
func TestInitNonInteractive(t *testing.T) {
	for _, tc := range []struct{ shell, script, want string }{
		{"bash", `eval "$(awsp --init bash)"; type -t awsp; echo "pc=${PROMPT_COMMAND-}"; complete -p awsp 2>/dev/null || echo nocomp`, "function\npc=\nnocomp"},
		{"zsh", `eval "$(awsp --init zsh)"; whence -w awsp; echo "pc=${precmd_functions-}"; (( $+functions[_awsp] )) || echo nocomp`, "awsp: function\npc=\nnocomp"},
		{"fish", `awsp --init fish | source; functions -q awsp; and echo function; functions -q fish_right_prompt; or echo "pc="; complete -c awsp | count; true`, "function\npc=\n0"},
	} {
		t.Run(tc.shell, func(t *testing.T) {
			if got := shellOut(t, tc.shell, false, tc.script); got != tc.want {
				t.Errorf("non-interactive: %q, want %q", got, tc.want)
			}
		})
	}
}

// TestPromptBinary: the hooks run awsp-prompt when it is installed, and
// awsp --prompt when only awsp is (go install of cmd/awsp alone), with the
// same segment.
func TestPromptBinary(t *testing.T) {
	home := tempHome(t)
	writeFiles(t, home, map[string]string{".aws/config": "[profile solo]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = x\n"})
	onlyAwsp := t.TempDir()
	if err := os.Symlink(filepath.Join(binDir, "awsp"), filepath.Join(onlyAwsp, "awsp")); err != nil {
		t.Fatal(err)
	}
	scripts := map[string][]string{
		"bash": {"--norc", "--noprofile", "-i", "-c", `eval "$(awsp --init bash)"; export AWS_PROFILE=solo; __awsp_prompt_hook; printf '%s|%s' "${__awsp_prompt_cmd[*]}" "$AWSP_SEGMENT"`},
		"zsh":  {"-f", "-i", "-c", `eval "$(awsp --init zsh)"; export AWS_PROFILE=solo; __awsp_precmd; print -rn -- "${__awsp_prompt_cmd[*]}|$AWSP_SEGMENT "`},
		"fish": {"--no-config", "-i", "-c", `awsp --init fish | source; set -gx AWS_PROFILE solo; printf '%s|' "$__awsp_prompt_cmd"; awsp_segment; echo -n ' '`},
	}
	for shell, args := range scripts {
		requireTools(t, shell)
		for path, want := range map[string]string{binDir: "awsp-prompt|solo ", onlyAwsp: "awsp --prompt|solo "} {
			cmd := exec.Command(shell, args...)
			cmd.Env = []string{"HOME=" + home, "PATH=" + path + ":/usr/bin:/bin", "TERM=dumb", "NO_COLOR=1", "AWSP_CONFIG=" + filepath.Join(home, "none")}
			out, _ := cmd.Output()
			if got := string(out); got != want {
				t.Errorf("%s with PATH %s: %q, want %q", shell, path, got, want)
			}
		}
	}
}

// TestPromptBinarySameSegment: awsp-prompt prints what awsp --prompt
// prints, byte for byte, whatever the profile, dialect and format.
func TestPromptBinarySameSegment(t *testing.T) {
	home := tempHome(t)
	files := map[string]string{
		".aws/config": "[profile sso]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = r\n[sso-session corp]\nsso_start_url = https://x\nsso_region = eu-west-1\n" +
			"[profile dev]\nrole_arn = arn:aws:iam::1:role/dev\nsource_profile = sso\nregion = eu-west-1\n" +
			"[profile mfa]\nrole_arn = arn:aws:iam::1:role/m\nsource_profile = sso\nmfa_serial = arn:aws:iam::1:mfa/me\n" +
			"[profile broken]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = nowhere\n" +
			"[profile x\x1b[31m%F{red}$(id)]\nrole_arn = arn:aws:iam::1:role/h\nsource_profile = dev\n",
		sample.SSOCache("corp"): `{"accessToken": "t", "expiresAt": "2099-01-01T00:00:00Z"}`,
	}
	writeFiles(t, home, files)
	for name := range files {
		old := time.Now().Add(-time.Hour) // settled: awsp-prompt reads what awsp --prompt cached
		os.Chtimes(filepath.Join(home, name), old, old)
	}
	segment := func(argv []string, profile string) string {
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Env = []string{"HOME=" + home, "PATH=/usr/bin:/bin", "AWS_PROFILE=" + profile, "AWSP_CONFIG=" + filepath.Join(home, "none")}
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%v: %v", argv, err)
		}
		return string(out)
	}
	for _, profile := range []string{"sso", "dev", "mfa", "broken", "missing", "x\x1b[31m%F{red}$(id)"} {
		for _, shell := range []string{"plain", "bash", "zsh", "fish"} {
			for _, format := range []string{"", "{profile} {primary} {region} {expiry} {warn}"} {
				args := []string{"--shell", shell}
				if format != "" {
					args = append(args, "--format", format)
				}
				full := segment(append([]string{filepath.Join(binDir, "awsp-real"), "--prompt"}, args...), profile)
				small := segment(append([]string{filepath.Join(binDir, "awsp-prompt-real")}, args...), profile)
				if small != full || full == "" {
					t.Errorf("%q %v: awsp-prompt %q, awsp --prompt %q", profile, args, small, full)
				}
			}
		}
	}
}

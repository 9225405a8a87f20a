// Package shell holds the shell integration as real files, one per shell,
// embedded here and printed by awsp --init. They hold no AWS logic: they
// run the binary and evaluate the code it prints.
package shell

import (
	_ "embed"

	"github.com/awsp-dev/awsp/completions"
	"github.com/awsp-dev/awsp/internal/shellcode"
)

var (
	//go:embed awsp.bash
	bash string
	//go:embed awsp.zsh
	zsh string
	//go:embed awsp.fish
	fish string
)

// Init is what `awsp --init SHELL` prints: whether to show the segment in
// the prompt and to follow .awsprofile files, the integration, and the
// completion. It reads no file.
func Init(sh shellcode.Shell, showPrompt, auto bool) string {
	flag, autoFlag := "0", "0"
	if showPrompt {
		flag = "1"
	}
	if auto {
		autoFlag = "1"
	}
	switch sh {
	case shellcode.Zsh:
		return "typeset -g __awsp_show_prompt=" + flag + " __awsp_auto=" + autoFlag + "\n" + zsh + "\nif [[ -o interactive ]]; then\n" + completions.Zsh + "\nfi\n"
	case shellcode.Fish:
		return "set -g __awsp_show_prompt " + flag + "\nset -g __awsp_auto " + autoFlag + "\n" + fish + "\nif status is-interactive\n" + completions.Fish + "\nend\n"
	}
	return "__awsp_show_prompt=" + flag + " __awsp_auto=" + autoFlag + "\n" + bash + "\nif [[ $- == *i* ]]; then\n" + completions.Bash + "\nfi\n"
}

// Package shell holds the shell integration as real files, one per shell,
// embedded here and printed by awsp --init. They hold no AWS logic: they
// run the binary and evaluate the code it prints (nushell: apply the
// document it prints).
//
// What the shell code asks the binary (flags for these files, not for
// people):
//
// Every --eval carries --protocol N, the Protocol of the init the shell
// loaded (0 from an awsp before there was one). A binary that speaks
// another answers bash, zsh and fish with code that loads its own init
// (with the flags the shell's had) and runs the command again; nushell
// is told to start anew (its config.nu writes the init each start).
//
//	awsp --eval SHELL --protocol N --following 1|0 [--auto-state S] [--previous P] ARGS...
//	    the switch (NAME, -, -u, -r, --allow, --deny, login, --login, or
//	    the picker): code for SHELL on stdout, messages on stderr;
//	    evaluated only on exit 0. --following says whether the shell
//	    follows .awsprofile files (its init had --auto). Every value in
//	    the code is quoted
//	    (internal/shellcode). For awsp login (or an accepted offer) the
//	    code runs the AWS CLI first, `if \command aws sso login ...; then
//	    <switch>; else \builtin false; fi`, and the function returns its
//	    status: the one program the shell code ever runs for awsp.
//	    When the sticky profile is on, the switch after such a login
//	    ends with `\command awsp --remember -- NAME`: the profile is kept
//	    only once the login succeeded.
//	    For nu the code is a JSON document, printed only on exit 0:
//	    {"aws": [...], "env": {NAME: value or null}, "keep": {...},
//	    "remember": NAME} (internal/shellcode/code.go), applied by
//	    __awsp_apply.
//	awsp --eval SHELL --protocol N --auto-state S --chdir
//	    the directory hook of --auto: code that enters or leaves a
//	    .awsprofile tree.
//	awsp-prompt --shell SHELL --watch PID   (or awsp --prompt ...)
//	    the segment's line, then a stamp file the binary touched and the
//	    files the segment was made from, one a line; the hook re-renders
//	    when one is newer than the stamp (-nt, internal/prompt/watch.go).
//	awsp --complete bash -- PREV CUR LINE
//	    COMPREPLY entries, each quoted for the way the word was begun.
//	awsp --complete nu -- LINE
//	    a JSON list of nushell completion records for the line up to
//	    the cursor: value (quoted for the command line),
//	    display_override, description.
//	awsp --complete zsh|fish|names|zsh-flags|zsh-regions|fish-regions
//	    candidates with descriptions ("name:description", "name\tdesc"),
//	    or names alone (zsh's compctl).
//
// What the shell keeps between calls, in shell variables that are not
// exported: __awsp_previous (the profile before the last switch, for
// awsp -), __awsp_auto_state (JSON the binary wrote and reads back),
// __awsp_stamp and __awsp_watch (from --watch), and AWSP_SEGMENT. Nushell
// keeps them in the record $env.__awsp, which it exports to no program.
package shell

import (
	_ "embed"
	"strconv"

	"github.com/awsp-dev/awsp/completions"
	"github.com/awsp-dev/awsp/internal/shellcode"
)

// Protocol is the version of what the shell files and the binary say to
// each other (above). It changes whenever a shell file would misread
// what an older or newer binary says; Init writes it into the shell.
const Protocol = 1

var (
	//go:embed awsp.bash
	bash string
	//go:embed awsp.zsh
	zsh string
	//go:embed awsp.fish
	fish string
	//go:embed awsp.nu
	nu string
)

// Init is what `awsp --init SHELL` prints: whether to show the segment in
// the prompt and to follow .awsprofile files, the integration, and the
// completion. It reads no file.
func Init(sh shellcode.Shell, showPrompt, auto bool) string {
	flag, autoFlag, protocol := "0", "0", strconv.Itoa(Protocol)
	if showPrompt {
		flag = "1"
	}
	if auto {
		autoFlag = "1"
	}
	switch sh {
	case shellcode.Zsh:
		return "typeset -g __awsp_show_prompt=" + flag + " __awsp_auto=" + autoFlag + " __awsp_protocol=" + protocol + "\n" + zsh + "\nif [[ -o interactive ]]; then\n" + completions.Zsh + "\nfi\n"
	case shellcode.Fish:
		return "set -g __awsp_show_prompt " + flag + "\nset -g __awsp_auto " + autoFlag + "\nset -g __awsp_protocol " + protocol + "\n" + fish + "\nif status is-interactive\n" + completions.Fish + "\nend\n"
	case shellcode.Nu:
		// Its completion is part of the file: nushell ties a completer
		// to the command's parameter.
		return "$env.__awsp = ($env.__awsp? | default {} | merge {show_prompt: " + strconv.FormatBool(showPrompt) + ", auto: " + strconv.FormatBool(auto) + ", protocol: " + protocol + "})\n" + nu
	}
	return "__awsp_show_prompt=" + flag + " __awsp_auto=" + autoFlag + " __awsp_protocol=" + protocol + "\n" + bash + "\nif [[ $- == *i* ]]; then\n" + completions.Bash + "\nfi\n"
}

// RCLines are the lines an rc file holds to load awsp with flags (" --auto",
// say): the ones install.sh writes, the README and the man page show and
// awsp's messages recommend (a test holds each to this). The binary runs
// as \command awsp: an alias of command (or of awsp) cannot take its
// place; fish reserves the word command, so no function can.
func RCLines(sh shellcode.Shell, flags string) string {
	switch sh {
	case shellcode.Fish:
		return "command awsp --init fish" + flags + " | source"
	case shellcode.Nu:
		return "mkdir ($nu.user-autoload-dirs | first)\n^awsp --init nu" + flags + " | save --force ($nu.user-autoload-dirs | first | path join awsp.nu)"
	}
	return `eval "$(\command awsp --init ` + string(sh) + flags + `)"`
}

package cli

import (
	"fmt"
	"strings"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/settings"
	"github.com/awsp-dev/awsp/internal/shellcode"
	"github.com/awsp-dev/awsp/internal/view"
	"github.com/awsp-dev/awsp/shell"
)

// Man is awsp(1) in roff's man macros, made from the same tables as
// --help (Flags), the lint (profiles.Codes) and the prompt
// (prompt.Fields), so that it cannot fall behind them. install.sh and the
// packages write it with `awsp --man`.
func Man() string {
	var b strings.Builder
	w := func(lines ...string) {
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
	}
	w(`.TH AWSP 1 "" "awsp `+roff(settings.Current())+`" "User Commands"`,
		".nh", ".ad l", // names and ARNs are not to be hyphenated or stretched
		".SH NAME",
		`awsp \- switch AWS profiles and see the identity the next call will use`,
		".SH SYNOPSIS",
		`.B awsp`, `[\fINAME\fR | \fB\-\fR | \fB\-u\fR | \fB\-r\fR \fIR\fR [\fINAME\fR]]`, ".br",
		`.B awsp`, `\fB\-l\fR | \fB\-s\fR [\fINAME\fR] | \fB\-\-lint\fR | \fB\-c\fR | \fB\-\-prompt\fR`, ".br",
		`.B awsp \-\-init`, `\fIbash\fR | \fIzsh\fR | \fIfish\fR | \fInu\fR`,
		".SH DESCRIPTION",
		roff("awsp switches the AWS profile of the current shell (AWS_PROFILE) and shows which identity the next aws, terraform or kubectl call will use: the profile, its chain of source_profile roles down to the Primary that holds the credentials, and the time left on the Primary's session. It reads ~/.aws/config and ~/.aws/credentials with the AWS CLI's own rules, and its lint explains what the AWS CLI would do with them."),
		".PP",
		roff("Switching needs the shell integration, a shell function that evaluates what awsp prints. Load it from the rc file of each shell:"),
		".PP", ".RS", manRCLine(shellcode.Bash), ".br", manRCLine(shellcode.Zsh), ".br", manRCLine(shellcode.Fish), ".RE",
		".PP",
		roff("Nushell sources no command's output: its config.nu writes the init to the autoload directory, which nushell reads after config.nu:"),
		".PP", ".RS", strings.ReplaceAll(manRCLine(shellcode.Nu), "\n", "\n.br\n.B "), ".RE",
		".PP",
		roff("awsp never runs a program and never opens a network connection: a credential_process, a kubeconfig exec plugin or a web identity token named in a file is read as text, never executed. The shell function runs what awsp prints: the AWS CLI for awsp login, the command given to awsp exec, the browser for awsp console, and for awsp console --federate the AWS CLI (aws configure export-credentials) piped to awsp-net, which exchanges the session's credentials at AWS's federation endpoint, and awsp-net for awsp sso sync, which lists what IAM Identity Center grants: the two connections, each only under its command."))
	manSection(&b, "SWITCHING", "Usage")
	manSection(&b, "READING", "Reading")
	manSection(&b, "ACTING AS A PROFILE", "Acting")
	manSection(&b, "SETUP", "Setup")
	manSection(&b, "OPTIONS", "Options")
	w(".SH PROMPT FORMAT", roff("--format F, or AWSP_PROMPT_FORMAT, fills these fields; the default is "+prompt.DefaultFormat+"."))
	for _, f := range prompt.Fields {
		w(".TP", `.B {`+f.Name+`}`, roff(f.Meaning))
	}
	w(".SH SYMBOLS")
	for _, sym := range Symbols {
		w(".TP", ".B "+roff(sym.mark), roff(sym.meaning))
	}
	w(".SH LINT", roff("awsp --lint reports each finding as FILE:LINE: SEVERITY: CODE: message. An error is what makes the AWS CLI fail; a warning works, but not as meant. A finding of a profile is silenced in awsp's config:"),
		".PP", ".RS", `.B [profile dev\-mfa]`, ".br", `.B ignore = derived\-mfa\-serial`, ".RE")
	for _, c := range profiles.Codes {
		meaning := c.Severity + ": " + c.Meaning
		if c.Fix != "" {
			meaning += ". --fix " + c.Fix
		}
		w(".TP", `.B `+roff(c.Name), roff(meaning))
	}
	w(".SH FIXES", roff("awsp --lint --fix prints a unified diff of the safe fixes of the findings (in the list above: what --fix does for each code); --fix --write writes them, each file atomically, the file a symlink points to, with its mode, the old one kept beside it as FILE.awsp-backup. A fix touches only the lines it fixes; every other byte stays. After the fixes the lint runs again: a fix is kept only when what it fixed is gone and nothing new is found, so that a profile no fix touched reads as before. A file the AWS CLI refuses (a repeated section or key) hides its chains' findings: the fixes run in rounds, at most four. Lines of credentials show in the diff without their values."),
		".SH TEAMS", roff("awsp --lint FILE... lints config files of a repository, each as the AWS CLI reads it as AWS_CONFIG_FILE with no credentials file, not the user's own. --format github prints workflow commands (::error file=F,line=L,col=C,endColumn=E,title=CODE::message) that annotate a pull request; --format sarif prints a SARIF 2.1.0 log for code scanning, a rule per code, with the fixes; --format json (or --json) gives each finding's file, line, column and end_column (code points, the end exclusive) and its fix as text edits (line, column, end_line, end_column, new_text), what an editor needs. The exit status is 1 when there is a finding, whatever the format."))
	w(".SH EXIT STATUS")
	for _, e := range ExitCodes {
		w(".TP", fmt.Sprintf(".B %d", e.code), roff(e.meaning))
	}
	w(".SH ENVIRONMENT")
	for _, e := range [][2]string{
		{"AWS_PROFILE", "the active profile, set by switching; when it is unset, AWS_DEFAULT_PROFILE, as AWS CLI v2 and the Go SDK read it"},
		{"AWS_DEFAULT_PROFILE", "unset by switching: boto3 and AWS CLI v1 prefer it to AWS_PROFILE"},
		{"AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE", "where the AWS files are, ~ and $VAR expanded"},
		{"AWS_LOGIN_CACHE_DIRECTORY", "where aws login keeps its tokens, read as the AWS CLI reads it"},
		{"AWS_ACCESS_KEY_ID, AWS_CREDENTIAL_EXPIRATION", "keys in the environment are the identity of the next call, shown with their time left; switching clears them"},
		{"AWS_VAULT, AWS_SSO_PROFILE, AWSUME_PROFILE, GRANTED_SSO, SAML2AWS_PROFILE", "beside such keys, the tool that set them and its profile, shown as tool:profile"},
		{"AWSP_CONFIG", "awsp's config file"},
		{"AWSP_CACHE_DIR", "awsp's cache directory"},
		{"AWSP_STATE_DIR", "where the allow list of .awsprofile files and the sticky profile are kept"},
		{"AWSP_PROMPT_FORMAT", "the prompt segment's format"},
		{"NO_COLOR", "no colour when set. " + view.ColourRule},
	} {
		w(".TP", ".B "+roff(e[0]), roff(e[1]))
	}
	w(".SH FILES",
		".TP", `.I ~/.aws/config`, ".TQ", `.I ~/.aws/credentials`, roff("profiles, read as the AWS CLI reads them"),
		".TP", `.I ~/.aws/sso/cache/`, ".TQ", `.I ~/.aws/cli/cache/`, roff("the AWS CLI's caches, for the time left on sessions and roles"),
		".TP", `.I $XDG_CONFIG_HOME/awsp/config`, roff("awsp's config (~/.config/awsp/config, on macOS too)"),
		".TP", `.I .awsprofile`, roff("the profile a directory asks for, honoured by --init --auto once allowed with awsp --allow"),
		".SH SEE ALSO", `.BR aws (1)`)
	return b.String()
}

// manSection lists the entries of one --help section.
func manSection(b *strings.Builder, title, section string) {
	fmt.Fprintf(b, ".SH %s\n", title)
	for _, e := range helpEntries(section) {
		fmt.Fprintf(b, ".TP\n.B %s\n%s\n", roff(e[0]), roff(strings.ReplaceAll(e[1], "\n", " ")))
	}
}

// manRCLine is the rc line of sh, in bold.
func manRCLine(sh shellcode.Shell) string {
	return ".B " + strings.ReplaceAll(roff(shell.RCLines(sh, "")), `"`, `\(dq`)
}

// roff escapes text for a man page: a backslash is printed, a hyphen is
// a minus (what a person types), and no line starts a request.
func roff(s string) string {
	s = strings.NewReplacer(`\`, `\e`, "-", `\-`).Replace(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			lines[i] = `\&` + l
		}
	}
	return strings.Join(lines, "\n")
}

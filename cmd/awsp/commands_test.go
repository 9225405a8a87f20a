package main

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/shellcode"
	"github.com/awsp-dev/awsp/shell"
)

// The shell functions hand to awsp --eval exactly the arguments the table
// says switch the shell.
func TestShellFilesSwitchWhatTheTableSays(t *testing.T) {
	var want []string
	for _, f := range flags {
		if f.switches {
			want = append(want, f.names...)
		}
	}
	sort.Strings(want)
	for file, caseLine := range map[string]*regexp.Regexp{
		"../../shell/awsp.bash": regexp.MustCompile(`(?m)^\s*'' \| (.*) \| \[!-\]\*\) ;;$`),
		"../../shell/awsp.zsh":  regexp.MustCompile(`(?m)^\s*'' \| (.*) \| \[\^-\]\*\) ;;$`),
		"../../shell/awsp.fish": regexp.MustCompile(`(?m)^\s*case '' (.*)$`),
		"../../shell/awsp.nu":   regexp.MustCompile(`\(\$first not-in \[(.*)\]\)`),
	} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		m := caseLine.FindStringSubmatch(string(data))
		if m == nil {
			t.Errorf("%s: no case of switching arguments found", file)
			continue
		}
		got := strings.Fields(strings.ReplaceAll(m[1], "|", " "))
		sort.Strings(got)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s switches on %q; the table says %q", file, got, want)
		}
	}
}

// fish completes --init with every shell awsp has an integration for.
func TestFishCompletesEveryShell(t *testing.T) {
	data, err := os.ReadFile("../../completions/awsp.fish")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^complete -c awsp -l init -x -a '([^']*)'`).FindSubmatch(data)
	var want []string
	for _, sh := range shellcode.Shells {
		want = append(want, string(sh))
	}
	if m == nil || string(m[1]) != strings.Join(want, " ") {
		t.Errorf("fish completes --init with %q, want %q", m, strings.Join(want, " "))
	}
}

// Every flag --help shows is completed in fish (bash and zsh ask the
// binary, which reads the table), and --help shows every such flag.
func TestCompletionsAndHelpFollowTheTable(t *testing.T) {
	data, err := os.ReadFile("../../completions/awsp.fish")
	if err != nil {
		t.Fatal(err)
	}
	help := usageText()
	for _, f := range completedFlags() {
		if !strings.Contains(string(data), " -l "+strings.TrimPrefix(f[0], "--")+" ") {
			t.Errorf("completions/awsp.fish does not complete %s", f[0])
		}
		if !strings.Contains(help, f[0]) {
			t.Errorf("--help does not show %s", f[0])
		}
	}
}

// Every symbol is explained in --help and in the README's legend.
func TestSymbolsAreExplained(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	help := usageText()
	for _, sym := range symbols {
		if !strings.Contains(help, sym.mark) {
			t.Errorf("--help does not explain %s", sym.mark)
		}
		if !strings.Contains(string(readme), "| `"+sym.mark+"` |") {
			t.Errorf("the README's legend has no row for %s", sym.mark)
		}
	}
}

// The init lines people copy are the ones install.sh writes
// (shell.RCLines): the README shows them, and no document or message
// shows an eval of awsp without \command, which an alias of command in
// an rc file breaks (the whole init printed, awsp undefined).
func TestInitLinesAreTheRCLines(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, sh := range shellcode.Shells {
		if !strings.Contains(string(readme), shell.RCLines(sh, "")) {
			t.Errorf("the README does not show the %s line %q", sh, shell.RCLines(sh, ""))
		}
	}
	_, needs, _ := runAll(environ.Environ{"HOME": t.TempDir()}, "dev")
	texts := map[string]string{"README.md": string(readme), "man page": manPage(), "--help": usageText(), "message": needs}
	for _, file := range []string{"../../install.sh", "../../shell/awsp.bash", "../../shell/awsp.zsh", "../../completions/_awsp", "../../completions/awsp.bash"} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		texts[file] = string(data)
	}
	if !strings.Contains(needs, shell.RCLines(shellcode.Bash, "")) || !strings.Contains(needs, shell.RCLines(shellcode.Fish, "")) {
		t.Errorf("the message for a missing integration: %q", needs)
	}
	unescaped := regexp.MustCompile(`\$\((command )?awsp --init|\\\(dq\$\(awsp`)
	for name, text := range texts {
		if m := unescaped.FindString(text); m != "" {
			t.Errorf("%s runs the init as %q, without \\command", name, m)
		}
	}
}

// The widths and thresholds the README and the man page give are
// the constants the code uses.
func TestDocumentedWidths(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := strings.Join(strings.Fields(string(data)), " ")
	for _, want := range []string{
		fmt.Sprintf("in what the rest of the segment leaves of %d columns, at least %d", prompt.SegmentWidth, prompt.MinChainWidth),
		fmt.Sprintf("short form of at most %d columns", prompt.ShortWidth),
		fmt.Sprintf("%d columns at most, label included", prompt.SegmentWidth),
		fmt.Sprintf("yellow under %d minutes", int(prompt.SoonWithin.Minutes())),
	} {
		if !strings.Contains(readme, want) {
			t.Errorf("the README does not say %q", want)
		}
	}
	// --help names the fields; the man page says what each holds.
	if chain := fmt.Sprintf("of %d columns (at least %d)", prompt.SegmentWidth, prompt.MinChainWidth); !strings.Contains(strings.Join(strings.Fields(manPage()), " "), chain) {
		t.Errorf("the man page does not give the chain's width as %q", chain)
	}
}

package cli

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/shellcode"
	"github.com/awsp-dev/awsp/internal/view"
)

// The shell functions hand to awsp --eval exactly the arguments the table
// says switch the shell.
func TestShellFilesSwitchWhatTheTableSays(t *testing.T) {
	var want []string
	for _, f := range Flags {
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

// Every symbol is explained in --help and in the README's legend.
func TestSymbolsAreExplained(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	help := Usage()
	for _, sym := range Symbols {
		if !strings.Contains(help, sym.mark) {
			t.Errorf("--help does not explain %s", sym.mark)
		}
		if !strings.Contains(string(readme), "| `"+sym.mark+"` |") {
			t.Errorf("the README's legend has no row for %s", sym.mark)
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
	if chain := fmt.Sprintf("of %d columns (at least %d)", prompt.SegmentWidth, prompt.MinChainWidth); !strings.Contains(strings.Join(strings.Fields(Man()), " "), chain) {
		t.Errorf("the man page does not give the chain's width as %q", chain)
	}
}

// fish completes exactly the flags --help shows, each with its short
// name and what the table says of it, in the table's order (bash, zsh
// and nushell ask the binary, which reads the table).
func TestFishCompletesTheTable(t *testing.T) {
	data, err := os.ReadFile("../../completions/awsp.fish")
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^complete -c awsp (?:-s (\w) )?-l ([\w-]+) .*-d '((?:[^'\\]|\\.)*)'$`)
	var got []string
	for _, m := range line.FindAllStringSubmatch(string(data), -1) {
		got = append(got, fmt.Sprintf("%s --%s %s", m[1], m[2], strings.NewReplacer(`\'`, "'", `\\`, `\`).Replace(m[3])))
	}
	var want []string
	help := Usage()
	for _, f := range CompletedFlags() {
		spec, _ := lookupFlag(f[0], false)
		short := ""
		if len(spec.names) > 1 {
			short = strings.TrimPrefix(spec.names[0], "-")
		}
		want = append(want, fmt.Sprintf("%s %s %s", short, f[0], f[1]))
		if !strings.Contains(help, f[0]) {
			t.Errorf("--help does not show %s", f[0])
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("completions/awsp.fish completes\n%s\nthe table says\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The colour rule is view.ColourRule in --help, the man page (TestManPage)
// and the README; the prompt's options are prompt.Flags in awsp's table
// (and so in awsp-prompt, which parses with them), and the README gives
// their synopsis.
func TestColourRuleAndPromptFlagsAreSaidOnce(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	flat := func(s string) string { return strings.Join(strings.Fields(strings.ReplaceAll(s, "`", "")), " ") }
	readme := flat(string(data))
	if !strings.Contains(flat(Usage()), view.ColourRule) {
		t.Errorf("--help does not give the colour rule %q", view.ColourRule)
	}
	if !strings.Contains(readme, view.ColourRule) {
		t.Errorf("the README does not give the colour rule %q", view.ColourRule)
	}
	if want := "awsp-prompt " + prompt.FlagUsage(); !strings.Contains(readme, want) {
		t.Errorf("the README does not give the prompt's options as %q", want)
	}
	for _, pf := range prompt.Flags {
		f, ok := lookupFlag(pf.Name, false)
		if !ok || f.value != pf.Value || f.set == nil {
			t.Errorf("awsp's table has no %s %s", pf.Name, pf.Value)
			continue
		}
		o := Options{Action: ActPrompt}
		if err := f.set(&o, pf.Name, "1"); err != nil && pf.Name != "--shell" {
			t.Errorf("%s: %v", pf.Name, err)
		}
	}
}

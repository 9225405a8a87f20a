package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/shellcode"
	"github.com/awsp-dev/awsp/internal/summary"
	"github.com/awsp-dev/awsp/internal/view"
)

// complete answers the completion scripts: `--complete KIND [ARGS]`.
func (a *app) complete() error {
	if len(a.opts.Names) == 0 {
		return failf(cli.ExitUsage, "--complete needs a kind")
	}
	// The completion scripts pass what the person typed after "--": it
	// may look like a flag.
	kind, args := a.opts.Names[0], a.opts.Names[1:]
	switch kind {
	case "zsh-flags":
		for _, f := range cli.CompletedFlags() {
			fmt.Fprintf(a.stdout, "%s:%s\n", f[0], f[1])
		}
		return nil
	case "names": // zsh's compctl, without compinit: names alone
		c, err := a.load()
		if err != nil {
			return err
		}
		for _, n := range c.Names() {
			if shellcode.Holds(shellcode.Zsh, n) {
				fmt.Fprintln(a.stdout, oneLine(n))
			}
		}
		return nil
	case "zsh-regions", "fish-regions":
		for _, r := range a.regionNames() {
			fmt.Fprintln(a.stdout, r)
		}
		return nil
	}
	switch kind {
	case "bash":
		if len(args) != 3 {
			return failf(cli.ExitUsage, "--complete bash takes PREV CUR LINE")
		}
		return a.completeBash(args[0], args[1], args[2])
	case "nu":
		if len(args) != 1 {
			return failf(cli.ExitUsage, "--complete nu takes LINE")
		}
		return a.completeNu(args[0])
	case "zsh", "fish":
		// The descriptions resolve every chain: kept in the cache while
		// the files are unchanged.
		var err error
		out, _ := a.cache.Get(completionKind+kind, "", 0, func() ([]byte, bool) {
			var c *profiles.Config
			if c, err = a.load(); err != nil {
				return nil, false
			}
			var b bytes.Buffer
			for _, n := range c.Names() {
				if !shellcode.Holds(shellcode.Shell(kind), n) {
					continue // awsp refuses to switch to it
				}
				if kind == "zsh" {
					fmt.Fprintf(&b, "%s:%s\n", oneLine(zshColon.Replace(n)), view.Description(c, summary.Of(c, nil, n)))
				} else {
					fmt.Fprintf(&b, "%s\t%s\n", oneLine(n), view.Description(c, summary.Of(c, nil, n)))
				}
			}
			return b.Bytes(), true
		})
		a.stdout.Write(out)
		return err
	default:
		return failf(cli.ExitUsage, "--complete: unknown kind %q", kind)
	}
}

// profileNames are the names of the files' profiles but those no shell
// can hold (a NUL), kept in the cache while the files are unchanged, as
// the zsh and fish candidates are: bash asks at every Tab.
func (a *app) profileNames() ([]string, error) {
	var err error
	out, ok := a.cache.Get(completionKind+"names", "", 0, func() ([]byte, bool) {
		var c *profiles.Config
		if c, err = a.load(); err != nil {
			return nil, false
		}
		var b bytes.Buffer
		for _, n := range c.Names() {
			if shellcode.Holds(shellcode.Bash, n) {
				b.WriteString(n)
				b.WriteByte(0)
			}
		}
		return b.Bytes(), true
	})
	if !ok {
		return nil, err
	}
	names := strings.Split(string(out), "\x00")
	return names[:len(names)-1], nil // after the last NUL: nothing
}

// completionKind names the cached candidate lists; its version changes
// with their format (below).
const completionKind = "complete-v2-"

// Replacers are built once: building one costs more than using it.
var (
	zshColon   = strings.NewReplacer(`\`, `\\`, ":", `\:`)
	lineBreaks = strings.NewReplacer("\n", `\n`, "\r", `\r`)
)

// oneLine keeps a name with a newline from splitting into two candidates.
func oneLine(s string) string { return lineBreaks.Replace(s) }

func (a *app) regionNames() []string {
	set := map[string]bool{}
	for _, r := range profiles.Regions {
		set[r] = true
	}
	if c, err := awsfiles.Load(a.env); err == nil {
		for _, p := range c.Profiles {
			if r := p.Text("region"); r != "" && !strings.ContainsAny(r, " \t\n") {
				set[r] = true
			}
		}
	}
	names := make([]string, 0, len(set))
	for r := range set {
		names = append(names, r)
	}
	sort.Strings(names)
	return names
}

// completeBash answers bash, whose completion replaces part of the word
// with each answer verbatim: shellcode.BashReply quotes each name for the
// state the word was typed in.
func (a *app) completeBash(prev, cur, line string) error {
	w := shellcode.ParseBashWord(line)
	var candidates []string
	switch {
	case prev == "-r" || prev == "--region":
		candidates = a.regionNames()
	case strings.HasPrefix(w.Typed, "-"):
		for _, f := range cli.CompletedFlags() {
			candidates = append(candidates, f[0])
		}
	default:
		var err error
		if candidates, err = a.profileNames(); err != nil {
			return err
		}
	}
	for _, n := range candidates {
		if !shellcode.Holds(shellcode.Bash, n) {
			continue // awsp refuses to switch to it
		}
		if reply, ok := w.BashReply(cur, n); ok {
			fmt.Fprintln(a.stdout, reply)
		}
	}
	return nil
}

// nuCandidate is a record of nushell's custom completion: the value goes
// into the command line as it is, so it is quoted there; the menu shows
// display_override, the name made safe for the terminal.
type nuCandidate struct {
	Value       string `json:"value"`
	Display     string `json:"display_override,omitempty"`
	Description string `json:"description,omitempty"`
}

func newNuCandidate(name, description string) nuCandidate {
	c := nuCandidate{Value: shellcode.QuoteNuWord(name), Description: description}
	if c.Value != name {
		c.Display = clean(name)
	}
	return c
}

// completeNu answers nushell with the command line up to the cursor: the
// regions after -r, the flags for a word begun with -, else the profiles
// (kept in the cache while the files are unchanged). Nushell itself
// matches what was typed against the names shown.
func (a *app) completeNu(line string) error {
	words := strings.Fields(line)
	if line == "" || strings.HasSuffix(line, " ") {
		words = append(words, "")
	}
	cur, prev := words[len(words)-1], ""
	if len(words) > 1 {
		prev = words[len(words)-2]
	}
	out := []nuCandidate{}
	switch {
	case prev == "-r" || prev == "--region":
		for _, r := range a.regionNames() {
			out = append(out, newNuCandidate(r, ""))
		}
	case strings.HasPrefix(cur, "-"):
		for _, f := range cli.CompletedFlags() {
			out = append(out, nuCandidate{Value: f[0], Description: f[1]})
		}
	default:
		var err error
		cached, _ := a.cache.Get(completionKind+"nu", "", 0, func() ([]byte, bool) {
			var c *profiles.Config
			if c, err = a.load(); err != nil {
				return nil, false
			}
			list := []nuCandidate{}
			for _, n := range c.Names() {
				if shellcode.Holds(shellcode.Nu, n) {
					list = append(list, newNuCandidate(n, view.Description(c, summary.Of(c, nil, n))))
				}
			}
			data, err := json.Marshal(list)
			return append(data, '\n'), err == nil
		})
		a.stdout.Write(cached)
		return err
	}
	data, _ := json.Marshal(out)
	fmt.Fprintf(a.stdout, "%s\n", data)
	return nil
}

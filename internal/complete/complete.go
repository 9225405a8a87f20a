// Package complete answers the completion scripts of the four shells
// (awsp --complete KIND [ARGS]): profile names with what each is, flags
// with what each does, regions after -r. The zsh, fish, nushell and bash
// name lists are kept in the cache while the files are unchanged: bash
// and nushell ask at every Tab.
package complete

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/awsp-dev/awsp/internal/filecache"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/shellcode"
	"github.com/awsp-dev/awsp/internal/summary"
	"github.com/awsp-dev/awsp/internal/termtext"
	"github.com/awsp-dev/awsp/internal/view"
)

// A Source is what completion reads.
type Source struct {
	// Load reads the AWS files (once a run, the same error every time).
	Load  func() (*profiles.Config, error)
	Cache *filecache.Cache
	// Flags are the flags completion offers, each with what it does
	// (cli.CompletedFlags); Words the words of awsp's commands, first
	// (cli.CompletedWords).
	Flags, Words [][2]string
	// Path is the PATH of the shell, whose programs awsp exec's command
	// completes to (for nushell: the other shells know their own).
	Path string
}

// A UsageError is a --complete the scripts did not mean: a kind that is
// not one, or the wrong number of words.
type UsageError struct{ msg string }

func (e UsageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return UsageError{fmt.Sprintf(format, args...)} }

// Answer writes to w the answer to `--complete KIND ARGS...`. The
// completion scripts pass what the person typed after "--": it may look
// like a flag.
func Answer(w io.Writer, src Source, kind string, args []string) error {
	a := answerer{w, src}
	return a.answer(kind, args)
}

type answerer struct {
	stdout io.Writer
	src    Source
}

func (a answerer) answer(kind string, args []string) error {
	switch kind {
	case "zsh-flags":
		for _, f := range a.src.Flags {
			fmt.Fprintf(a.stdout, "%s:%s\n", f[0], f[1])
		}
		return nil
	case "names": // zsh's compctl, without compinit: names alone
		c, err := a.src.Load()
		if err != nil {
			return err
		}
		for _, n := range c.Names() {
			if shellcode.Holds(shellcode.Zsh, n) {
				fmt.Fprintln(a.stdout, oneLine(n))
			}
		}
		return nil
	case "zsh-words", "fish-words":
		for _, w := range a.src.Words {
			if kind == "zsh-words" {
				fmt.Fprintf(a.stdout, "%s:%s\n", w[0], w[1])
			} else {
				fmt.Fprintf(a.stdout, "%s\t%s\n", w[0], w[1])
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
			return usagef("--complete bash takes PREV CUR LINE")
		}
		return a.completeBash(args[0], args[1], args[2])
	case "nu":
		if len(args) != 1 {
			return usagef("--complete nu takes LINE")
		}
		return a.completeNu(args[0])
	case "zsh", "fish":
		// The descriptions resolve every chain: kept in the cache while
		// the files are unchanged.
		var err error
		out, _ := a.src.Cache.Get(Kind+kind, "", 0, func() ([]byte, bool) {
			var c *profiles.Config
			if c, err = a.src.Load(); err != nil {
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
		return usagef("--complete: unknown kind %q", kind)
	}
}

// profileNames are the names of the files' profiles but those no shell
// can hold (a NUL), kept in the cache while the files are unchanged, as
// the zsh and fish candidates are: bash asks at every Tab.
func (a answerer) profileNames() ([]string, error) {
	var err error
	out, ok := a.src.Cache.Get(Kind+"names", "", 0, func() ([]byte, bool) {
		var c *profiles.Config
		if c, err = a.src.Load(); err != nil {
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

// Kind names the cached candidate lists (a prefix of the cache kinds); its version changes
// with their format (below).
const Kind = "complete-v3-"

// Replacers are built once: building one costs more than using it.
var (
	zshColon   = strings.NewReplacer(`\`, `\\`, ":", `\:`)
	lineBreaks = strings.NewReplacer("\n", `\n`, "\r", `\r`)
)

// oneLine keeps a name with a newline from splitting into two candidates.
func oneLine(s string) string { return lineBreaks.Replace(s) }

func (a answerer) regionNames() []string {
	set := map[string]bool{}
	for _, r := range profiles.Regions {
		set[r] = true
	}
	if c, err := a.src.Load(); err == nil {
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
func (a answerer) completeBash(prev, cur, line string) error {
	w := shellcode.ParseBashWord(line)
	var candidates []string
	switch {
	case prev == "-r" || prev == "--region":
		candidates = a.regionNames()
	case strings.HasPrefix(w.Typed, "-"):
		for _, f := range a.src.Flags {
			candidates = append(candidates, f[0])
		}
	case after(line, w.Typed, "sso"):
		candidates = []string{"sync"}
	default:
		var err error
		if candidates, err = a.profileNames(); err != nil {
			return err
		}
		if first(line, w.Typed) {
			for _, word := range a.src.Words {
				candidates = append(candidates, word[0])
			}
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

// execCommand is the index in words (awsp exec [-r R] NAME [--] COMMAND
// ...) of the command's name, -1 while NAME is still being typed.
func execCommand(words []string) int {
	for i := 2; i < len(words)-1; i++ {
		switch {
		case words[i] == "-r" || words[i] == "--region":
			i++
		case strings.HasPrefix(words[i], "-"):
		default:
			if i+1 < len(words)-1 && words[i+1] == "--" {
				return i + 2
			}
			return i + 1
		}
	}
	return -1
}

// commandsOnPath are the names of the programs in the directories of
// path that start with prefix, sorted, each once: what a shell would run.
func commandsOnPath(path, prefix string) []string {
	seen := map[string]bool{}
	var out []string
	for _, dir := range filepath.SplitList(path) {
		if !filepath.IsAbs(dir) {
			continue
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			name := e.Name()
			if seen[name] || !strings.HasPrefix(name, prefix) {
				continue
			}
			if info, err := os.Stat(filepath.Join(dir, name)); err == nil && info.Mode().IsRegular() && info.Mode()&0o111 != 0 {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	sort.Strings(out)
	return out
}

// first tells whether the word being completed is the first after the
// command's name: where awsp's words go.
func first(line, typed string) bool {
	return len(strings.Fields(strings.TrimSuffix(line, typed))) == 1
}

// after tells whether the word being completed is the second, after
// word (awsp sso sync).
func after(line, typed, word string) bool {
	fields := strings.Fields(strings.TrimSuffix(line, typed))
	return len(fields) == 2 && fields[1] == word
}

// NuCandidate is a record of nushell's custom completion: the value goes
// into the command line as it is, so it is quoted there; the menu shows
// display_override, the name made safe for the terminal.
type NuCandidate struct {
	Value       string `json:"value"`
	Display     string `json:"display_override,omitempty"`
	Description string `json:"description,omitempty"`
}

func newNuCandidate(name, description string) NuCandidate {
	c := NuCandidate{Value: shellcode.QuoteNuWord(name), Description: description}
	if c.Value != name {
		c.Display = termtext.Clean(name)
	}
	return c
}

// completeNu answers nushell with the command line up to the cursor: the
// regions after -r, the flags for a word begun with -, else the profiles
// (kept in the cache while the files are unchanged). Nushell itself
// matches what was typed against the names shown.
func (a answerer) completeNu(line string) error {
	words := strings.Fields(line)
	if line == "" || strings.HasSuffix(line, " ") {
		words = append(words, "")
	}
	cur, prev := words[len(words)-1], ""
	if len(words) > 1 {
		prev = words[len(words)-2]
	}
	out := []NuCandidate{}
	switch {
	case prev == "-r" || prev == "--region":
		for _, r := range a.regionNames() {
			out = append(out, newNuCandidate(r, ""))
		}
	case strings.HasPrefix(cur, "-"):
		for _, f := range a.src.Flags {
			out = append(out, NuCandidate{Value: f[0], Description: f[1]})
		}
	case len(words) > 2 && words[1] == "sso":
		if len(words) == 3 {
			out = append(out, NuCandidate{Value: "sync", Description: "profiles from IAM Identity Center"})
		}
	case len(words) > 2 && words[1] == "exec" && execCommand(words) >= 0:
		if execCommand(words) < len(words)-1 {
			fmt.Fprintln(a.stdout, "null") // the command's arguments: nushell's own completion
			return nil
		}
		for _, c := range commandsOnPath(a.src.Path, cur) {
			out = append(out, newNuCandidate(c, ""))
		}
	default:
		var err error
		cached, _ := a.src.Cache.Get(Kind+"nu", "", 0, func() ([]byte, bool) {
			var c *profiles.Config
			if c, err = a.src.Load(); err != nil {
				return nil, false
			}
			list := []NuCandidate{}
			for _, n := range c.Names() {
				if shellcode.Holds(shellcode.Nu, n) {
					list = append(list, newNuCandidate(n, view.Description(c, summary.Of(c, nil, n))))
				}
			}
			data, err := json.Marshal(list)
			return append(data, '\n'), err == nil
		})
		if len(words) != 2 || err != nil {
			a.stdout.Write(cached)
			return err
		}
		for _, w := range a.src.Words {
			out = append(out, NuCandidate{Value: w[0], Description: w[1]})
		}
		var names []NuCandidate
		json.Unmarshal(cached, &names)
		out = append(out, names...)
	}
	data, _ := json.Marshal(out)
	fmt.Fprintf(a.stdout, "%s\n", data)
	return nil
}

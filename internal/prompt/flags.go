package prompt

import (
	"fmt"
	"strings"
)

// Options are the prompt's options, the same in awsp --prompt and in
// awsp-prompt: both parse them with Flags.
type Options struct {
	Dialect Dialect // --shell
	Format  string  // --format; "" is $AWSP_PROMPT_FORMAT, else DefaultFormat
	Watch   string  // --watch PID: the shell integration's form (WriteWatched)
}

// A Flag is one option of the prompt: its name, its value's name, what
// help says of it ("" for the shell integration's own), and what it sets.
type Flag struct {
	Name, Value, Help string
	Set               func(o *Options, value string) error
}

// Flags are the prompt's options, in help's order. awsp's flag table
// takes its entries for them from here, and awsp-prompt parses with it.
var Flags = []Flag{
	{"--format", "F", "the segment's format, its fields in braces (man awsp: PROMPT FORMAT)",
		func(o *Options, v string) error { o.Format = v; return nil }},
	{"--shell", "S", "bash, zsh, fish or nu: the prompt escapes of that shell; plain (the default) for none",
		func(o *Options, v string) (err error) { o.Dialect, err = ParseDialect(v); return err }},
	{"--watch", "PID", "",
		func(o *Options, v string) error {
			if !ValidWatchID(v) {
				return fmt.Errorf("--watch takes the shell's process ID, not %q", v)
			}
			o.Watch = v
			return nil
		}},
}

// LookupFlag is the prompt's flag named name.
func LookupFlag(name string) (Flag, bool) {
	for _, f := range Flags {
		if f.Name == name {
			return f, true
		}
	}
	return Flag{}, false
}

// FlagUsage is the synopsis of the options help shows:
// "[--format F] [--shell S]".
func FlagUsage() string {
	var words []string
	for _, f := range Flags {
		if f.Help != "" {
			words = append(words, "["+f.Name+" "+f.Value+"]")
		}
	}
	return strings.Join(words, " ")
}

// Package kube finds the AWS profiles that kubectl uses behind a person's
// back: the exec credential plugins (aws eks get-token,
// aws-iam-authenticator) of the kubeconfig files kubectl reads, and the
// AWS_PROFILE or --profile each passes. It checks those profiles with
// package profiles and reports what would break or hang kubectl.
//
// It only reads: it never writes a kubeconfig, never runs a plugin, and
// never keeps a token or key from the files.
package kube

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/safefile"
)

// An ExecUser is a kubeconfig user whose credentials come from an AWS exec
// plugin.
type ExecUser struct {
	Name    string
	File    string
	Line    int    // of the user entry
	Profile string // "" when the plugin names none
	// ProfileLine is where the profile is named: the env entry or the
	// --profile argument.
	ProfileLine int
	// AutoPrompt is the AWS CLI's auto-prompt mode as the plugin sets it
	// ("" when it leaves it to the profile), AutoPromptFrom how
	// (--cli-auto-prompt in its args, AWS_CLI_AUTO_PROMPT in its env),
	// and AutoPromptLine where.
	AutoPrompt, AutoPromptFrom string
	AutoPromptLine             int
	Contexts                   []string // the contexts that use this user
}

// Config is what kubectl would read of the kubeconfig files, as far as AWS
// profiles go.
type Config struct {
	Files    []string
	Users    []ExecUser
	Problems []profiles.Finding // files that could not be read as kubeconfig

	byProfile map[string][]string // kube contexts by AWS profile (ContextsUsing)
}

// Paths are the files kubectl reads: $KUBECONFIG, a list separated by ':',
// else ~/.kube/config.
func Paths(env environ.Environ) []string {
	if v := env["KUBECONFIG"]; v != "" {
		var paths []string
		for _, p := range filepath.SplitList(v) {
			if p != "" {
				paths = append(paths, p)
			}
		}
		return paths
	}
	return []string{filepath.Join(env["HOME"], ".kube", "config")}
}

// MaxFileSize is the largest kubeconfig read: thousands of clusters with
// their certificates fit in it, and parsing YAML costs far more per byte
// than the AWS files.
const MaxFileSize = 8 << 20

// Load reads every kubeconfig file. A missing file is skipped, as kubectl
// does; a file that is not a kubeconfig becomes a Problem.
func Load(env environ.Environ) *Config {
	c := &Config{Files: Paths(env)}
	users := map[string]bool{}
	contexts := map[string]bool{}
	type ctxUse struct{ context, user string }
	var uses []ctxUse
	for _, path := range c.Files {
		data, err := safefile.Read(path, MaxFileSize)
		if err != nil {
			c.Problems = append(c.Problems, problem(path, 0, err.Error()))
			continue
		}
		if len(data) == 0 {
			continue
		}
		if msg := tooMuch(data); msg != "" {
			c.Problems = append(c.Problems, problem(path, 0, "not a kubeconfig: "+msg))
			continue
		}
		doc, err := parseYAML(data)
		if err != nil || doc.Kind == 0 {
			msg := "empty"
			if err != nil {
				msg = strings.TrimPrefix(firstLine(err.Error()), "yaml: ")
			}
			c.Problems = append(c.Problems, problem(path, 0, "not a kubeconfig: "+msg))
			continue
		}
		w := &walker{budget: 200000}
		root := w.deref(doc)
		if root == nil || root.Kind != yaml.MappingNode {
			c.Problems = append(c.Problems, problem(path, 1, "not a kubeconfig: the top is not a mapping"))
			continue
		}
		// kubectl merges the files: the first file to name a user or a
		// context wins.
		for _, u := range w.list(w.get(root, "users")) {
			name := w.str(w.get(u, "name"))
			if name == "" || users[name] {
				continue
			}
			users[name] = true
			exec := w.get(w.get(u, "user"), "exec")
			if exec == nil || !isAWSPlugin(w, exec) {
				continue
			}
			eu := ExecUser{Name: name, File: path, Line: line(u)}
			eu.Profile, eu.ProfileLine = profileOf(w, exec)
			eu.AutoPrompt, eu.AutoPromptFrom, eu.AutoPromptLine = autoPromptOf(w, exec)
			c.Users = append(c.Users, eu)
		}
		for _, ctx := range w.list(w.get(root, "contexts")) {
			name := w.str(w.get(ctx, "name"))
			if name == "" || contexts[name] {
				continue
			}
			contexts[name] = true
			uses = append(uses, ctxUse{name, w.str(w.get(w.get(ctx, "context"), "user"))})
		}
		if w.budget < 0 {
			c.Problems = append(c.Problems, problem(path, 0, "too many aliases: read as far as they allow"))
		}
	}
	byUser := map[string][]string{}
	for _, u := range uses {
		byUser[u.user] = append(byUser[u.user], u.context)
	}
	for i := range c.Users {
		c.Users[i].Contexts = byUser[c.Users[i].Name]
	}
	return c
}

// parseYAML parses a kubeconfig's first document, as kubectl reads it,
// into a tree of nodes. The tree takes up to about seventy times the
// file's size: for a large file more than the memory limit awsp's main
// sets for its short runs, so main lifts it while Load runs.
//
// go.yaml.in/yaml/v3 (the YAML organisation's yaml.v3) replaced
// github.com/goccy/go-yaml, whose parser is quadratic in the keys of one
// mapping (20,000 keys: 1 s and 1.6 GB; 400,000: six minutes) and in the
// depth of nesting; yaml.v3's is linear, and refuses nesting deeper than
// 10,000 itself.
func parseYAML(data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	err := yaml.Unmarshal(data, &doc)
	return &doc, err
}

func problem(path string, line int, msg string) profiles.Finding {
	return profiles.Finding{File: path, Line: line, Severity: "error", Code: "kube-config-invalid", Message: msg}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// isAWSPlugin recognises the exec plugins that get AWS credentials: the
// AWS CLI's eks get-token and aws-iam-authenticator.
func isAWSPlugin(w *walker, exec *yaml.Node) bool {
	cmd := filepath.Base(w.str(w.get(exec, "command")))
	if cmd == "aws-iam-authenticator" {
		return true
	}
	if cmd != "aws" {
		return false
	}
	for _, a := range w.list(w.get(exec, "args")) {
		if w.str(a) == "eks" {
			return true
		}
	}
	return false
}

// profileOf is the profile the plugin runs with: --profile in its
// arguments wins over AWS_PROFILE in its environment, as in the AWS CLI.
func profileOf(w *walker, exec *yaml.Node) (string, int) {
	args := w.list(w.get(exec, "args"))
	for i, a := range args {
		s := w.str(a)
		if v, ok := strings.CutPrefix(s, "--profile="); ok {
			return v, line(a)
		}
		if s == "--profile" && i+1 < len(args) {
			return w.str(args[i+1]), line(args[i+1])
		}
	}
	for _, e := range w.list(w.get(exec, "env")) {
		if w.str(w.get(e, "name")) == "AWS_PROFILE" {
			return w.str(w.get(e, "value")), line(e)
		}
	}
	return "", 0
}

// autoPromptOf is the AWS CLI's auto-prompt mode the plugin sets: its
// arguments win over AWS_CLI_AUTO_PROMPT in its environment, which wins
// over the profile's cli_auto_prompt (awscli/autoprompt/factory.py).
func autoPromptOf(w *walker, exec *yaml.Node) (mode, from string, at int) {
	for _, a := range w.list(w.get(exec, "args")) {
		switch w.str(a) {
		case "--cli-auto-prompt":
			return "on", "--cli-auto-prompt in its args", line(a)
		case "--no-cli-auto-prompt":
			return "off", "--no-cli-auto-prompt in its args", line(a)
		}
	}
	for _, e := range w.list(w.get(exec, "env")) {
		if w.str(w.get(e, "name")) == "AWS_CLI_AUTO_PROMPT" {
			v := w.str(w.get(e, "value"))
			return v, "AWS_CLI_AUTO_PROMPT=" + v + " in its env", line(e)
		}
	}
	return "", "", 0
}

// walker reads a YAML tree with a budget of nodes, so that aliases that
// multiply (a "billion laughs" file) cannot make it run for ever. Aliases
// are followed only where a key is read, never expanded.
type walker struct {
	budget int
}

func (w *walker) deref(n *yaml.Node) *yaml.Node {
	for depth := 0; n != nil && depth < 32; depth++ {
		w.budget--
		if w.budget < 0 {
			return nil
		}
		switch n.Kind {
		case yaml.DocumentNode:
			if len(n.Content) == 0 {
				return nil
			}
			n = n.Content[0]
		case yaml.AliasNode:
			n = n.Alias
		default:
			return n
		}
	}
	return nil
}

// get is the value of key in a mapping, or nil. A mapping's Content holds
// its keys and values in turn.
func (w *walker) get(n *yaml.Node, key string) *yaml.Node {
	m := w.deref(n)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if w.str(m.Content[i]) == key {
			return w.deref(m.Content[i+1])
		}
	}
	return nil
}

// list is the items of a sequence.
func (w *walker) list(n *yaml.Node) []*yaml.Node {
	seq := w.deref(n)
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return nil
	}
	items := make([]*yaml.Node, 0, len(seq.Content))
	for _, item := range seq.Content {
		if item = w.deref(item); item != nil {
			items = append(items, item)
		}
	}
	return items
}

// str is the text of a scalar, "" for a null or anything else.
func (w *walker) str(n *yaml.Node) string {
	n = w.deref(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		return ""
	}
	return n.Value
}

func line(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	return n.Line
}

// maxNodes bounds the YAML nodes of one kubeconfig, as counted by tooMuch.
// A kubeconfig of 4,000 AWS users has about 80,000; the costliest file
// under the bound (249,000 keys of one mapping, 3 MB) takes about half a
// second and 125 MB.
const maxNodes = 250_000

// tooMuch says why a file is more than any kubeconfig, before it is
// parsed, or "". Work and memory must follow the file's size whatever its
// syntax: each line is bounded in how deep it nests (flow brackets, block
// entries opened on one line as in "- - - x" or "? ? x", indentation),
// and the whole file in how many nodes it opens (lines, brackets, commas,
// entries), so that 2,000 lines of 999 brackets, or 20,000 of 99 "- ",
// are refused at once rather than parsed into gigabytes.
func tooMuch(data []byte) string {
	const maxFlow, maxEntries, maxIndent = 1000, 100, 1000
	flow, nodes := 0, 0
	for line := range bytes.Lines(data) {
		indent := len(line) - len(bytes.TrimLeft(line, " \t"))
		if indent > maxIndent {
			return "nested too deep"
		}
		rest, entries := line[indent:], 0
		for len(rest) > 1 && (rest[0] == '-' || rest[0] == '?') && (rest[1] == ' ' || rest[1] == '\t') {
			entries++
			rest = bytes.TrimLeft(rest[1:], " \t")
		}
		if entries > maxEntries {
			return "nested too deep"
		}
		nodes += 1 + entries
		for _, b := range rest {
			switch b {
			case '[', '{':
				nodes++
				flow++
				if flow > maxFlow {
					return "nested too deep"
				}
			case ']', '}':
				flow--
			case ',':
				nodes++
			}
		}
		if nodes > maxNodes {
			return fmt.Sprintf("more than %d YAML nodes", maxNodes)
		}
	}
	return ""
}

// Lint checks the profile of every AWS exec user against the AWS files.
func (k *Config) Lint(c *profiles.Config, ignore profiles.Ignore) []profiles.Finding {
	out := append([]profiles.Finding{}, k.Problems...)
	for _, u := range k.Users {
		at := func(line int, sev, code, format string, args ...any) {
			if line == 0 {
				line = u.Line
			}
			out = append(out, profiles.Finding{File: u.File, Line: line, Profile: u.Profile, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...)})
		}
		ctx := contextsText(u)
		if u.Profile == "" {
			at(u.Line, "warning", "kube-profile-default", "kube user %q%s names no AWS profile: kubectl uses whatever AWS_PROFILE the shell has, so switching profiles changes its identity; set AWS_PROFILE in the exec plugin's env", u.Name, ctx)
			continue
		}
		if c.Profiles[u.Profile] == nil {
			at(u.ProfileLine, "error", "kube-profile-missing", "kube user %q%s uses AWS profile %q, which does not exist in %s", u.Name, ctx, u.Profile, profiles.Tilde(c.Paths.Config, c.Paths.Home))
			continue
		}
		// In full mode the AWS CLI prompts before it runs any command:
		// aws eks get-token waits for input kubectl never gives it.
		// on-partial prompts only for an incomplete command.
		mode, where, modeLine := u.AutoPrompt, u.AutoPromptFrom, u.AutoPromptLine
		if mode == "" {
			mode = c.Profiles[u.Profile].Text("cli_auto_prompt")
			where, modeLine = fmt.Sprintf("cli_auto_prompt = %s in profile %q", mode, u.Profile), u.ProfileLine
		}
		if strings.EqualFold(strings.TrimSpace(mode), "on") {
			at(modeLine, "warning", "kube-cli-auto-prompt", "kube user %q%s runs aws eks get-token with %s: the AWS CLI opens its interactive prompt inside kubectl's credential plugin, where no one can answer, and kubectl waits; set cli_auto_prompt = on-partial or off", u.Name, ctx, where)
		}
		ch := c.Resolve(u.Profile)
		if ch.Err != nil {
			at(u.ProfileLine, "error", "kube-profile-broken", "kube user %q%s uses AWS profile %q, whose chain fails: %s", u.Name, ctx, u.Profile, ch.Err.Msg)
			continue
		}
		for _, h := range ch.Hops() {
			if h.Kind != profiles.Derived || h.Role == nil || h.Role.MFASerial == nil {
				continue
			}
			if ignore.Has(h.Profile.Name, "derived-mfa-serial") {
				continue // intended: the Primary has no MFA
			}
			at(u.ProfileLine, "warning", "kube-derived-mfa-serial", "kube user %q%s uses AWS profile %q, whose chain has mfa_serial in the Derived profile %q: the AWS SDK asks for an MFA code from inside kubectl's credential plugin, where the prompt is hidden, so kubectl seems to hang at least once an hour; put MFA on the Primary %q", u.Name, ctx, u.Profile, h.Profile.Name, ch.Primary().Profile.Name)
			break
		}
	}
	return out
}

func contextsText(u ExecUser) string {
	if len(u.Contexts) == 0 {
		return ""
	}
	return fmt.Sprintf(" (context %s)", strings.Join(u.Contexts, ", "))
}

// ContextsUsing lists the kube contexts whose user runs with profile name.
// --list asks for every profile: the users are indexed once.
func (k *Config) ContextsUsing(name string) []string {
	if k.byProfile == nil {
		k.byProfile = map[string][]string{}
		for _, u := range k.Users {
			k.byProfile[u.Profile] = append(k.byProfile[u.Profile], u.Contexts...)
		}
	}
	return append([]string{}, k.byProfile[name]...)
}

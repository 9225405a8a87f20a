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
	"math"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/awsp-dev/awsp/internal/profiles"
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
func Paths(env profiles.Environ) []string {
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
func Load(env profiles.Environ) *Config {
	c := &Config{Files: Paths(env)}
	users := map[string]bool{}
	contexts := map[string]bool{}
	type ctxUse struct{ context, user string }
	var uses []ctxUse
	for _, path := range c.Files {
		data, err := profiles.ReadFileMax(path, MaxFileSize)
		if err != nil {
			c.Problems = append(c.Problems, problem(path, 0, err.Error()))
			continue
		}
		if len(data) == 0 {
			continue
		}
		if tooDeep(data) {
			c.Problems = append(c.Problems, problem(path, 0, "not a kubeconfig: nested too deep"))
			continue
		}
		file, err := parseYAML(data)
		if err != nil || len(file.Docs) == 0 {
			msg := "empty"
			if err != nil {
				msg = firstLine(err.Error())
			}
			c.Problems = append(c.Problems, problem(path, 0, "not a kubeconfig: "+msg))
			continue
		}
		w := &walker{budget: 200000, anchors: map[string]ast.Node{}}
		root := w.deref(file.Docs[0])
		if _, ok := root.(*ast.MappingNode); !ok {
			if _, ok := root.(*ast.MappingValueNode); !ok {
				c.Problems = append(c.Problems, problem(path, 1, "not a kubeconfig: the top is not a mapping"))
				continue
			}
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

// parseYAML parses a kubeconfig. Its syntax tree takes about a hundred
// times the file's size: for a large file that is more than the memory
// limit awsp's main sets for its short runs, where the collector would
// run without pause (a 1 MB file took 3x as long as it should). The limit
// is lifted while such a file is parsed.
func parseYAML(data []byte) (*ast.File, error) {
	if len(data) > 64<<10 {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	}
	return parser.ParseBytes(data, 0)
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
func isAWSPlugin(w *walker, exec ast.Node) bool {
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
func profileOf(w *walker, exec ast.Node) (string, int) {
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
func autoPromptOf(w *walker, exec ast.Node) (mode, from string, at int) {
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
	budget  int
	anchors map[string]ast.Node
}

func (w *walker) deref(n ast.Node) ast.Node {
	for depth := 0; n != nil && depth < 32; depth++ {
		w.budget--
		if w.budget < 0 {
			return nil
		}
		switch v := n.(type) {
		case *ast.DocumentNode:
			n = v.Body
		case *ast.AnchorNode:
			if name := scalar(v.Name); name != "" {
				w.anchors[name] = v.Value
			}
			n = v.Value
		case *ast.AliasNode:
			n = w.anchors[scalar(v.Value)]
		case *ast.TagNode:
			n = v.Value
		default:
			return n
		}
	}
	return nil
}

// pairs are the key-value pairs of a mapping; the parser gives a mapping
// of one pair as that pair alone.
func (w *walker) pairs(n ast.Node) []*ast.MappingValueNode {
	switch v := w.deref(n).(type) {
	case *ast.MappingNode:
		return v.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{v}
	}
	return nil
}

// get is the value of key in a mapping, or nil.
func (w *walker) get(n ast.Node, key string) ast.Node {
	for _, p := range w.pairs(n) {
		if w.str(p.Key) == key {
			return w.deref(p.Value)
		}
	}
	return nil
}

// list is the items of a sequence.
func (w *walker) list(n ast.Node) []ast.Node {
	seq, ok := w.deref(n).(*ast.SequenceNode)
	if !ok {
		return nil
	}
	items := make([]ast.Node, 0, len(seq.Values))
	for _, item := range seq.Values {
		if item = w.deref(item); item != nil {
			items = append(items, item)
		}
	}
	return items
}

func (w *walker) str(n ast.Node) string { return scalar(w.deref(n)) }

// scalar is the text of a scalar node, "" for anything else.
func scalar(n ast.Node) string {
	switch v := n.(type) {
	case nil:
		return ""
	case *ast.StringNode:
		return v.Value
	case *ast.NullNode, *ast.MappingNode, *ast.MappingValueNode, *ast.SequenceNode:
		return ""
	}
	if t := n.GetToken(); t != nil {
		return t.Value
	}
	return ""
}

func line(n ast.Node) int {
	if n == nil || n.GetToken() == nil {
		return 0
	}
	return n.GetToken().Position.Line
}

// tooDeep reports YAML nested deeper than any kubeconfig needs: the
// parser recurses on it, and a file of a million '[' must not exhaust the
// stack. YAML nests three ways, each checked: flow brackets, block entries
// opened on one line ("- - - x", "? ? x"), and indentation. The parser's
// cost grows faster than the depth (a 40,000-deep "- - -" line took 31 s
// and 2.5 GB), and no kubeconfig is nested more than a few levels.
func tooDeep(data []byte) bool {
	const maxFlow, maxEntries, maxIndent = 1000, 100, 1000
	flow := 0
	for line := range bytes.Lines(data) {
		indent := len(line) - len(bytes.TrimLeft(line, " \t"))
		if indent > maxIndent {
			return true
		}
		rest, entries := line[indent:], 0
		for len(rest) > 1 && (rest[0] == '-' || rest[0] == '?') && (rest[1] == ' ' || rest[1] == '\t') {
			entries++
			rest = bytes.TrimLeft(rest[1:], " \t")
		}
		if entries > maxEntries {
			return true
		}
		for _, b := range rest {
			switch b {
			case '[', '{':
				flow++
				if flow > maxFlow {
					return true
				}
			case ']', '}':
				flow--
			}
		}
	}
	return false
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

// Package ssosync makes a profile for each account and role IAM Identity
// Center grants, and keeps them in one marked block per sso-session of
// ~/.aws/config. It edits the file's bytes, never re-serialises it: every
// byte outside the block stays as it was, and a profile of the same name
// outside the block is never overwritten. It reads no file and connects
// nowhere: cmd/awsp-net lists the accounts and writes the file.
package ssosync

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/termtext"
)

// A Role is one role of one account the portal grants (ListAccounts,
// ListAccountRoles).
type Role struct {
	AccountID, AccountName, RoleName string
}

// Options say how the profiles are made.
type Options struct {
	Session  string // the sso-session
	Template string // names: DefaultTemplate when empty
	Region   string // each profile's region; "" for none
	Prune    bool   // drop what the portal no longer grants
}

// DefaultTemplate names a profile by its account's name and its role.
const DefaultTemplate = "{account_name}-{role_name}"

// Fields are the words a template may use.
var Fields = []string{"account_name", "account_id", "role_name", "session"}

// A Result is the file after a sync and what changed in its block.
type Result struct {
	Data     []byte
	Changed  bool
	Profiles int      // in the block
	Added    []string // names new in the block
	Removed  []string // pruned
	Kept     []string // no longer granted, kept (no Prune)
	// Renamed: a name two roles would share, the later (by account ID,
	// then role) made unique.
	Renamed []string
	// Skipped: names a profile outside the block has (never overwritten),
	// and roles whose IDs or names are not AWS's shape.
	Skipped []string
}

// CheckTemplate says what is wrong with a template: an unknown {field}.
func CheckTemplate(t string) error {
	refs := fieldRefs(t)
	for _, f := range refs {
		if !slices.Contains(Fields, f) {
			return fmt.Errorf("--template: {%s} is none of {%s}", f, strings.Join(Fields, "}, {"))
		}
	}
	if len(refs) == 0 {
		return fmt.Errorf("--template %q uses no field: every profile would have the same name", t)
	}
	return nil
}

// fieldRefs are the {word} references of a template, in order. (Loops,
// not regular expressions: awsp links this package for its lint, and a
// regular expression compiled at start costs every run.)
func fieldRefs(t string) []string {
	var out []string
	for {
		open := strings.IndexByte(t, '{')
		if open < 0 {
			return out
		}
		end := strings.IndexByte(t[open:], '}')
		if end < 0 {
			return out
		}
		if word := t[open+1 : open+end]; word != "" && strings.Trim(word, "abcdefghijklmnopqrstuvwxyz_") == "" {
			out = append(out, word)
		}
		t = t[open+end+1:]
	}
}

// isAccountID: twelve digits.
func isAccountID(s string) bool {
	return len(s) == 12 && strings.Trim(s, "0123456789") == ""
}

// isRoleName: IAM's characters ([\w+=,.@-]), 1 to 64 of them.
func isRoleName(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !isWord(r) && !strings.ContainsRune("+=,.@-", r) {
			return false
		}
	}
	return true
}

func isWord(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'
}

// Name is the profile name of r by template t, normalised: each run of
// other characters than those every shell takes unquoted and the AWS CLI
// takes in [profile NAME] (spaces are not) becomes one "-".
func Name(t, session string, r Role) string {
	values := map[string]string{"account_name": r.AccountName, "account_id": r.AccountID, "role_name": r.RoleName, "session": session}
	var b strings.Builder
	for {
		open := strings.IndexByte(t, '{')
		end := -1
		if open >= 0 {
			end = strings.IndexByte(t[open:], '}')
		}
		if open < 0 || end < 0 {
			b.WriteString(t)
			break
		}
		b.WriteString(t[:open])
		ref := t[open+1 : open+end]
		if v, ok := values[ref]; ok {
			b.WriteString(v)
		} else {
			b.WriteString(t[open : open+end+1])
		}
		t = t[open+end+1:]
	}
	var name strings.Builder
	for _, r := range b.String() {
		if isWord(r) || strings.ContainsRune(".@+=-", r) {
			if r == '-' && strings.HasSuffix(name.String(), "-") {
				continue
			}
			name.WriteRune(r)
		} else if !strings.HasSuffix(name.String(), "-") {
			name.WriteByte('-')
		}
	}
	return strings.Trim(name.String(), "-.")
}

// Sync is data (the config file) with the block of o.Session made from
// roles: each granted role a profile, named by the template; what the
// block held that is no longer granted kept, or dropped with Prune.
func Sync(path string, data []byte, roles []Role, o Options) (Result, error) {
	if o.Template == "" {
		o.Template = DefaultTemplate
	}
	if err := CheckTemplate(o.Template); err != nil {
		return Result{}, err
	}
	blocks, err := Blocks(data)
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", path, err)
	}
	var block *Block
	for i := range blocks {
		if blocks[i].Session == o.Session {
			block = &blocks[i]
		}
	}
	// Names outside this block, which the sync never takes.
	taken := map[string]bool{}
	outside := data
	if block != nil {
		outside = slices.Concat(data[:block.start], data[block.end:])
	}
	for _, s := range profiles.Parse(path, outside).Sections {
		if name, ok := profiles.ProfileHeader(s.Header); ok { // [default] too
			taken[name] = true
		}
	}
	var res Result
	granted := map[[2]string]bool{}
	used := map[string]bool{}
	var entries []entry
	sorted := slices.Clone(roles)
	slices.SortFunc(sorted, func(a, b Role) int {
		return cmpOr(strings.Compare(a.AccountID, b.AccountID), strings.Compare(a.RoleName, b.RoleName))
	})
	for _, r := range sorted {
		if !isAccountID(r.AccountID) || !isRoleName(r.RoleName) {
			res.Skipped = append(res.Skipped, fmt.Sprintf("account %q role %q: not an AWS account ID and role name", r.AccountID, r.RoleName))
			continue
		}
		if granted[[2]string{r.AccountID, r.RoleName}] {
			continue // listed twice
		}
		granted[[2]string{r.AccountID, r.RoleName}] = true
		name := Name(o.Template, o.Session, r)
		if name == "" {
			name = Name("{account_id}-{role_name}", o.Session, r)
		}
		if taken[name] {
			res.Skipped = append(res.Skipped, fmt.Sprintf("%s: a profile of that name is outside the block (account %s, role %s not written)", name, r.AccountID, r.RoleName))
			continue
		}
		if used[name] {
			unique := name + "-" + r.AccountID
			for i := 2; used[unique] || taken[unique]; i++ {
				unique = fmt.Sprintf("%s-%s-%d", name, r.AccountID, i)
			}
			res.Renamed = append(res.Renamed, fmt.Sprintf("%s: account %s role %s is %s", name, r.AccountID, r.RoleName, unique))
			name = unique
		}
		used[name] = true
		entries = append(entries, entry{name: name, role: r, region: o.Region})
	}
	var old []entry
	if block != nil {
		old = block.entries(path, data)
	}
	oldNames := map[string]bool{}
	for _, e := range old {
		oldNames[e.name] = true
		if granted[[2]string{e.role.AccountID, e.role.RoleName}] {
			continue
		}
		if o.Prune || used[e.name] || taken[e.name] {
			res.Removed = append(res.Removed, e.name)
			continue
		}
		res.Kept = append(res.Kept, e.name)
		used[e.name] = true
		entries = append(entries, e)
	}
	for _, e := range entries {
		if !oldNames[e.name] {
			res.Added = append(res.Added, e.name)
		}
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	slices.Sort(res.Added)
	res.Profiles = len(entries)
	if block == nil && len(entries) == 0 {
		res.Data = data
		return res, nil
	}
	res.Data = replace(data, block, render(o.Session, entries, newline(data)))
	res.Changed = !bytes.Equal(res.Data, data)
	return res, nil
}

func cmpOr(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

// An entry is one profile of a block.
type entry struct {
	name   string
	role   Role
	region string
}

// newline is the file's line ending: CRLF where it has one, else LF.
func newline(data []byte) string {
	if bytes.Contains(data, []byte("\r\n")) {
		return "\r\n"
	}
	return "\n"
}

// render is the block's lines, markers included, each ending in nl.
func render(session string, entries []entry, nl string) string {
	var body strings.Builder
	for i, e := range entries {
		if i > 0 {
			body.WriteString(nl)
		}
		fmt.Fprintf(&body, "[profile %s]%s", e.name, nl)
		fmt.Fprintf(&body, "sso_session = %s%s", session, nl)
		fmt.Fprintf(&body, "sso_account_id = %s%s", e.role.AccountID, nl)
		fmt.Fprintf(&body, "sso_role_name = %s%s", e.role.RoleName, nl)
		if name := oneLine(e.role.AccountName); name != "" {
			// awsp shows it as the account's alias; the AWS CLI ignores it.
			fmt.Fprintf(&body, "sso_account_name = %s%s", name, nl)
		}
		if e.region != "" {
			fmt.Fprintf(&body, "region = %s%s", e.region, nl)
		}
	}
	return beginMarker(session, checksum(body.String())) + nl + body.String() + endMarker(session) + nl
}

// oneLine is a value from the portal made safe for one line of the
// file (no line break can start a section there) and for a terminal.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if termtext.Unsafe(r) || r == utf8.RuneError {
			return ' ' // a control, bidi or zero-width character, or no UTF-8
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// The markers of a block: the begin line holds the checksum of what the
// sync wrote between them, so that a hand edit shows (CheckBlocks).
const (
	beginPrefix = "# >>> awsp sso sync: "
	endPrefix   = "# <<< awsp sso sync: "
	beginNote   = " (generated: edits inside are undone by the next sync) sha256:"
)

func beginMarker(session, sum string) string { return beginPrefix + session + beginNote + sum }
func endMarker(session string) string        { return endPrefix + session }

func checksum(body string) string {
	sum := sha256.Sum256([]byte(strings.ReplaceAll(body, "\r\n", "\n")))
	return hex.EncodeToString(sum[:8])
}

// A Block is one sso-session's block in a file: its marker lines
// (1-based) and whether its body is what the sync wrote.
type Block struct {
	Session    string
	Begin, End int
	Edited     bool
	start, end int // byte offsets: the begin line's start, after the end line
}

// Blocks finds the blocks of a file. A block without its end, or a
// second block of one session, is an error: the sync would not know
// what to replace.
func Blocks(data []byte) ([]Block, error) {
	var out []Block
	var open *Block
	var body strings.Builder
	var sum string
	offset := 0
	for i, line := range bytes.SplitAfter(data, []byte("\n")) {
		text := strings.TrimRight(string(line), "\r\n")
		n := i + 1
		switch {
		case strings.HasPrefix(text, beginPrefix):
			if open != nil {
				return nil, fmt.Errorf("line %d: the block of %s begins again before its end at line %d", n, open.Session, open.Begin)
			}
			rest := strings.TrimPrefix(text, beginPrefix)
			session, s, _ := strings.Cut(rest, beginNote)
			open, sum = &Block{Session: session, Begin: n, start: offset}, s
			body.Reset()
		case strings.HasPrefix(text, endPrefix) && open != nil:
			if strings.TrimPrefix(text, endPrefix) != open.Session {
				return nil, fmt.Errorf("line %d: the block of %s (line %d) ends as %s", n, open.Session, open.Begin, strings.TrimPrefix(text, endPrefix))
			}
			open.End, open.end = n, offset+len(line)
			open.Edited = checksum(body.String()) != sum
			for _, b := range out {
				if b.Session == open.Session {
					return nil, fmt.Errorf("line %d: a second block of %s (the first at line %d)", open.Begin, open.Session, b.Begin)
				}
			}
			out = append(out, *open)
			open = nil
		case open != nil:
			body.Write(line)
		}
		offset += len(line)
	}
	if open != nil {
		return nil, fmt.Errorf("line %d: the block of %s has no end marker (%s%s)", open.Begin, open.Session, endPrefix, open.Session)
	}
	return out, nil
}

// entries are the profiles the block holds now, as the sync reads them
// back: its name, account, role, account name and region.
func (b *Block) entries(path string, data []byte) []entry {
	f := profiles.Parse(path, data[b.start:b.end])
	var out []entry
	for _, s := range f.Sections {
		name, ok := profiles.ProfileHeader(s.Header)
		if !ok {
			continue
		}
		get := func(k string) string {
			v, _ := s.Get(k)
			return v.Value
		}
		out = append(out, entry{name: name, role: Role{AccountID: get("sso_account_id"), RoleName: get("sso_role_name"), AccountName: get("sso_account_name")}, region: get("region")})
	}
	return out
}

// replace is data with the block (nil: none yet) replaced by text, or
// text appended after a blank line.
func replace(data []byte, b *Block, text string) []byte {
	if b != nil {
		return slices.Concat(data[:b.start], []byte(text), data[b.end:])
	}
	out := slices.Clone(data)
	nl := newline(data)
	if len(out) > 0 && !bytes.HasSuffix(out, []byte("\n")) {
		out = append(out, nl...)
	}
	if len(out) > 0 {
		out = append(out, nl...)
	}
	return append(out, text...)
}

// Lint finds what a person did to the blocks of the config file at path:
// a block edited by hand (the next sync would undo it), one the sync
// could not find its way in.
func Lint(path string, data []byte) []profiles.Finding {
	blocks, err := Blocks(data)
	if err != nil {
		line := 0
		fmt.Sscanf(err.Error(), "line %d:", &line)
		return []profiles.Finding{{File: path, Line: line, Severity: "warning", Code: "sso-block-broken",
			Message: err.Error() + ": awsp sso sync will not touch the file until it is mended"}}
	}
	var out []profiles.Finding
	for _, b := range blocks {
		if b.Edited {
			out = append(out, profiles.Finding{File: path, Line: b.Begin, Severity: "warning", Code: "sso-block-edited",
				Message: fmt.Sprintf("the block awsp sso sync keeps for %s (lines %d-%d) was edited by hand: the next sync undoes it; put your own profiles outside the block", b.Session, b.Begin, b.End)})
		}
	}
	return out
}

package fix

import (
	"fmt"
	"slices"
	"strings"

	"github.com/awsp-dev/awsp/internal/profiles"
)

// derivedMFASerial removes mfa_serial from a Derived profile whose
// Primary is authenticated with MFA by its own sign-in, and moves it to a
// Primary of static keys that has none: doc/aws-semantics.md, "Fixes".
func (p *planner) derivedMFASerial(f profiles.Finding, all []profiles.Finding) *profiles.Fix {
	pr := p.c.Profiles[f.Profile]
	if pr == nil {
		return nil
	}
	ch := p.c.Resolve(pr.Name)
	primary := ch.Primary()
	if ch.Err != nil || primary == nil {
		return nil
	}
	var edits []profiles.Edit
	for _, path := range []string{p.c.Paths.Config, p.c.Paths.Credentials} {
		s := p.ownSection(pr, path)
		if s == nil {
			continue
		}
		for _, k := range s.Keys {
			if k.Name == "mfa_serial" {
				edits = append(edits, removeLines(path, p.layouts[path], k.Line, k.End))
			}
		}
	}
	if len(edits) == 0 {
		return nil // it comes from [DEFAULT]: removing it there touches every profile
	}
	remove := func(why string) *profiles.Fix {
		return &profiles.Fix{Description: fmt.Sprintf("removes mfa_serial from %q: %s", pr.Name, why), Edits: edits}
	}
	src := primary.Profile
	switch primary.Credentials {
	case profiles.SSO:
		return remove(fmt.Sprintf("its Primary %q signs in with IAM Identity Center, which asks for MFA once a session", src.Name))
	case profiles.Login:
		return remove(fmt.Sprintf("its Primary %q signs in with aws login, which asks for MFA once a session", src.Name))
	case profiles.Process:
		if strings.Contains(src.Text("credential_process"), "aws-vault") {
			return nil // aws-vault reads mfa_serial from the profile it exports, named in the command
		}
		return remove(fmt.Sprintf("its Primary %q gets its credentials from credential_process, whose own sign-in asks for MFA", src.Name))
	case profiles.Static:
		if src.Has("mfa_serial") {
			return remove(fmt.Sprintf("its Primary %q has mfa_serial already", src.Name))
		}
		return p.moveMFASerial(pr, src, edits, all)
	}
	return nil // web identity and credential_source are a machine's identities: no one types a code there
}

// moveMFASerial removes mfa_serial from pr and puts it on its Primary src,
// an IAM user of static keys, when every Derived profile on src names the
// same device; the edit that adds it is the same in each of their fixes.
func (p *planner) moveMFASerial(pr, src *profiles.Profile, edits []profiles.Edit, all []profiles.Finding) *profiles.Fix {
	value := pr.Text("mfa_serial")
	if strings.ContainsAny(value, "\n") {
		return nil
	}
	if p.devices == nil {
		p.devices = map[*profiles.Profile]map[string]bool{}
		for _, g := range all {
			other := p.c.Profiles[g.Profile]
			if g.Code != "derived-mfa-serial" || other == nil {
				continue
			}
			if h := p.c.Resolve(other.Name).Primary(); h != nil {
				if p.devices[h.Profile] == nil {
					p.devices[h.Profile] = map[string]bool{}
				}
				p.devices[h.Profile][other.Text("mfa_serial")] = true
			}
		}
	}
	if len(p.devices[src]) > 1 {
		return nil // two devices: which one the user signs in with is theirs to say
	}
	path := p.c.Paths.Config
	s := p.ownSection(src, path)
	if s == nil {
		path = p.c.Paths.Credentials
		if s = p.ownSection(src, path); s == nil {
			return nil
		}
	}
	l := p.layouts[path]
	edits = append(edits, insertAfter(path, l, s.End(), keyLine(l, s, "mfa_serial", value)))
	return &profiles.Fix{Description: fmt.Sprintf(
		"moves mfa_serial from %q to its Primary %q (static keys), where a session is made once with MFA (aws-vault, granted, awsume); the AWS CLI alone then assumes %q without MFA",
		pr.Name, src.Name, pr.Name), Edits: edits}
}

// sourceProfile names the one existing profile like a missing
// source_profile: none where several are alike.
func (p *planner) sourceProfile(f profiles.Finding, l *profiles.Layout) *profiles.Fix {
	s, k, ok := keyAt(l, f.Line)
	pr := p.c.Profiles[f.Profile]
	if !ok || pr == nil || k.Name != "source_profile" || k.End != k.Line || p.ownSection(pr, f.File) != s {
		return nil
	}
	missing := l.Value(k)
	if missing != pr.Text("source_profile") {
		return nil // the other file's value is the one read
	}
	// As the lint's "did you mean" (profiles.Config.Suggest), a bounded
	// number: each looks at every profile.
	if p.suggested++; p.suggested > maxSuggestions {
		return nil
	}
	if p.names == nil {
		p.names = p.c.Names()
	}
	others := slices.DeleteFunc(slices.Clone(p.names), func(n string) bool { return n == pr.Name })
	like := profiles.Closest(missing, others, 2)
	if len(like) != 1 {
		return nil
	}
	return &profiles.Fix{Description: fmt.Sprintf("source_profile of %q becomes %q, the one profile named like %q", pr.Name, like[0], missing),
		Edits: []profiles.Edit{edit(f.File, l, k.ValueStart, k.ValueEnd, like[0])}}
}

// duplicates makes a repeated section or key what the Go and JavaScript
// SDKs read, which is what the AWS CLI reads once the file has no
// repeats: the sections merged into the first, each key's last value.
func (p *planner) duplicates(f profiles.Finding, l *profiles.Layout) *profiles.Fix {
	at := l.SectionAt(f.Line)
	if at < 0 || l.Sections[at].Header == "DEFAULT" {
		return nil // configparser merges [DEFAULT]s: not this finding
	}
	header := l.Sections[at].Header
	if p.repeats == nil {
		p.repeats = map[string]*profiles.Fix{}
	}
	id := f.File + "\x00" + header
	if fx, ok := p.repeats[id]; ok {
		return fx
	}
	fx := p.merge(f.File, l, header)
	p.repeats[id] = fx
	return fx
}

// merge is the fix of the repeats of header in a file.
func (p *planner) merge(path string, l *profiles.Layout, header string) *profiles.Fix {
	if p.occurrences == nil {
		p.occurrences = map[string]map[string][]int{}
	}
	if p.occurrences[path] == nil {
		p.occurrences[path] = map[string][]int{}
		for i, s := range l.Sections {
			p.occurrences[path][s.Header] = append(p.occurrences[path][s.Header], i)
		}
	}
	var occ []*profiles.SectionSpan
	last := map[string]int{} // key name: line of its last occurrence
	for _, i := range p.occurrences[path][header] {
		s := &l.Sections[i]
		occ = append(occ, s)
		for _, k := range s.Keys {
			last[k.Name] = k.Line
		}
	}
	loser := func(k profiles.KeySpan) bool { return last[k.Name] != k.Line }
	first := occ[0]
	var edits []profiles.Edit
	var repeated []string
	for _, k := range first.Keys {
		if loser(k) {
			edits = append(edits, removeLines(path, l, k.Line, k.End))
			if !slices.Contains(repeated, k.Name) {
				repeated = append(repeated, k.Name)
			}
		}
	}
	if len(occ) == 1 {
		return &profiles.Fix{Edits: edits, Description: fmt.Sprintf(
			"keeps the last value of %s in [%s], the one the Go and JavaScript SDKs use, and removes the others: the AWS CLI reads the file again", quoted(repeated), header)}
	}
	var moved strings.Builder
	for _, o := range occ[1:] {
		skip := map[int]bool{}
		for _, k := range o.Keys {
			if loser(k) {
				for n := k.Line; n <= k.End; n++ {
					skip[n] = true
				}
			} else if profiles.IsCredentialKey(k.Name) {
				return nil // moving a section's credentials is theirs to do
			}
		}
		for n := o.Line + 1; n <= o.End(); n++ {
			if skip[n] {
				continue
			}
			ln := l.Lines[n-1]
			moved.WriteString(l.Data[ln.Start:ln.Next])
			if ln.Next == ln.End {
				moved.WriteString(l.EOL)
			}
		}
		from := o.Line
		if l.Blank(from-1) && from-1 > occ[0].End() {
			from-- // the blank line that set it apart goes with it
		}
		edits = append(edits, removeLines(path, l, from, o.End()))
	}
	if moved.Len() > 0 {
		ln := l.Lines[first.End()-1]
		edits = append(edits, edit(path, l, ln.Next, ln.Next, moved.String()))
	}
	return &profiles.Fix{Edits: edits, Description: fmt.Sprintf(
		"merges the %d sections [%s] into the first (line %d), a key's later value winning, as the Go and JavaScript SDKs read them: the AWS CLI reads the file again", len(occ), header, first.Line)}
}

// quoted lists names for a sentence: "a", "a" and "b".
func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// unquote removes the double quotes around a value the AWS CLI keeps
// literally, where the intent is plain: one quoted string, not a command
// line (credential_process splits words at quotes) and not a credential
// (an edit of it would print it).
func (p *planner) unquote(f profiles.Finding, l *profiles.Layout) *profiles.Fix {
	_, k, ok := keyAt(l, f.Line)
	if !ok || k.End != k.Line || k.Name == "credential_process" || profiles.IsCredentialKey(k.Name) {
		return nil
	}
	v := l.Value(k)
	if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' || strings.Contains(v[1:len(v)-1], `"`) {
		return nil
	}
	return &profiles.Fix{Description: fmt.Sprintf("removes the double quotes around the value of %q, which the AWS CLI keeps as part of it", k.Name),
		Edits: []profiles.Edit{edit(f.File, l, k.ValueStart, k.ValueEnd, v[1:len(v)-1])}}
}

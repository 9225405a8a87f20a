package profiles

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// A Key is one option of a section, as botocore's raw_config_parse returns it.
type Key struct {
	Name   string            // lower-cased, as configparser's optionxform does
	Value  string            // continuation lines joined with "\n"
	Nested map[string]string // the block under an empty "s3 =", else nil
	Line   int
	// Redacted: indented lines under this key look like credentials, so
	// botocore's value holds them. Value is then the first line with a
	// marker, and Nested is nil: nothing awsp shows or keeps holds them.
	Redacted bool
}

// RedactedMark ends a value whose indented lines held credentials.
const RedactedMark = " [indented credential lines not shown]"

// credentialKeys are the keys whose values are credentials: on an
// indented line, botocore reads them as part of the value above, the Go
// SDK as keys of their own.
var credentialKeys = []string{"aws_access_key_id", "aws_secret_access_key", "aws_session_token", "aws_security_token"}

// IsCredentialKey reports whether a key's value is a credential, never
// to be shown.
func IsCredentialKey(name string) bool { return slices.Contains(credentialKeys, name) }

// credentialLine reports whether a continuation line reads as a
// credential key to the Go SDK.
func credentialLine(line string) (string, bool) {
	i := strings.IndexAny(line, "=:")
	if i < 0 {
		return "", false
	}
	name := strings.ToLower(pyStrip(line[:i]))
	return name, slices.Contains(credentialKeys, name)
}

// A Section is one [header] of a file and its keys in file order.
type Section struct {
	Header string // between the brackets, verbatim
	Line   int
	Keys   []Key
	// Comment is the comment line right above the header, without its
	// marker: Atmos Auth writes "atmos: expiration=<RFC 3339>" there.
	Comment string
	// index finds a key of a section with many: a [default] or an
	// sso-session that every profile reads must not cost its width on
	// every read. Small sections, nearly all, are scanned.
	index map[string]int
}

// indexFrom is the number of keys from which a section is indexed.
const indexFrom = 16

// Get returns the key named name (lower case) and whether it is there.
func (s *Section) Get(name string) (Key, bool) {
	if s.index != nil {
		if i, ok := s.index[name]; ok {
			return s.Keys[i], true
		}
		return Key{}, false
	}
	for _, k := range s.Keys {
		if k.Name == name {
			return k, true
		}
	}
	return Key{}, false
}

// add appends a key the section does not have yet, and indexes the
// section once it is large.
func (s *Section) add(k Key) *Key {
	s.Keys = append(s.Keys, k)
	switch {
	case s.index != nil:
		s.index[k.Name] = len(s.Keys) - 1
	case len(s.Keys) >= indexFrom:
		s.index = make(map[string]int, 2*len(s.Keys))
		for i, k := range s.Keys {
			s.index[k.Name] = i
		}
	}
	return &s.Keys[len(s.Keys)-1]
}

// A File is a config or credentials file as botocore parses it.
type File struct {
	Path     string
	Sections []*Section
	// Defaults holds the keys of an upper-case [DEFAULT] section, which
	// Python's configparser shows in every other section.
	Defaults *Section
	// Refused is set when botocore refuses the whole file: every AWS CLI
	// command then fails, whatever the profile. It is the first of Problems;
	// botocore stops there, awsp reads on so that the lint names them all.
	Refused  *ParseError
	Problems []ParseError
	// Quirks are lines that the AWS CLI reads but the Go SDK reads
	// differently; the lint reports them as sdk-divergence.
	Quirks []Quirk
}

// A ParseError is why botocore refuses a file, at the line it names.
type ParseError struct {
	Path string
	Line int
	Code string // a lint code: parse-error, duplicate-section, duplicate-key
	Msg  string
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// A Quirk is a line whose meaning depends on who reads it.
type Quirk struct {
	Line     int
	Code     string // a lint code
	Kind     string // which quirk, for a fix: QuotedValue, or ""
	Severity string
	Msg      string
}

// QuotedValue is the quirk of a value in double quotes, which the AWS CLI
// keeps and the Go SDK removes.
const QuotedValue = "quoted-value"

// Parse reads data with the rules of Python's configparser.RawConfigParser
// (strict, no inline comments, ':' or '=' as delimiter, indented lines
// continue a value) followed by botocore's nested-block parsing. It never
// fails: a file botocore refuses comes back with Refused set and whatever
// could be read, so that the lint can still point at every problem.
func Parse(path string, data []byte) *File {
	f := &File{Path: path}
	refuse := func(code string, line int, format string, args ...any) {
		f.Problems = append(f.Problems, ParseError{Path: path, Line: line, Code: code, Msg: fmt.Sprintf(format, args...)})
	}
	text := string(data)
	if !utf8.ValidString(text) {
		line := 1 + strings.Count(text[:firstInvalidUTF8(data)], "\n")
		refuse("parse-error", line, "not valid UTF-8: the AWS CLI cannot read this file")
		text = strings.ToValidUTF8(text, "\uFFFD")
	}

	var (
		cur         *Section
		comment     string   // the comment line just read, for the header below it
		values      []string // lines of the current key's value, joined at the end
		valuesBuf   = make([]string, 0, 8)
		valuesAt    int // the line of values[1]
		key         *Key
		keyFirstEnd bool // the current key's first line had a value
		indentLevel int
		seen        = map[string]*Section{}
	)
	finish := func() {
		if key == nil {
			return
		}
		for i, line := range values[1:] {
			if name, ok := credentialLine(line); ok {
				f.Quirks = append(f.Quirks, Quirk{valuesAt + i, "indented-credentials", "", "error", fmt.Sprintf(
					"%s is indented under %q: the AWS CLI reads it as part of the value of %q and not as credentials (and may print that value in an error), "+
						"the Go SDK (Terraform) reads it as this profile's key: unindent it, or remove it", name, key.Name, key.Name)})
				first, _, _ := strings.Cut(values[0], "\n")
				key.Value, key.Redacted = strings.TrimPrefix(first+RedactedMark, " "), true
				key, values = nil, nil
				return
			}
		}
		if len(values) == 1 {
			key.Value = values[0] // already stripped: no join, no copy
		} else {
			key.Value = pyRStrip(strings.Join(values, "\n"))
		}
		if strings.HasPrefix(key.Value, "\n") {
			nested, ok := parseNested(key.Value)
			if !ok {
				refuse("parse-error", key.Line, "the block under %q has a line without '='", key.Name)
			}
			key.Nested = nested
		}
		key, values = nil, nil
	}
	lines := newLineReader(text)
	for lineno := 1; ; lineno++ {
		line, ok := lines.next()
		if !ok {
			break
		}
		stripped := pyStrip(line)
		if strings.HasPrefix(stripped, "#") || strings.HasPrefix(stripped, ";") {
			comment = pyStrip(stripped[1:])
			continue // comments never join a value, blank lines do
		}
		above := comment
		comment = ""
		if stripped == "" {
			if key != nil {
				values = append(values, "")
			}
			continue
		}
		indent := pyIndent(line)
		if key != nil && indent > indentLevel {
			if len(values) == 1 {
				valuesAt = lineno
			}
			values = append(values, stripped)
			if _, cred := credentialLine(stripped); keyFirstEnd && !cred {
				f.Quirks = append(f.Quirks, Quirk{lineno, "sdk-divergence", "", "warning", fmt.Sprintf("this indented line continues the value of %q for the AWS CLI; the Go SDK may read it as a key of its own", key.Name)})
				keyFirstEnd = false // one note per value is enough
			}
			continue
		}
		indentLevel = indent
		if header, ok := sectionHeader(stripped); ok {
			finish()
			if header == "DEFAULT" {
				if f.Defaults == nil {
					f.Defaults = &Section{Header: header, Line: lineno}
				}
				cur = f.Defaults
				continue
			}
			if first := seen[header]; first != nil {
				refuse("duplicate-section", lineno, "[%s] appears twice (first at line %d): the AWS CLI refuses the whole file, the Go SDK merges the two", header, first.Line)
				cur = first
				continue
			}
			cur = &Section{Header: header, Line: lineno, Keys: make([]Key, 0, 4), Comment: above}
			seen[header] = cur
			f.Sections = append(f.Sections, cur)
			continue
		}
		if cur == nil {
			finish()
			if lineno == 1 && strings.HasPrefix(line, "\uFEFF") {
				refuse("parse-error", lineno, "starts with a byte order mark, which the AWS CLI does not accept: save the file as UTF-8 without BOM")
			} else {
				refuse("parse-error", lineno, "a line before the first [section]")
			}
			continue
		}
		name, value, ok := splitOption(stripped)
		if !ok {
			refuse("parse-error", lineno, "this line is neither a [section] nor key = value")
			continue
		}
		if name == "" {
			refuse("parse-error", lineno, "a key with no name")
		}
		finish()
		if first, dup := cur.Get(name); dup {
			refuse("duplicate-key", lineno, "%q appears twice in [%s] (first at line %d): the AWS CLI refuses the whole file, the Go SDK keeps the last value", name, cur.Header, first.Line)
			// Keep the first value: the file is refused anyway, and the
			// lint points at both lines.
			continue
		}
		key = cur.add(Key{Name: name, Line: lineno})
		values = append(valuesBuf[:0], value)
		keyFirstEnd = value != ""
		if len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"' {
			// The key and the line, never the value: it may be a secret.
			f.Quirks = append(f.Quirks, Quirk{lineno, "sdk-divergence", QuotedValue, "warning", fmt.Sprintf("the AWS CLI keeps the double quotes around the value of %q as part of it; the Go SDK removes them", name)})
		}
		if strings.ContainsAny(value, "#;") && (strings.Contains(value, " #") || strings.Contains(value, " ;") ||
			strings.Contains(value, "\t#") || strings.Contains(value, "\t;")) {
			f.Quirks = append(f.Quirks, Quirk{lineno, "sdk-divergence", "", "warning", fmt.Sprintf("the AWS CLI keeps the text after ' #' or ' ;' as part of the value of %q; the Go SDK cuts it there as a comment", name)})
		}
	}
	finish()
	if len(f.Problems) > 0 {
		f.Refused = &f.Problems[0]
	}
	return f
}

// lineReader yields lines as Python's text mode with universal newlines
// does: "\r\n", "\r" and "\n" each end a line. It slices the text
// instead of copying it.
type lineReader struct {
	text string
	cr   bool // the text has a "\r" somewhere: take the slow path
}

func newLineReader(text string) *lineReader {
	return &lineReader{text: text, cr: strings.IndexByte(text, '\r') >= 0}
}

func (r *lineReader) next() (string, bool) {
	if r.text == "" {
		return "", false
	}
	var i int
	if r.cr {
		i = strings.IndexAny(r.text, "\r\n")
	} else {
		i = strings.IndexByte(r.text, '\n')
	}
	if i < 0 {
		line := r.text
		r.text = ""
		return line, true
	}
	line := r.text[:i]
	end := i + 1
	if r.text[i] == '\r' && end < len(r.text) && r.text[end] == '\n' {
		end++
	}
	r.text = r.text[end:]
	return line, true
}

// sectionHeader matches configparser's `\[(?P<header>.+)\]` against the
// stripped line: the match is not anchored at the end, and the greedy .+
// runs to the last ']', so "[profile a] # note" is the section "profile a".
func sectionHeader(s string) (string, bool) {
	if !strings.HasPrefix(s, "[") {
		return "", false
	}
	end := strings.LastIndexByte(s, ']')
	if end < 2 {
		return "", false
	}
	return s[1:end], true
}

// splitOption matches configparser's `(.*?)\s*(=|:)\s*(.*)$`: the first
// '=' or ':' splits, the name is lower-cased.
func splitOption(s string) (name, value string, ok bool) {
	i := strings.IndexAny(s, "=:")
	if i < 0 {
		return "", "", false
	}
	return strings.ToLower(pyRStrip(s[:i])), pyStrip(s[i+1:]), true
}

// parseNested is botocore's _parse_nested: every non-blank line of the
// block must be "key = value".
func parseNested(value string) (map[string]string, bool) {
	nested := map[string]string{}
	for _, line := range pySplitLines(value) {
		line = pyStrip(line)
		if line == "" {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nested, false
		}
		nested[pyStrip(k)] = pyStrip(v)
	}
	return nested, true
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

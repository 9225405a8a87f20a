package prompt

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/awsp-dev/awsp/internal/profiles"
)

// entryKind names the cache entries this codec writes: its version
// changes whenever MarshalText's lines or what an entry means change, so
// that no entry of another version is ever read as this one.
const entryKind = "prompt-v5"

// entry is what a segment needs of one profile that depends on the files
// alone, and so can be kept while they are unchanged. The expiry is not in
// it: that is read anew every time.
type entry struct {
	Chain   []string
	Broken  bool
	Warn    bool
	Region  string
	Session profiles.SessionSource
	// The class awsp's config gives the profile: its label and colour.
	Label, Colour string
}

// MarshalText keeps an entry as lines "key value", strings quoted as Go
// quotes them, so that no value holds the newline that ends its line.
// Decoding JSON by reflection made every cached prompt touch about 15 more
// pages of memory than this, each a page fault (BENCHMARKS.md).
func (e entry) MarshalText() ([]byte, error) {
	var b []byte
	str := func(key, v string) {
		b = append(b, key+" "...)
		b = strconv.AppendQuote(b, v)
		b = append(b, '\n')
	}
	flag := func(key string, v bool) {
		b = append(b, key+" "...)
		b = strconv.AppendBool(b, v)
		b = append(b, '\n')
	}
	for _, name := range e.Chain {
		str("chain", name)
	}
	flag("broken", e.Broken)
	flag("warn", e.Warn)
	str("region", e.Region)
	str("label", e.Label)
	str("colour", e.Colour)
	s := e.Session
	str("token", s.Token)
	flag("login", s.Login)
	str("role_arn", s.RoleARN)
	flag("sso_session", s.SSOSession)
	if !s.At.IsZero() {
		at, err := s.At.MarshalText()
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, "at "...), at...), '\n')
	}
	str("from", s.From)
	flag("environment", s.Environment)
	return b, nil
}

// UnmarshalText reads what MarshalText wrote, and refuses anything else.
func (e *entry) UnmarshalText(data []byte) error {
	*e = entry{}
	s := &e.Session
	for line := range strings.Lines(string(data)) {
		key, v, _ := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
		var err error
		switch key {
		case "chain":
			var name string
			name, err = strconv.Unquote(v)
			e.Chain = append(e.Chain, name)
		case "broken":
			e.Broken, err = strconv.ParseBool(v)
		case "warn":
			e.Warn, err = strconv.ParseBool(v)
		case "region":
			e.Region, err = strconv.Unquote(v)
		case "label":
			e.Label, err = strconv.Unquote(v)
		case "colour":
			e.Colour, err = strconv.Unquote(v)
		case "token":
			s.Token, err = strconv.Unquote(v)
		case "login":
			s.Login, err = strconv.ParseBool(v)
		case "role_arn":
			s.RoleARN, err = strconv.Unquote(v)
		case "sso_session":
			s.SSOSession, err = strconv.ParseBool(v)
		case "at":
			err = s.At.UnmarshalText([]byte(v))
		case "from":
			s.From, err = strconv.Unquote(v)
		case "environment":
			s.Environment, err = strconv.ParseBool(v)
		default:
			err = fmt.Errorf("unknown key %q", key)
		}
		if err != nil {
			return fmt.Errorf("prompt cache entry: %s: %w", key, err)
		}
	}
	return nil
}

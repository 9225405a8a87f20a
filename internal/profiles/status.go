package profiles

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/awsp-dev/awsp/internal/environ"
)

// An Expiry is what the files and the environment tell of how long a set of
// credentials lasts. awsp reads it and nothing else: it never calls AWS and
// never runs credential_process.
type Expiry struct {
	At     time.Time // zero when nothing says
	Source string    // the file or variable it was read from
	// Refreshable: the AWS CLI renews this by itself (an sso-session or
	// aws login token with a refresh token), so At is not the end of the
	// session.
	Refreshable bool
	// RenewsUntil is when renewing stops working, where the files say
	// (the SSO client registration's end); zero when they do not.
	RenewsUntil time.Time
	// LoggedOut: an SSO or aws login Primary with no token in the cache.
	LoggedOut bool
}

// Known reports whether an expiry time was found.
func (e Expiry) Known() bool { return !e.At.IsZero() }

// Expired reports whether the time has passed at now.
func (e Expiry) Expired(now time.Time) bool { return e.Known() && !now.Before(e.At) }

// SessionSource says where the Primary's session expiry is to be read. It
// depends on the files only, so a caller may keep it while they are
// unchanged, and Read it again on each use.
type SessionSource struct {
	// Token is the token cache file of an SSO or aws login Primary.
	Token string
	// Login: Token is an aws login cache (a login_session profile).
	Login bool
	// RoleARN: Token is aws-sso-cli's cache, where this role's
	// credentials have their expiry (credential_process = aws-sso ...
	// process --arn RoleARN).
	RoleARN string
	// SSOSession: an sso-session profile, whose token the CLI refreshes.
	SSOSession bool
	// At is an expiry written in the files themselves, From where.
	At   time.Time
	From string
	// Environment: credential_source = Environment, read from the variables.
	Environment bool
}

// SSOTokenPath is where the AWS CLI caches the token of an sso-session
// (key: its name) or of a legacy profile (key: its sso_start_url).
func (c *Config) SSOTokenPath(key string) string {
	return filepath.Join(c.Paths.Home, ".aws", "sso", "cache", SHA1(key)+".json")
}

// SessionSource finds where h's session expiry is.
func (c *Config) SessionSource(h *Hop) SessionSource {
	p := h.Profile
	switch h.Credentials {
	case SSO:
		s := c.SSO(p)
		key := s.StartURL
		if s.Session != "" {
			key = s.Session
		}
		return SessionSource{Token: c.SSOTokenPath(key), SSOSession: s.Session != ""}
	case Login:
		return SessionSource{Token: filepath.Join(c.Paths.LoginCache, SHA256(p.Text("login_session"))+".json"), Login: true}
	case Static:
		// saml2aws and others, aws-vault's ini export, awsume.
		for _, k := range []string{"x_security_token_expires", "aws_credential_expiration", "expiration"} {
			if v, ok := p.Get(k); ok {
				loc := time.UTC
				if k == "expiration" {
					loc = time.Local // awsume writes local time without a zone
				}
				if t, ok := ParseTime(v.Text, loc); ok {
					return SessionSource{At: t, From: fmt.Sprintf("%s:%d %s", Tilde(v.File, c.Paths.Home), v.Line, k)}
				}
			}
		}
		// Atmos Auth writes the expiry in a comment above the section
		// (pkg/auth/cloud/aws/files.go: section.Comment, which
		// gopkg.in/ini.v1 writes as "; atmos: expiration=...").
		for _, l := range []layer{p.credentials, p.config} {
			if l.section == nil {
				continue
			}
			if v, ok := strings.CutPrefix(l.section.Comment, "atmos: expiration="); ok {
				if t, ok := ParseTime(v, time.UTC); ok {
					return SessionSource{At: t, From: fmt.Sprintf("%s:%d atmos", Tilde(l.file.Path, c.Paths.Home), l.section.Line-1)}
				}
			}
		}
	case CredentialSource:
		return SessionSource{Environment: p.Text("credential_source") == "Environment"}
	case Process:
		if arn := awsSSOProcessARN(p.Text("credential_process")); arn != "" {
			return SessionSource{Token: filepath.Join(c.Paths.Home, ".config", "aws-sso", "cache.json"), RoleARN: arn}
		}
	}
	return SessionSource{}
}

// awsSSOProcessARN is the role of a credential_process that runs
// aws-sso-cli (aws-sso [-S NAME] process --arn ARN, as its setup writes
// it), or "".
func awsSSOProcessARN(command string) string {
	words := strings.Fields(command)
	if len(words) == 0 || filepath.Base(strings.Trim(words[0], `"'`)) != "aws-sso" {
		return ""
	}
	for i, w := range words {
		if v, ok := strings.CutPrefix(w, "--arn="); ok {
			return strings.Trim(v, `"'`)
		}
		if (w == "--arn" || w == "-a") && i+1 < len(words) {
			return strings.Trim(words[i+1], `"'`)
		}
	}
	return ""
}

// EnvironmentExpiry reads the expiry that credential tools export beside
// AWS_ACCESS_KEY_ID.
func EnvironmentExpiry(env environ.Environ) Expiry {
	for _, k := range []string{"AWS_CREDENTIAL_EXPIRATION", "AWS_SESSION_EXPIRATION", "AWS_SSO_SESSION_EXPIRATION", "AWSUME_EXPIRATION"} {
		if v := env[k]; v != "" {
			loc := time.UTC
			if k == "AWSUME_EXPIRATION" {
				loc = time.Local
			}
			if t, ok := ParseTime(v, loc); ok {
				return Expiry{At: t, Source: k}
			}
		}
	}
	return Expiry{}
}

// EnvironmentCredentials reports whether keys in the environment override
// every profile, as they do in every SDK.
func EnvironmentCredentials(env environ.Environ) bool {
	return env["AWS_ACCESS_KEY_ID"] != "" && env["AWS_SECRET_ACCESS_KEY"] != ""
}

// CacheKey is the file name botocore's AssumeRoleCredentialFetcher uses:
// the sha1 of json.dumps(args, sort_keys=True) with Python's default
// separators and ASCII escaping.
func CacheKey(r *AssumeRole) string {
	args := map[string]string{"RoleArn": pyJSONString(r.RoleARN)}
	if r.ExternalID != nil {
		args["ExternalId"] = pyJSONString(*r.ExternalID)
	}
	if r.MFASerial != nil {
		args["SerialNumber"] = pyJSONString(*r.MFASerial)
	}
	if r.DurationSeconds != nil {
		args["DurationSeconds"] = strconv.Itoa(*r.DurationSeconds)
	}
	// A generated session name is left out of the key.
	if r.RoleSessionName != "" {
		args["RoleSessionName"] = pyJSONString(r.RoleSessionName)
	}
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = pyJSONString(k) + ": " + args[k]
	}
	return SHA1("{" + strings.Join(parts, ", ") + "}")
}

// SHA1 is the lower-case hex sha1 of s.
func SHA1(s string) string {
	sum := sha1.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// SHA256 is the lower-case hex sha256 of s: the name of an aws login
// cache file (botocore's generate_login_cache_key).
func SHA256(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// pyJSONString encodes s as Python's json.dumps does with ensure_ascii.
func pyJSONString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r < 0x20 || r > 0x7f:
			if r > 0xffff {
				hi, lo := utf16.EncodeRune(r)
				fmt.Fprintf(&b, `\u%04x\u%04x`, hi, lo)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// ParseTime reads the timestamps AWS tools write: RFC 3339, botocore's
// "...UTC" suffix, and zone-less forms, taken in loc.
func ParseTime(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, "UTC") {
		s, loc = strings.TrimSuffix(s, "UTC"), time.UTC
	}
	// The last: Go's Time.String, which aws-sso-cli wrote before 1.17
	// (RoleCredentials.ExpireString).
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999 -0700 MST"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// LoginArgs is the command that renews a Primary whose session is gone
// (or, for SSO and aws login, not there): aws sso login for the
// sso-session or the legacy profile, aws login for a login_session
// profile; none (needed, no args) for the tools awsp cannot name.
// needed is false while the session lasts, or nothing says it ended.
func (c *Config) LoginArgs(h *Hop, s Expiry, now time.Time) (args []string, needed bool) {
	if s.Known() && !s.Expired(now) {
		return nil, false
	}
	switch h.Credentials {
	case SSO:
		if sso := c.SSO(h.Profile); sso.Session != "" {
			return append([]string{"aws", "sso", "login"}, option("--sso-session", sso.Session)...), true
		}
		return append([]string{"aws", "sso", "login"}, option("--profile", h.Profile.Name)...), true
	case Login:
		return append([]string{"aws", "login"}, option("--profile", h.Profile.Name)...), true
	}
	return nil, s.Known() // nothing says it has expired
}

// option is an AWS CLI option with its value: as two words, as people
// type it, or as one (--profile=-x) for a value that starts with "-",
// which the AWS CLI's argument parser would take for an option of its own.
func option(name, value string) []string {
	if strings.HasPrefix(value, "-") {
		return []string{name + "=" + value}
	}
	return []string{name, value}
}

package awsfiles

import (
	"encoding/json"
	"path/filepath"
	"time"

	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/safefile"
)

// SessionExpiry is the session of the Primary h of c: the SSO token, the
// expiry other tools write next to static keys, or the environment's
// credentials when the chain takes them from there.
func SessionExpiry(c *profiles.Config, h *profiles.Hop, env environ.Environ) profiles.Expiry {
	return ReadSession(c.SessionSource(h), env, c.Paths.Home)
}

// Sessions reads the sessions of many Primaries, each token file once
// however many Primaries share it (thousands of profiles share a few
// sso-sessions). It is for one run, and not safe for concurrent use.
type Sessions struct {
	config *profiles.Config
	env    environ.Environ
	read   map[profiles.SessionSource]profiles.Expiry
}

// NewSessions reads the sessions of the Primaries of c.
func NewSessions(c *profiles.Config, env environ.Environ) *Sessions {
	return &Sessions{config: c, env: env, read: map[profiles.SessionSource]profiles.Expiry{}}
}

// Of is SessionExpiry(h), read once per source.
func (s *Sessions) Of(h *profiles.Hop) profiles.Expiry {
	src := s.config.SessionSource(h)
	if src.Token == "" { // in the files or the environment: nothing to read
		return ReadSession(src, s.env, s.config.Paths.Home)
	}
	e, ok := s.read[src]
	if !ok {
		e = ReadSession(src, s.env, s.config.Paths.Home)
		s.read[src] = e
	}
	return e
}

// ReadSession reads the expiry from where s points; home shortens paths.
func ReadSession(s profiles.SessionSource, env environ.Environ, home string) profiles.Expiry {
	switch {
	case s.Login:
		return readLoginToken(s.Token, home)
	case s.RoleARN != "":
		return readAWSSSOCache(s.Token, s.RoleARN, home)
	case s.Token != "":
		return readSSOToken(s.Token, s.SSOSession, home)
	case !s.At.IsZero():
		return profiles.Expiry{At: s.At, Source: s.From}
	case s.Environment:
		return profiles.EnvironmentExpiry(env)
	}
	return profiles.Expiry{}
}

// readSSOToken reads ~/.aws/sso/cache/<sha1>.json, keyed by the
// sso-session name or, for legacy profiles, the start URL.
func readSSOToken(path string, session bool, home string) profiles.Expiry {
	src := profiles.Tilde(path, home)
	tok, ok := readToken(path)
	if !ok {
		return profiles.Expiry{LoggedOut: true, Source: src} // no file, or a half-written one
	}
	if _, ok := tok["accessToken"]; !ok {
		// A client registration, or no token: not logged in as far as
		// the CLI can tell.
		return profiles.Expiry{LoggedOut: true, Source: src}
	}
	expiresAt, _ := tok["expiresAt"].(string)
	t, ok := profiles.ParseTime(expiresAt, time.UTC)
	if !ok {
		return profiles.Expiry{LoggedOut: true, Source: src}
	}
	_, refresh := tok["refreshToken"]
	e := profiles.Expiry{At: t, Source: src, Refreshable: session && refresh}
	if e.Refreshable {
		// The refresh token works while the client registration lasts.
		regEnd, _ := tok["registrationExpiresAt"].(string)
		e.RenewsUntil, _ = profiles.ParseTime(regEnd, time.UTC)
	}
	return e
}

// readAWSSSOCache finds a role's expiry in aws-sso-cli's cache
// (internal/sso/cache: SSO -> NAME -> Roles -> Accounts -> ID -> Roles ->
// NAME, each role with its Arn and Expires in seconds since the epoch,
// 0 when it holds no credentials). Nothing there says nothing.
func readAWSSSOCache(path, arn, home string) profiles.Expiry {
	var cache struct {
		SSO map[string]struct {
			Roles struct {
				Accounts map[string]struct {
					Roles map[string]struct {
						Arn     string `json:"Arn"`
						Expires int64  `json:"Expires"`
					} `json:"Roles"`
				} `json:"Accounts"`
			} `json:"Roles"`
		} `json:"SSO"`
	}
	if !readJSON(path, &cache) {
		return profiles.Expiry{}
	}
	for _, sso := range cache.SSO {
		for _, account := range sso.Roles.Accounts {
			for _, role := range account.Roles {
				if role.Arn == arn && role.Expires > 0 {
					return profiles.Expiry{At: time.Unix(role.Expires, 0).UTC(), Source: profiles.Tilde(path, home)}
				}
			}
		}
	}
	return profiles.Expiry{}
}

// readToken reads a token cache file as botocore's json.load does, into a
// generic map: keys match exactly (a struct would match any case), the
// tokens are only asked whether they are there, and a prompt, which reads
// this every time, builds none of json's per-struct field tables. ok is
// false for no file, or a half-written one.
func readToken(path string) (tok map[string]any, ok bool) {
	data, err := safefile.Read(path, MaxCacheFileSize)
	if err != nil || json.Unmarshal(data, &tok) != nil || tok == nil {
		return nil, false
	}
	return tok, true
}

// readLoginToken reads ~/.aws/login/cache/<sha256>.json, which aws login
// writes for a login_session: botocore's LoginCredentialFetcher refuses a
// token without accessToken, refreshToken, dpopKey or clientId ("Please
// reauthenticate with 'aws login'"), and renews one whose access token
// has expired with its refresh token.
func readLoginToken(path string, home string) profiles.Expiry {
	src := profiles.Tilde(path, home)
	tok, ok := readToken(path)
	if !ok {
		return profiles.Expiry{LoggedOut: true, Source: src}
	}
	for _, k := range []string{"accessToken", "refreshToken", "dpopKey", "clientId"} {
		if _, ok := tok[k]; !ok {
			return profiles.Expiry{LoggedOut: true, Source: src}
		}
	}
	access, _ := tok["accessToken"].(map[string]any)
	expiresAt, _ := access["expiresAt"].(string)
	t, _ := profiles.ParseTime(expiresAt, time.UTC)
	return profiles.Expiry{At: t, Source: src, Refreshable: true}
}

// RoleExpiry reads the credentials the AWS CLI cached for this hop's role
// in ~/.aws/cli/cache. The CLI reuses them while more than 15 minutes remain.
func RoleExpiry(c *profiles.Config, r *profiles.AssumeRole) profiles.Expiry {
	if r == nil {
		return profiles.Expiry{}
	}
	path := filepath.Join(c.Paths.Home, ".aws", "cli", "cache", profiles.CacheKey(r)+".json")
	var cached struct {
		Credentials struct {
			Expiration string `json:"Expiration"`
		} `json:"Credentials"`
	}
	if !readJSON(path, &cached) {
		return profiles.Expiry{}
	}
	t, ok := profiles.ParseTime(cached.Credentials.Expiration, time.UTC)
	if !ok {
		return profiles.Expiry{}
	}
	return profiles.Expiry{At: t, Source: profiles.Tilde(path, c.Paths.Home)}
}

// readJSON decodes a small cache file, reporting false for anything that is
// not one: missing, not regular, too large, or being rewritten right now.
func readJSON(path string, v any) bool {
	data, err := safefile.Read(path, MaxCacheFileSize)
	if err != nil || len(data) == 0 {
		return false
	}
	return json.Unmarshal(data, v) == nil
}

// ReadSSOToken is the access token of an SSO token cache file and when it
// ends: awsp sso sync lists accounts with it. "" when there is none.
func ReadSSOToken(path string) (string, time.Time) {
	tok, ok := readToken(path)
	if !ok {
		return "", time.Time{}
	}
	access, _ := tok["accessToken"].(string)
	expiresAt, _ := tok["expiresAt"].(string)
	at, _ := profiles.ParseTime(expiresAt, time.UTC)
	return access, at
}

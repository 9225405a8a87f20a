package view

import (
	"path/filepath"
	"strings"
	"time"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/shellcode"
	"github.com/awsp-dev/awsp/internal/termtext"
)

// SettingsOnlyText is what awsp says of a profile of settings alone
// (profiles.Chain.SettingsOnly), everywhere.
const SettingsOnlyText = "settings only: no credentials in the files; the AWS CLI looks for them in the environment, a container or the instance (IMDS)"

// LoginAdvice says how to renew the credentials of a Primary that awsp
// cannot log in to with the AWS CLI: it names the tool where the files
// tell which, and never runs it.
func LoginAdvice(c *profiles.Config, h *profiles.Hop) string {
	p := h.Profile
	switch h.Credentials {
	case profiles.Static:
		switch src := c.SessionSource(h); {
		case strings.HasSuffix(src.From, " atmos"):
			return "Atmos Auth wrote these keys: atmos auth login"
		case strings.HasSuffix(src.From, " x_security_token_expires"):
			return "saml2aws or gimme-aws-creds wrote these keys: log in with that tool again (saml2aws login)"
		case strings.HasSuffix(src.From, " aws_credential_expiration"):
			return "aws-vault exported these keys: export them again (aws-vault export)"
		case !src.At.IsZero():
			return "renew these keys with the tool that wrote them"
		}
		if p.Has("aws_session_token") {
			return "temporary keys with no expiry written beside them (Leapp writes these): renew them with the tool that wrote them"
		}
		return "static keys do not expire: there is nothing to log in to"
	case profiles.Process:
		cmd, _, _ := strings.Cut(strings.TrimSpace(p.Text("credential_process")), " ")
		return "the AWS CLI runs credential_process (" + filepath.Base(cmd) + ") whenever it needs credentials, and that tool logs in by itself (aws-vault, granted, Leapp); if it cannot, run it yourself"
	case profiles.WebIdentity:
		return "the web identity token file is renewed by what writes it (EKS, a CI system), not by a login"
	case profiles.CredentialSource:
		return "credential_source " + p.Text("credential_source") + " takes credentials from the environment, instance or container: there is nothing to log in to"
	}
	return "log in with your credential tool"
}

// IdentityText says in a sentence which credentials the environment
// holds, who set them, how long they last, and what AWS_PROFILE then
// means.
func IdentityText(id profiles.EnvIdentity, now time.Time) string {
	what := "keys in the environment"
	if id.Container {
		what = "a credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI)"
	}
	if id.Tool != "" {
		what += " set by " + id.Tool
		if id.Name != "" {
			what += " for " + termtext.Clean(id.Name)
		}
	}
	s := "the next AWS call uses " + what
	switch e := id.Expiry; {
	case e.Expired(now):
		s += ", which expired " + prompt.Left(now.Sub(e.At)) + " ago (" + e.Source + ")"
	case e.Known():
		s += ", for " + prompt.Left(e.At.Sub(now)) + " more (" + e.Source + ")"
	default:
		s += ", with no expiry said"
	}
	if id.Shadowed != "" {
		s += "; AWS_PROFILE=" + termtext.Clean(id.Shadowed) + " is ignored by the AWS CLI and the Go SDK while they are set (the JavaScript SDK v3 uses it): awsp " + termtext.Clean(shellcode.QuoteWord(id.Shadowed)) + " clears them"
	}
	return s
}

// SessionState says in words how a Primary's session stands.
func SessionState(s profiles.Expiry, name string, now time.Time) string {
	if !s.Known() || s.LoggedOut {
		return "not logged in to " + name
	}
	return "the session of " + name + " ended " + prompt.Left(now.Sub(s.At)) + " ago"
}

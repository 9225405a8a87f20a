package view

import (
	"path/filepath"
	"strings"

	"github.com/awsp-dev/awsp/internal/profiles"
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

package profiles

import "github.com/awsp-dev/awsp/internal/environ"

// An EnvIdentity is credentials that another tool put in the environment.
// Every SDK and the AWS CLI take them before any profile: while they are
// set, they are the identity of the next call, whatever AWS_PROFILE says
// (the AWS CLI ignores AWS_PROFILE then; the JavaScript SDK v3 is the
// exception, it prefers AWS_PROFILE).
type EnvIdentity struct {
	// Tool is who set them: "aws-vault", "aws-sso-cli", "awsume",
	// "granted", "saml2aws", or "" for keys alone.
	Tool string
	// Name is the profile (or role) the tool says they are for; "" when
	// no tool says.
	Name string
	// Container: a local credentials endpoint (aws-vault --ecs-server)
	// instead of keys.
	Container bool
	Expiry    Expiry
	// Shadowed is AWS_PROFILE when it names another profile: the AWS CLI
	// and the Go SDK ignore it while the keys are set, the JavaScript SDK
	// v3 uses it.
	Shadowed string
}

// Label is how the identity is shown: the tool and its name, or "env
// keys" when nothing says more.
func (id EnvIdentity) Label() string {
	switch {
	case id.Tool != "" && id.Name != "":
		return id.Tool + ":" + id.Name
	case id.Tool != "":
		return id.Tool
	}
	return "env keys"
}

// envTools are the variables each tool exports beside the keys, in the
// order they are recognised, and the one that names the profile. Each is
// taken from the tool's own source:
//   - aws-vault, cli/exec.go (updateEnvForAwsVault): AWS_VAULT=<profile>,
//     AWS_PROFILE unset; AWS_SESSION_EXPIRATION (v6, v7.0-7.1) or
//     AWS_CREDENTIAL_EXPIRATION (v7.2+), RFC 3339.
//   - aws-sso-cli, cmd/aws-sso/exec_cmd.go (execShellEnvs):
//     AWS_SSO_PROFILE, AWS_SSO_ROLE_ARN, AWS_SSO_SESSION_EXPIRATION
//     (RFC 3339 since 1.17, Go's Time.String before).
//   - awsume, awsume/awsumepy/lib/... (export): AWSUME_PROFILE,
//     AWSUME_EXPIRATION in local time without a zone.
//   - granted, scripts/assume (and .fish): AWS_PROFILE, GRANTED_SSO,
//     GRANTED_SSO_ROLE_NAME, AWS_SESSION_EXPIRATION and
//     AWS_CREDENTIAL_EXPIRATION.
//   - saml2aws, pkg/commands/script.go: SAML2AWS_PROFILE,
//     AWS_CREDENTIAL_EXPIRATION ("2006-01-02T15:04:05Z07:00").
var envTools = []struct{ tool, marker, name string }{
	{"aws-vault", "AWS_VAULT", "AWS_VAULT"},
	{"aws-sso-cli", "AWS_SSO_PROFILE", "AWS_SSO_PROFILE"},
	{"aws-sso-cli", "AWS_SSO_ROLE_ARN", "AWS_SSO_ROLE_ARN"},
	{"awsume", "AWSUME_PROFILE", "AWSUME_PROFILE"},
	{"granted", "GRANTED_SSO_ROLE_NAME", "AWS_PROFILE"},
	{"granted", "GRANTED_SSO", "AWS_PROFILE"},
	{"saml2aws", "SAML2AWS_PROFILE", "SAML2AWS_PROFILE"},
}

// EnvironmentIdentity is the identity the environment holds, if any:
// keys (or aws-vault's credentials endpoint), who set them, and how long
// they last. A tool's variables without keys are left-overs (awsp clears
// the keys when it switches) and say nothing.
func EnvironmentIdentity(env environ.Environ) (EnvIdentity, bool) {
	var id EnvIdentity
	switch {
	case EnvironmentCredentials(env):
	case env["AWS_CONTAINER_CREDENTIALS_FULL_URI"] != "" && env["AWS_VAULT"] != "":
		id.Container = true
	default:
		return EnvIdentity{}, false
	}
	for _, t := range envTools {
		if env[t.marker] != "" {
			id.Tool, id.Name = t.tool, env[t.name]
			break
		}
	}
	id.Expiry = EnvironmentExpiry(env)
	if p := ActiveProfile(env); p != "" && p != id.Name {
		id.Shadowed = p
	}
	return id, true
}

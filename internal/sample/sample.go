// Package sample is awsp's sample AWS setup: the home `awsp --demo` opens,
// and the one fixture the tests start from, so that it is written once.
//
// It is a leaf package (it imports nothing of awsp) so that the tests of
// every other package may use it.
package sample

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/awsp-dev/awsp/internal/shellcode"
	"github.com/awsp-dev/awsp/shell"
)

// Config is a team's ~/.aws/config: an SSO Primary logged in through the
// sso-session corp, a Derived identity profile that every account's role
// trusts, roles behind it (one with mfa_serial, one with a quoted name),
// a legacy SSO Primary whose session has expired with a role behind it,
// a profile broken by a typo, and the region of a static-keys Primary
// whose keys are in Credentials.
const Config = `[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile sso]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Identity
region = eu-west-1

[profile identity]
source_profile = sso
role_arn = arn:aws:iam::222222222222:role/Identity

[profile dev]
source_profile = identity
role_arn = arn:aws:iam::333333333333:role/Developer
region = eu-west-1

[profile prod]
source_profile = identity
role_arn = arn:aws:iam::444444444444:role/ReadOnly
region = eu-central-1

[profile dev-mfa]
source_profile = identity
role_arn = arn:aws:iam::333333333333:role/Admin
mfa_serial = arn:aws:iam::222222222222:mfa/you

[profile "team sandbox"]
source_profile = identity
role_arn = arn:aws:iam::555555555555:role/Sandbox

[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 666666666666
sso_role_name = ReadOnly

[profile expired]
source_profile = legacy
role_arn = arn:aws:iam::666666666666:role/Audit

[profile typo]
source_profile = identty
role_arn = arn:aws:iam::333333333333:role/Developer

[profile keys]
region = us-west-2
`

// Broken is every way a chain breaks, one profile each, all of them
// errors for the AWS CLI before it calls AWS. Its source of keys is in
// BrokenCredentials.
const Broken = `[profile both]
source_profile = keys
credential_source = Environment
role_arn = arn:aws:iam::123456789012:role/A

[profile neither]
role_arn = arn:aws:iam::123456789012:role/A

[profile bad-source]
credential_source = environment
role_arn = arn:aws:iam::123456789012:role/A

[profile missing]
source_profile = nowhere
role_arn = arn:aws:iam::123456789012:role/A

[profile loop-a]
source_profile = loop-b
role_arn = arn:aws:iam::123456789012:role/A

[profile loop-b]
source_profile = loop-a
role_arn = arn:aws:iam::123456789012:role/B

[profile self-no-keys]
source_profile = self-no-keys
role_arn = arn:aws:iam::123456789012:role/A

[profile empty]
region = us-east-1

[profile from-empty]
source_profile = empty
role_arn = arn:aws:iam::123456789012:role/A

[profile via-bad]
source_profile = neither
role_arn = arn:aws:iam::123456789012:role/C

[profile sso-missing-session]
sso_session = nope
sso_account_id = 123456789012
sso_role_name = R

[profile sso-incomplete]
sso_account_id = 123456789012

[profile web-no-role]
web_identity_token_file = /nonexistent/token

[profile source-only]
source_profile = keys

[profile half]
aws_access_key_id = AKIDHALF
`

// BrokenCredentials holds the keys Broken's profiles name as a source.
const BrokenCredentials = `[keys]
aws_access_key_id = AKIDKEYS
aws_secret_access_key = broken-not-a-secret
`

// The fake secrets in the sample's files. They are recognisable so that a
// test can prove that none of them is ever printed.
const (
	SecretAccessKey = "SECRETKEYVALUE0001"
	SessionToken    = "SESSIONTOKENVALUE0002"
	SSOAccessToken  = "SSOACCESSTOKEN0003"
	SSORefreshToken = "SSOREFRESHTOKEN0004"
	SSOClientSecret = "SSOCLIENTSECRET0005"
)

// Secrets are all of them.
var Secrets = []string{SecretAccessKey, SessionToken, SSOAccessToken, SSORefreshToken, SSOClientSecret}

// The sample's clock: the corp session lasts two hours more (and its
// client registration, which lets the CLI renew it, 90 days), the keys'
// session half an hour, the legacy session ended twenty minutes ago.
const (
	SSOLeft         = 2 * time.Hour
	RegistrationFor = 90 * 24 * time.Hour
	KeysLeft        = 30 * time.Minute
	LegacyEnded     = 20 * time.Minute
)

// Credentials is ~/.aws/credentials as of now: the keys Primary, with a
// session token and its expiry written as saml2aws and gimme-aws-creds do.
func Credentials(now time.Time) string {
	return "[keys]\naws_access_key_id = AKIDSAMPLE\naws_secret_access_key = " + SecretAccessKey +
		"\naws_session_token = " + SessionToken + "\nx_security_token_expires = " + stamp(now.Add(KeysLeft)) + "\n"
}

// Files are the sample's AWS files as of now, by path below HOME: Config,
// Credentials, and the SSO token caches of corp (with the client
// registration and refresh token the CLI writes for an sso-session) and
// of legacy (expired).
func Files(now time.Time) map[string]string {
	return map[string]string{
		".aws/config":      Config,
		".aws/credentials": Credentials(now),
		SSOCache("corp"): fmt.Sprintf(`{"startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1", "accessToken": %q, "expiresAt": %q, `+
			`"clientId": "sample-client", "clientSecret": %q, "registrationExpiresAt": %q, "refreshToken": %q}`,
			SSOAccessToken, stamp(now.Add(SSOLeft)), SSOClientSecret, stamp(now.Add(RegistrationFor)), SSORefreshToken),
		SSOCache("https://legacy.awsapps.com/start"): fmt.Sprintf(`{"startUrl": "https://legacy.awsapps.com/start", "region": "us-east-1", "accessToken": %q, "expiresAt": %q}`,
			SSOAccessToken, stamp(now.Add(-LegacyEnded))),
	}
}

// RCFiles are the rc files of bash, zsh (with compinit), fish and nushell that set
// the prompt to ps (plain text) and load awsp with `awsp --init SHELL`
// followed by initFlags.
func RCFiles(ps, initFlags string) map[string]string {
	return map[string]string{
		".bashrc": "PS1='" + ps + "'\n" + shell.RCLines(shellcode.Bash, initFlags) + "\n",
		".zshrc": "autoload -Uz compinit && compinit -u -d \"$HOME/.zcompdump\"\nPROMPT='" + ps + "'\n" +
			shell.RCLines(shellcode.Zsh, initFlags) + "\n",
		".config/fish/config.fish": "function fish_greeting; end\nfunction fish_prompt; echo -n '" + ps + "'; end\n" +
			shell.RCLines(shellcode.Fish, initFlags) + "\n",
		// Nushell reads its autoload directory after config.nu, which
		// writes the init there; the default right prompt (a clock) is
		// replaced by nothing, which awsp's segment goes before.
		".config/nushell/env.nu": "",
		".config/nushell/config.nu": "$env.config.show_banner = false\n$env.PROMPT_COMMAND = {|| '" + ps + "' }\n" +
			"$env.PROMPT_INDICATOR = ''\n$env.PROMPT_COMMAND_RIGHT = ''\n" +
			shell.RCLines(shellcode.Nu, initFlags) + "\n",
	}
}

// Write writes files (paths relative to dir, with slashes) readable by
// their owner alone, as the AWS CLI leaves them, making their directories.
func Write(dir string, files map[string]string) error {
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			return err
		}
	}
	return nil
}

// SSOCache is where the AWS CLI caches the token of an sso-session name or
// a legacy start URL, below HOME.
func SSOCache(key string) string {
	sum := sha1.Sum([]byte(key))
	return ".aws/sso/cache/" + hex.EncodeToString(sum[:]) + ".json"
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// LongNames is a config named the way Cloud Posse's reference
// architecture names profiles (namespace-tenant-region-stage-role):
// thirty profiles, chains of up to four hops to one SSO Primary, acme-sso,
// logged in through the sso-session corp of Files. It is what the
// default segment, -l and the picker must fit.
func LongNames() string {
	var b strings.Builder
	b.WriteString(`[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile acme-sso]
sso_session = corp
sso_account_id = 100000000001
sso_account_name = acme-core-identity
sso_role_name = IdentityTeamAccess
region = us-east-2
`)
	for _, p := range longNames {
		fmt.Fprintf(&b, "\n[profile %s]\nsource_profile = %s\nrole_arn = arn:aws:iam::%s:role/%s\n", p.name, p.source, p.account, p.name)
		if p.region != "" {
			fmt.Fprintf(&b, "region = %s\n", p.region)
		}
	}
	return b.String()
}

// LongNamesSettings is awsp's config beside LongNames: aliases for the
// accounts, production in red.
const LongNamesSettings = `[account 200000000003]
alias = acme-plat-prod

[account 200000000002]
alias = acme-plat-staging

[class production]
match = *-prod-* acme-plat-prod
color = red
label = PROD
`

var longNames = []struct{ name, source, account, region string }{
	{"acme-core-gbl-identity-admin", "acme-sso", "100000000001", ""},
	{"acme-core-gbl-identity-ops", "acme-sso", "100000000001", ""},
	{"acme-core-gbl-root-admin", "acme-core-gbl-identity-admin", "100000000002", ""},
	{"acme-core-gbl-audit-admin", "acme-core-gbl-identity-admin", "100000000003", ""},
	{"acme-core-gbl-security-admin", "acme-core-gbl-identity-admin", "100000000004", ""},
	{"acme-core-ue2-network-admin", "acme-core-gbl-identity-admin", "100000000005", "us-east-2"},
	{"acme-core-ue2-artifacts-admin", "acme-core-gbl-identity-admin", "100000000006", "us-east-2"},
	{"acme-core-ue2-dns-admin", "acme-core-gbl-identity-admin", "100000000007", "us-east-2"},
	{"acme-plat-gbl-dev-admin", "acme-core-gbl-identity-admin", "200000000001", ""},
	{"acme-plat-gbl-staging-admin", "acme-core-gbl-identity-admin", "200000000002", ""},
	{"acme-plat-gbl-prod-admin", "acme-core-gbl-identity-admin", "200000000003", ""},
	{"acme-plat-ue2-dev-eks-admin", "acme-plat-gbl-dev-admin", "200000000001", "us-east-2"},
	{"acme-plat-ue2-staging-eks-admin", "acme-plat-gbl-staging-admin", "200000000002", "us-east-2"},
	{"acme-plat-ue2-prod-eks-admin", "acme-plat-gbl-prod-admin", "200000000003", "us-east-2"},
	{"acme-plat-ue2-prod-eks-readonly", "acme-plat-gbl-prod-admin", "200000000003", "us-east-2"},
	{"acme-plat-uw2-prod-eks-admin", "acme-plat-gbl-prod-admin", "200000000003", "us-west-2"},
	{"acme-plat-ue2-dev-terraform", "acme-core-gbl-identity-ops", "200000000001", "us-east-2"},
	{"acme-plat-ue2-staging-terraform", "acme-core-gbl-identity-ops", "200000000002", "us-east-2"},
	{"acme-plat-ue2-prod-terraform", "acme-core-gbl-identity-ops", "200000000003", "us-east-2"},
	{"acme-plat-gbl-sandbox-admin", "acme-core-gbl-identity-admin", "200000000004", ""},
	{"acme-plat-ue2-sandbox-eks-admin", "acme-plat-gbl-sandbox-admin", "200000000004", "us-east-2"},
	{"acme-plat-ue2-staging-eks-readonly", "acme-plat-gbl-staging-admin", "200000000002", "us-east-2"},
	{"acme-data-gbl-dev-admin", "acme-core-gbl-identity-admin", "300000000001", ""},
	{"acme-data-gbl-staging-admin", "acme-core-gbl-identity-admin", "300000000002", ""},
	{"acme-data-gbl-prod-admin", "acme-core-gbl-identity-admin", "300000000003", ""},
	{"acme-data-ue2-dev-analyst", "acme-data-gbl-dev-admin", "300000000001", "us-east-2"},
	{"acme-data-ue2-staging-analyst", "acme-data-gbl-staging-admin", "300000000002", "us-east-2"},
	{"acme-data-ue2-prod-analyst", "acme-data-gbl-prod-admin", "300000000003", "us-east-2"},
	{"acme-data-ue2-prod-etl-admin", "acme-data-gbl-prod-admin", "300000000003", "us-east-2"},
}

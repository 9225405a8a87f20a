package profiles

// A Code is one kind of finding: the name the lint prints, how serious it
// is, what it means, and which reader finds it. Every finding and chain
// error carries one of these; the README's lint table is checked against
// this list, and the fuzz test checks every finding it provokes.
type Code struct {
	Name     string
	Severity string // "error": the AWS CLI fails; "warning": it works, but not as meant
	Meaning  string
	Source   string // the package whose reader finds it
	// Fix says what awsp --lint --fix does about it, "" where nothing is
	// safe: the README's table and the SARIF rules say it.
	Fix string
}

// Codes are all the codes, in the README's order.
var Codes = []Code{
	{"derived-mfa-serial", "warning", "a Derived profile has mfa_serial: the AWS CLI asks for an MFA code at every assume (hourly by default), often invisibly, the Go and JavaScript SDKs fail; MFA belongs on the Primary", "profiles", "removes mfa_serial from the Derived profile where its Primary signs in by itself (IAM Identity Center, aws login, a credential_process other than aws-vault's) or already has mfa_serial; moves it to a Primary of static keys that has none, when every Derived profile of that Primary names the same device. None for aws-vault, web identity or credential_source Primaries"},
	{"source-profile-missing", "error", "source_profile names a profile that does not exist", "profiles", "names the one existing profile like the missing name (did you mean); none where several are alike or none is"},
	{"source-profile-cycle", "error", "source_profile loops", "profiles", ""},
	{"source-and-credential-source", "error", "a profile has both source_profile and credential_source", "profiles", ""},
	{"role-without-source", "error", "role_arn without source_profile or credential_source", "profiles", ""},
	{"credential-source-invalid", "error", "credential_source other than Environment, Ec2InstanceMetadata, EcsContainer", "profiles", ""},
	{"no-credentials", "error", "a source profile with no credentials at all", "profiles", ""},
	{"partial-credentials", "error", "aws_access_key_id without aws_secret_access_key in the same file", "profiles", ""},
	{"sso-session-missing", "error", "sso_session names no [sso-session]", "profiles", ""},
	{"sso-session-conflict", "error", "a profile sets an SSO value differently from its sso-session", "profiles", ""},
	{"sso-incomplete", "error", "an SSO profile lacks a required key", "profiles", ""},
	{"web-identity-without-role", "error", "web_identity_token_file without role_arn", "profiles", ""},
	{"duplicate-section", "error", "a section appears twice: the AWS CLI refuses the whole file", "profiles", "merges the later sections into the first, a key's later value winning, as the Go and JavaScript SDKs read them; none where moving a section would move credentials"},
	{"duplicate-key", "error", "a key appears twice in a section: the AWS CLI refuses the whole file", "profiles", "keeps the key's last value, the one the Go and JavaScript SDKs use, and removes the others"},
	{"parse-error", "error", "a line the AWS CLI cannot read: it refuses the whole file", "profiles", ""},
	{"sdk-divergence", "warning", "the Go SDK reads this differently", "profiles", "removes the double quotes around a value (not a credential_process command, a credential, or one with quotes inside); the other divergences have none"},
	{"ignored-section", "warning", "the AWS CLI ignores this section", "profiles", ""},
	{"source-without-role", "warning", "source_profile without role_arn: the AWS CLI ignores it", "profiles", ""},
	{"indented-credentials", "error", "credential lines indented under another key: that key's value for the AWS CLI, this profile's keys for the Go SDK", "profiles", ""},
	{"imds-endpoint-mode-invalid", "error", "ec2_metadata_service_endpoint_mode other than IPv4 or IPv6: the AWS CLI fails before it looks for credentials", "profiles", ""},
	{"file-ignored", "warning", "the config or credentials path is not a regular file: the AWS CLI reads it as empty", "profiles", ""},
	{"profile-not-found", "error", "the profile named does not exist (--show, --list --json; never a lint finding)", "profiles", ""},
	{"kube-profile-missing", "error", "a kubeconfig user's AWS exec plugin names a profile that does not exist", "kube", ""},
	{"kube-profile-broken", "error", "a kubeconfig user's AWS exec plugin names a profile whose chain fails", "kube", ""},
	{"kube-derived-mfa-serial", "warning", "that chain has mfa_serial on a Derived profile: the MFA prompt is hidden inside kubectl", "kube", ""},
	{"kube-cli-auto-prompt", "warning", "the AWS CLI's auto-prompt is on for a kubeconfig's aws eks get-token: kubectl waits for an answer no one can give", "kube", ""},
	{"kube-profile-default", "warning", "the exec plugin names no profile: it follows the shell's AWS_PROFILE", "kube", ""},
	{"kube-config-invalid", "error", "a kubeconfig file that cannot be read as one", "kube", ""},
	{"awsprofile-missing", "error", "a .awsprofile in this tree names a profile that does not exist", "dirprofile", ""},
	{"awsprofile-refused", "error", "a .awsprofile in this tree that awsp will not read", "dirprofile", ""},
	{"sso-block-edited", "warning", "a block awsp sso sync wrote was edited by hand: the next sync undoes the edit", "ssosync", ""},
	{"sso-block-broken", "warning", "a block of awsp sso sync without its end marker, or twice: the next sync refuses to touch it", "ssosync", ""},
}

// LookupCode finds a code by name.
func LookupCode(name string) (Code, bool) {
	for _, c := range Codes {
		if c.Name == name {
			return c, true
		}
	}
	return Code{}, false
}

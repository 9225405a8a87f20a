package profiles

import (
	"os"
	"path/filepath"

	"github.com/awsp-dev/awsp/internal/sample"
)

// configCase is a pair of AWS files with what a person would expect of
// them. The differential test checks every case against botocore itself;
// the unit tests check the expectations written here, so that a case means
// something to a reader even without Python.
type configCase struct {
	name        string
	config      string
	credentials string
}

// cases follow the rules of doc/aws-semantics.md, one group a section.
var cases = []configCase{
	// Sections: doc/aws-semantics.md#sections.
	{name: "headers", config: `
[default]
region = us-east-1
[profile  dev ]
region = eu-west-1
[profile "my profile"]
region = eu-west-2
[profile a b]
region = ignored
[profilefoo]
region = ignored
[profiles x]
region = eu-north-1
[profile 'single quoted']
region = ap-south-1
[profile esc\ aped]
region = ca-central-1
[profile "unclosed]
region = dropped
[profile dev] # note after a header
`},
	{name: "default-then-profile-default", config: `
[default]
region = us-east-1
[profile default]
region = eu-west-1
`},
	{name: "profile-default-then-default", config: `
[profile default]
region = eu-west-1
output = json
[default]
region = us-east-1
`},
	{name: "sso-session-and-services", config: `
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
[sso-session "with space"]
sso_start_url = https://x.awsapps.com/start
sso_region = us-east-1
[services local]
s3 =
  endpoint_url = http://127.0.0.1:9000
[profile p]
services = local
`},
	// botocore compares every key of the sso-session with the profile's
	// (region included) and refuses the profile on the first that differs.
	{name: "sso-session-conflicts", config: `
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
region = eu-west-1
[profile same-region]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = R
region = eu-west-1
[profile other-region]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = R
region = us-east-1
[profile other-url]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = R
sso_start_url = https://other.awsapps.com/start
[profile region-in-credentials]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = R
`, credentials: `
[region-in-credentials]
region = us-west-2
[only-in-credentials]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = R
region = eu-west-1
`},
	// [DEFAULT] gives every section of its file its keys: a session's own
	// value against what [DEFAULT] gives the profile.
	{name: "sso-session-conflicts-with-defaults", config: `
[DEFAULT]
region = us-east-1
output = json
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
region = eu-west-1
[sso-session plain]
sso_start_url = https://plain.awsapps.com/start
sso_region = eu-west-1
[profile from-defaults]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = R
[profile sets-it]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = R
region = eu-west-1
[profile plain]
sso_session = plain
sso_account_id = 111111111111
sso_role_name = R
[profile plain-in-credentials]
sso_session = plain
sso_account_id = 111111111111
sso_role_name = R
`, credentials: `
[DEFAULT]
output = text
[plain-in-credentials]
aws_access_key_id = AKIDPLAIN
`},
	{name: "credentials-file-names", credentials: `
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = secret-default
[profile x]
aws_access_key_id = AKIDPROFILEX
aws_secret_access_key = secret-profile-x
[  spaced  ]
aws_access_key_id = AKIDSPACED
aws_secret_access_key = secret-spaced
`},
	{name: "duplicate-section", config: `
[profile a]
region = us-east-1
[profile a]
region = eu-west-1
`},
	{name: "duplicate-key", config: `
[profile a]
region = us-east-1
Region = eu-west-1
`},
	{name: "duplicate-in-credentials", config: `
[profile a]
region = us-east-1
`, credentials: `
[a]
aws_access_key_id = AKIDA
aws_access_key_id = AKIDB
aws_secret_access_key = s
`},
	{name: "overlay", config: `
[profile both]
region = us-east-1
output = json
aws_access_key_id = AKIDCONFIG
aws_secret_access_key = secret-config
`, credentials: `
[both]
region = eu-west-1
[onlycreds]
aws_access_key_id = AKIDONLY
aws_secret_access_key = secret-only
`},
	{name: "upper-default", config: `
[DEFAULT]
region = eu-central-1
[profile a]
output = json
[profile b]
region = us-west-2
`},

	// Lines: doc/aws-semantics.md#lines.
	{name: "lines", config: `
# a comment
; another
[profile lines]
region = us-east-1 # eu
output: json
cli_pager=
  # a comment inside a block
Source_Profile = lines
role_arn = arn:aws:iam::123456789012:role/A=B:C
s3 =
  max_concurrent_requests = 10
  addressing_style = path
description = first line
  second line

  after a blank
`},
	{name: "tabs-and-crlf", config: "[profile crlf]\r\nregion\t=\teu-west-1\r\n\r\n[profile cr]\rregion = us-east-1\r"},
	{name: "nested-without-equals", config: `
[profile a]
s3 =
  max_concurrent_requests
`},
	{name: "line-without-delimiter", config: `
[profile a]
region = us-east-1
just some words
`},
	{name: "key-before-section", config: `region = us-east-1
[profile a]
`},
	{name: "bom", config: "\ufeff[profile a]\nregion = us-east-1\n"},
	{name: "not-utf8", config: "[profile a]\nregion = caf\xe9\n"},
	{name: "empty-key", config: "[profile a]\n= value\n"},
	{name: "indented-header", config: "[profile a]\nregion = us-east-1\n  [profile b]\noutput = json\n"},

	// Chains: doc/aws-semantics.md#chains.
	{name: "chains", config: sample.Config + `
[profile proc]
credential_process = /bin/false

[profile via-proc]
source_profile = proc
role_arn = arn:aws:iam::555555555555:role/Y

[profile web]
web_identity_token_file = /tmp/token
role_arn = arn:aws:iam::666666666666:role/Web

[profile via-web]
source_profile = web
role_arn = arn:aws:iam::666666666666:role/Z

[profile env]
credential_source = Environment
role_arn = arn:aws:iam::777777777777:role/E

[profile login]
login_session = arn:aws:iam::888888888888:user/me
`},
	{name: "chain-errors", config: sample.Broken, credentials: sample.BrokenCredentials},
	{name: "self-and-keys", config: `
[profile self]
source_profile = self
role_arn = arn:aws:iam::1:role/Self

[profile keyed-source]
role_arn = arn:aws:iam::1:role/Ignored
source_profile = root

[profile root]
role_arn = arn:aws:iam::1:role/NotAssumed
source_profile = other

[profile top-with-keys]
role_arn = arn:aws:iam::1:role/Top
source_profile = root
aws_access_key_id = AKIDTOP
aws_secret_access_key = secret-top

[profile loop-with-keys-a]
source_profile = loop-with-keys-b
role_arn = arn:aws:iam::1:role/A

[profile loop-with-keys-b]
source_profile = loop-with-keys-a
role_arn = arn:aws:iam::1:role/B
`, credentials: `
[self]
aws_access_key_id = AKIDSELF
aws_secret_access_key = secret-self

[root]
aws_access_key_id = AKIDROOT
aws_secret_access_key = secret-root

[loop-with-keys-a]
aws_access_key_id = AKIDLOOPA
aws_secret_access_key = secret-loop-a
`},
	{name: "split-keys", config: `
[profile split]
aws_access_key_id = AKIDSPLIT

[profile via-split]
source_profile = split
role_arn = arn:aws:iam::1:role/A

[profile process-and-config-keys]
credential_process = /bin/false
aws_access_key_id = AKIDPC
aws_secret_access_key = secret-pc
`, credentials: `
[split]
aws_secret_access_key = secret-split
`},
}

// A config as awsp sso sync leaves it (cmd/awsp-net's golden file):
// botocore and the Go SDK must read every generated profile as awsp does.
func init() {
	data, err := os.ReadFile(filepath.Join("..", "..", "cmd", "awsp-net", "testdata", "synced.config"))
	if err != nil {
		panic(err)
	}
	cases = append(cases, configCase{name: "sso sync block", config: string(data)})
}

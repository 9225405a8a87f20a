package console

import (
	"errors"
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/profiles"
)

const config = `
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start/
sso_region = eu-west-1

[profile sso]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = AdministratorAccess
region = eu-central-1

[profile legacy-sso]
sso_start_url = https://d-90670ffff0.awsapps.com/start
sso_region = us-east-1
sso_account_id = 222222222222
sso_role_name = ReadOnly

[profile dev]
source_profile = sso
role_arn = arn:aws:iam::333333333333:role/team/Deployer
region = us-west-2

[profile deep]
source_profile = dev
role_arn = arn:aws:iam::444444444444:role/Admin

[profile user]
region = eu-west-1

[profile from-user]
source_profile = user
role_arn = arn:aws:iam::555555555555:role/Ops
duration_seconds = 7200

[profile cn]
source_profile = user
role_arn = arn:aws-cn:iam::666666666666:role/Ops
region = cn-north-1

[profile gov]
source_profile = user
role_arn = arn:aws-us-gov:iam::777777777777:role/Ops
region = us-gov-west-1

[profile gov-sso]
sso_start_url = https://start.us-gov-home.awsapps.com/directory/d-9067ffffff
sso_region = us-gov-west-1
sso_account_id = 888888888888
sso_role_name = Admin

[profile proc]
credential_process = leapp-cli session get
`

const credentials = `
[user]
aws_access_key_id = AKIAEXAMPLE
aws_secret_access_key = secret

[saml]
aws_access_key_id = ASIAEXAMPLE
aws_secret_access_key = secret
aws_session_token = token
`

func load(t *testing.T) *profiles.Config {
	t.Helper()
	return profiles.Build(profiles.Paths{Config: "config", Credentials: "credentials"},
		profiles.Parse("config", []byte(config)), profiles.Parse("credentials", []byte(credentials)))
}

// TestRoutes gives the exact addresses for each kind of profile, each
// partition, and a page asked for (doc/aws-semantics.md#console).
func TestRoutes(t *testing.T) {
	c := load(t)
	for _, tc := range []struct {
		name  string
		page  Page
		color string
		want  []Step
	}{
		{"sso", Page{}, "", []Step{{
			URL:  "https://corp.awsapps.com/start/#/console?account_id=111111111111&role_name=AdministratorAccess&destination=https%3A%2F%2Feu-central-1.console.aws.amazon.com%2Fconsole%2Fhome%3Fregion%3Deu-central-1",
			Says: "signs in to account 111111111111 as the permission set AdministratorAccess (sso)"}}},
		{"sso", Page{Service: "s3", Region: "us-east-2"}, "", []Step{{
			URL:  "https://corp.awsapps.com/start/#/console?account_id=111111111111&role_name=AdministratorAccess&destination=https%3A%2F%2Fus-east-2.console.aws.amazon.com%2Fs3%2Fhome%3Fregion%3Dus-east-2",
			Says: "signs in to account 111111111111 as the permission set AdministratorAccess (sso)"}}},
		{"legacy-sso", Page{Service: "iam"}, "", []Step{{
			URL:  "https://d-90670ffff0.awsapps.com/start/#/console?account_id=222222222222&role_name=ReadOnly&destination=https%3A%2F%2Fconsole.aws.amazon.com%2Fiam%2Fhome",
			Says: "signs in to account 222222222222 as the permission set ReadOnly (legacy-sso)"}}},
		{"dev", Page{}, "F2B0A9", []Step{
			{URL: "https://corp.awsapps.com/start/#/console?account_id=111111111111&role_name=AdministratorAccess&destination=https%3A%2F%2Fus-west-2.console.aws.amazon.com%2Fconsole%2Fhome%3Fregion%3Dus-west-2",
				Says: "step 1 of 2: signs in to account 111111111111 as the permission set AdministratorAccess (sso)"},
			{URL: "https://signin.aws.amazon.com/switchrole?account=333333333333&roleName=team%2FDeployer&displayName=dev&color=F2B0A9",
				Says: "step 2 of 2, once the console is open: switches to role team/Deployer in account 333333333333"}}},
		{"deep", Page{Service: "ec2"}, "", []Step{
			{URL: "https://corp.awsapps.com/start/#/console?account_id=111111111111&role_name=AdministratorAccess&destination=https%3A%2F%2Fconsole.aws.amazon.com%2Fconsole%2Fhome",
				Says: "step 1 of 2: signs in to account 111111111111 as the permission set AdministratorAccess (sso)"},
			{URL: "https://signin.aws.amazon.com/switchrole?account=444444444444&roleName=Admin&displayName=deep",
				Says: "step 2 of 2, once the console is open: switches to role Admin in account 444444444444; the console switches from the first session alone, not through dev: the role must trust sso's identity (else awsp console --federate); the switch opens the console home, not the page asked for"}}},
		{"from-user", Page{}, "", []Step{{
			URL:  "https://signin.aws.amazon.com/switchrole?account=555555555555&roleName=Ops&displayName=from-user",
			Says: "switches a console session signed in as user to role Ops in account 555555555555"}}},
		{"cn", Page{}, "", []Step{{
			URL:  "https://signin.amazonaws.cn/switchrole?account=666666666666&roleName=Ops&displayName=cn",
			Says: "switches a console session signed in as user to role Ops in account 666666666666"}}},
		{"gov", Page{}, "99BCE3", []Step{{
			URL:  "https://signin.amazonaws-us-gov.com/switchrole?account=777777777777&roleName=Ops&displayName=gov&color=99BCE3",
			Says: "switches a console session signed in as user to role Ops in account 777777777777"}}},
		{"gov-sso", Page{Service: "cloudwatch"}, "", []Step{{
			URL:  "https://start.us-gov-home.awsapps.com/directory/d-9067ffffff/#/console?account_id=888888888888&role_name=Admin&destination=https%3A%2F%2Fconsole.amazonaws-us-gov.com%2Fcloudwatch%2Fhome",
			Says: "signs in to account 888888888888 as the permission set Admin (gov-sso)"}}},
	} {
		got, err := Route(c, Request{Chain: c.Resolve(tc.name), Page: tc.page, Color: tc.color})
		if err != nil || len(got) != len(tc.want) {
			t.Errorf("%s %v: %v %#v", tc.name, tc.page, err, got)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s %v step %d:\n got %#v\nwant %#v", tc.name, tc.page, i+1, got[i], tc.want[i])
			}
		}
	}
}

func TestRefusals(t *testing.T) {
	c := load(t)
	for name, want := range map[string]Refusal{
		"user": {Msg: "user holds an IAM user's long-term keys, which open no console session (the console signs in with a role's session): open a profile that assumes a role with them, or sign in as the IAM user"},
		"saml": {Federate: true, Msg: "saml gets its credentials from static, not from a permission set or a role the console can switch to: awsp console --federate saml signs in with its session"},
		"proc": {Federate: true, Msg: "proc gets its credentials from process, not from a permission set or a role the console can switch to: awsp console --federate proc signs in with its session"},
	} {
		_, err := Route(c, Request{Chain: c.Resolve(name)})
		var r *Refusal
		if !errors.As(err, &r) || *r != want {
			t.Errorf("%s: %v, want %v", name, err, want)
		}
	}
}

func TestSessionDuration(t *testing.T) {
	c := load(t)
	// Only a role assumed with an IAM user's keys may ask for one.
	for name, want := range map[string]int{"from-user": 7200, "dev": 0, "deep": 0, "sso": 0, "cn": 0} {
		if got := SessionDuration(c.Resolve(name)); got != want {
			t.Errorf("%s: %d, want %d", name, got, want)
		}
	}
}

func TestChecks(t *testing.T) {
	for _, pg := range []Page{{Service: "s3;rm"}, {Service: "EC2"}, {Region: "eu-west-1&x=1"}} {
		if pg.Check() == nil {
			t.Errorf("%v passed", pg)
		}
	}
	if err := (Page{Service: "cloudwatch", Region: "ap-southeast-4"}).Check(); err != nil {
		t.Error(err)
	}
	for _, u := range []string{"http://corp.awsapps.com/start", "javascript:alert(1)", "https://corp.awsapps.com/start#/x", ""} {
		if _, err := ShortcutLink(u, "1", "r", "d"); err == nil {
			t.Errorf("%q passed", u)
		}
	}
	for e, ok := range map[string]bool{"https://signin.aws.amazon.com/federation": true, "http://127.0.0.1:8080/federation": true, "http://localhost/f": true, "http://[::1]:9/f": true, "http://10.0.0.1/federation": false, "https://x/f?Session=1": false} {
		if (CheckEndpoint(e) == nil) != ok {
			t.Errorf("%s: ok should be %v", e, ok)
		}
	}
}

func TestPartitionOf(t *testing.T) {
	for _, c := range []struct{ arn, region, want string }{
		{"arn:aws-cn:iam::1:role/R", "us-east-1", "aws-cn"},
		{"arn:aws-iso:iam::1:role/R", "cn-north-1", "aws-cn"}, // a partition awsp has no console for: the region's
		{"nota:aws-us-gov:iam::1:role/R", "eu-west-1", "aws"},
		{"arn:aws-us-gov", "", "aws"},
		{"", "us-gov-east-1", "aws-us-gov"},
		{"", "", "aws"},
	} {
		if got := PartitionOf(c.arn, c.region).ID; got != c.want {
			t.Errorf("PartitionOf(%q, %q) = %s, want %s", c.arn, c.region, got, c.want)
		}
	}
}

func TestPageShapes(t *testing.T) {
	for s, ok := range map[string]bool{"a": true, "z": true, "0": true, "9": true, "-": true, "s3": true, "`": false, "{": false, "/": false, ":": false, "A": false} {
		if (Page{Service: s}.Check() == nil) != ok {
			t.Errorf("--service %q: ok should be %v", s, ok)
		}
	}
	long := strings.Repeat("n", 64)
	if u := SwitchRoleURL(Partitions[0], "arn:aws:iam::1:role/R", long, ""); !strings.HasSuffix(u, "displayName="+long) {
		t.Errorf("64 characters cut: %s", u)
	}
	if u := SwitchRoleURL(Partitions[0], "arn:aws:iam::1:role/R", long+"é", ""); !strings.HasSuffix(u, "displayName="+long) {
		t.Errorf("65 characters kept: %s", u)
	}
}

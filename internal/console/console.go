// Package console makes the addresses that open the AWS console as a
// profile: IAM Identity Center's shortcut link for a permission set, the
// console's switch-role URL for a role, and the federation endpoint's
// sign-in URL for a session's credentials (federate.go). It builds
// strings from the files' values; it opens no connection (the exchange
// of credentials for a sign-in token is cmd/awsp-net's) and runs nothing.
package console

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/awsp-dev/awsp/internal/profiles"
)

// A Partition is a group of AWS regions with its own console and sign-in
// hosts: a session of one cannot open the console of another.
type Partition struct {
	ID      string // as in an ARN: aws, aws-cn, aws-us-gov
	Console string // the console's host
	Signin  string // the sign-in host: switch-role and the federation endpoint
	// Regional: the console has a host per region ({region}.{Console}),
	// which opens the page there at once.
	Regional bool
}

// Partitions are those whose consoles awsp opens, the commercial one first.
var Partitions = []Partition{
	{ID: "aws", Console: "console.aws.amazon.com", Signin: "signin.aws.amazon.com", Regional: true},
	{ID: "aws-cn", Console: "console.amazonaws.cn", Signin: "signin.amazonaws.cn"},
	{ID: "aws-us-gov", Console: "console.amazonaws-us-gov.com", Signin: "signin.amazonaws-us-gov.com"},
}

// PartitionOf is the partition of a role ARN (arn:PARTITION:iam::...),
// else of a region by its prefix (cn-, us-gov-), else the commercial one.
func PartitionOf(roleARN, region string) Partition {
	if parts := strings.SplitN(roleARN, ":", 3); len(parts) == 3 && parts[0] == "arn" {
		for _, p := range Partitions {
			if p.ID == parts[1] {
				return p
			}
		}
	}
	switch {
	case strings.HasPrefix(region, "cn-"):
		return Partitions[1]
	case strings.HasPrefix(region, "us-gov-"):
		return Partitions[2]
	}
	return Partitions[0]
}

// Page is where in the console to land: a service's page (its name as in
// the console's own addresses: ec2, s3, cloudwatch) in a region; the
// console home for no service, the console's own region choice for none.
type Page struct {
	Service string
	Region  string
}

// Check says what is wrong with a page asked for on the command line:
// both words go into an address.
func (pg Page) Check() error {
	for _, r := range pg.Service {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return fmt.Errorf("--service %q is not the name of a console page (like ec2, s3, cloudwatch)", pg.Service)
		}
	}
	if pg.Region != "" {
		if _, shaped := profiles.RegionKnown(pg.Region); !shaped {
			return fmt.Errorf("--region %q is not an AWS region name (like eu-west-1)", pg.Region)
		}
	}
	return nil
}

// URL is the page's address in partition p.
func (pg Page) URL(p Partition) string {
	service := pg.Service
	if service == "" {
		service = "console"
	}
	host := p.Console
	if p.Regional && pg.Region != "" {
		host = pg.Region + "." + host
	}
	u := "https://" + host + "/" + service + "/home"
	if pg.Region != "" {
		u += "?region=" + url.QueryEscape(pg.Region)
	}
	return u
}

// ShortcutLink is IAM Identity Center's link that signs in to the console
// as a permission set (the AWS access portal's "shortcut link"): the
// portal of startURL signs in to accountID as roleName, then opens
// destination.
func ShortcutLink(startURL, accountID, roleName, destination string) (string, error) {
	u, err := url.Parse(startURL)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.Fragment != "" || u.RawQuery != "" || u.User != nil {
		return "", fmt.Errorf("sso_start_url %q is not the https address of an AWS access portal", startURL)
	}
	return strings.TrimRight(startURL, "/") + "/#/console?account_id=" + url.QueryEscape(accountID) +
		"&role_name=" + url.QueryEscape(roleName) + "&destination=" + url.QueryEscape(destination), nil
}

// SwitchRoleURL is the console's page that switches a console session to
// a role (AWS documents it for sharing a role with a link): the account,
// the role (with its path), the name the console shows and its colour.
func SwitchRoleURL(p Partition, roleARN, displayName, color string) string {
	account, role := accountAndRole(roleARN)
	u := "https://" + p.Signin + "/switchrole?account=" + url.QueryEscape(account) +
		"&roleName=" + url.QueryEscape(role) + "&displayName=" + url.QueryEscape(cut(displayName, maxDisplayName))
	if color != "" {
		u += "&color=" + color
	}
	return u
}

// maxDisplayName is the most the switch-role page keeps of the name.
const maxDisplayName = 64

func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// accountAndRole are the account of a role ARN and the role's name with
// its path (roleName= takes the path: role/team/Admin is team/Admin).
func accountAndRole(roleARN string) (account, role string) {
	parts := strings.SplitN(roleARN, ":", 6)
	if len(parts) < 6 {
		return "", ""
	}
	return parts[4], strings.TrimPrefix(parts[5], "role/")
}

// Color is the switch-role page's colour for a class's colour (an SGR
// code, settings.Class): the page offers five, and awsp's classes name
// four of them; "" for the others.
func Color(sgr string) string {
	switch sgr {
	case "31":
		return "F2B0A9" // red
	case "32":
		return "B7CA9D" // green
	case "33":
		return "FAD791" // yellow
	case "34":
		return "99BCE3" // blue
	}
	return ""
}

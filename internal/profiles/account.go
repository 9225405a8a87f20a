package profiles

import "strings"

// Target is what a profile's credentials act as, where the files say:
// the account and role of its role_arn, or of its SSO Primary's
// sso_account_id and sso_role_name; and the sso-session the chain logs
// in with. Fields the files do not say are "".
type Target struct {
	AccountID string
	// AccountName is the name the AWS config gives the account, where a
	// tool wrote one (sso_account_name: aws-sso-util and others).
	AccountName string
	Role        string
	SSOSession  string
}

// TargetOf is the Target of the chain ch.
func (c *Config) TargetOf(ch Chain) Target {
	var t Target
	first, primary := ch.First(), ch.Primary()
	if first == nil {
		return t
	}
	if first.Role != nil && first.Role.RoleARN != "" {
		t.AccountID, t.Role = SplitRoleARN(first.Role.RoleARN)
	} else if primary != nil && primary.Credentials == SSO {
		sso := c.SSO(primary.Profile)
		t.AccountID, t.Role = sso.AccountID, sso.RoleName
		t.AccountName = primary.Profile.Text("sso_account_name")
	}
	if primary != nil && primary.Credentials == SSO {
		t.SSOSession = c.SSO(primary.Profile).Session
	}
	return t
}

// SplitRoleARN is the account ID and role name of a role ARN
// (arn:aws:iam::123456789012:role/path/Name), or "" for what it lacks.
func SplitRoleARN(arn string) (account, role string) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" || parts[2] != "iam" {
		return "", ""
	}
	resource := parts[5]
	if !strings.HasPrefix(resource, "role/") {
		return parts[4], ""
	}
	return parts[4], resource[strings.LastIndexByte(resource, '/')+1:]
}

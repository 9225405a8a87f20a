package console

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/awsp-dev/awsp/internal/profiles"
)

// Federation: a session's credentials are exchanged at the partition's
// federation endpoint for a sign-in token (getSigninToken), which a
// sign-in URL hands to the console (login). AWS documents both in "Enable
// custom identity broker access to the AWS console". The exchange is
// cmd/awsp-net's; the addresses are made here.

// Issuer is what the console's sign-out page names as the sign-in's
// source.
const Issuer = "awsp"

// FederationEndpoint is the partition's federation endpoint.
func FederationEndpoint(p Partition) string { return "https://" + p.Signin + "/federation" }

// CheckEndpoint refuses an endpoint that would send credentials in the
// clear: https, or http on the loopback interface (a local proxy, a test):
// localhost, 127.0.0.0/8, ::1, told by their text.
func CheckEndpoint(endpoint string) error {
	u, err := url.Parse(endpoint)
	if err == nil && u.Host != "" && u.RawQuery == "" && u.User == nil {
		if u.Scheme == "https" {
			return nil
		}
		if h := u.Hostname(); u.Scheme == "http" && (h == "localhost" || h == "::1" || strings.HasPrefix(h, "127.") && strings.Trim(h, "0123456789.") == "") {
			return nil
		}
	}
	return fmt.Errorf("the federation endpoint %q is neither https nor http on the loopback interface", endpoint)
}

// Credentials are a session's, as the AWS CLI prints them for a
// credential_process (aws configure export-credentials --format process).
type Credentials struct {
	Version         int
	AccessKeyID     string `json:"AccessKeyId"`
	SecretAccessKey string
	SessionToken    string
}

// ParseCredentials reads the AWS CLI's process credentials. Its errors
// never hold a value of them.
func ParseCredentials(data []byte) (Credentials, error) {
	var c Credentials
	if len(strings.TrimSpace(string(data))) == 0 {
		return c, fmt.Errorf("no credentials came from the AWS CLI")
	}
	if err := json.Unmarshal(data, &c); err != nil || c.Version != 1 || c.AccessKeyID == "" || c.SecretAccessKey == "" {
		return Credentials{}, fmt.Errorf("what came from the AWS CLI is not its process credentials (Version 1, AccessKeyId, SecretAccessKey)")
	}
	if c.SessionToken == "" {
		return Credentials{}, fmt.Errorf("the AWS CLI gave long-term keys (an IAM user's), and the console's federation takes only a session's: open a profile that assumes a role")
	}
	return c, nil
}

// TokenURL is the request for a sign-in token: the credentials go in the
// Session parameter, over TLS, never in a process's arguments.
// sessionDuration is left out where it is 0: AWS accepts it only for a
// role assumed with an IAM user's long-term keys (SessionDuration).
func TokenURL(endpoint string, c Credentials, sessionDuration int) string {
	session, _ := json.Marshal(map[string]string{"sessionId": c.AccessKeyID, "sessionKey": c.SecretAccessKey, "sessionToken": c.SessionToken})
	q := "Action=getSigninToken"
	if sessionDuration > 0 {
		q += fmt.Sprintf("&SessionDuration=%d", sessionDuration)
	}
	return endpoint + "?" + q + "&Session=" + url.QueryEscape(string(session))
}

// ParseToken reads the endpoint's answer: {"SigninToken": "..."}.
func ParseToken(data []byte) (string, error) {
	var answer struct{ SigninToken string }
	if err := json.Unmarshal(data, &answer); err != nil || answer.SigninToken == "" {
		return "", fmt.Errorf("the federation endpoint answered without a sign-in token")
	}
	return answer.SigninToken, nil
}

// SigninURL signs in to the console with a sign-in token, then opens
// destination. It holds the token: awsp writes it to no file and no log.
func SigninURL(endpoint, token, destination string) string {
	return endpoint + "?Action=login&Issuer=" + Issuer + "&Destination=" + url.QueryEscape(destination) + "&SigninToken=" + url.QueryEscape(token)
}

// SessionDuration is the console session the federation endpoint is
// asked for, in seconds, or 0 to leave it to AWS: only a role assumed
// with an IAM user's long-term keys may ask (a chained role's session,
// a permission set's and a federated one's may not), and it asks for the
// role's duration_seconds, the session the AWS CLI asks STS for.
func SessionDuration(ch profiles.Chain) int {
	first, primary := ch.First(), ch.Primary()
	if first.Kind != profiles.Derived || ch.Len() != 2 || primary.Credentials != profiles.Static || first.Role.DurationSeconds == nil {
		return 0
	}
	return min(max(*first.Role.DurationSeconds, minSession), maxSession)
}

// The console session's bounds (SessionDuration).
const (
	minSession = 900
	maxSession = 43200
)

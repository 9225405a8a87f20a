// Command gosdk reads AWS files with the Go SDK (aws-sdk-go-v2/config), as
// Terraform and most Go tools do, and prints what it makes of each
// profile named on stdin, as JSON: the reference for awsp's claims of
// where the Go SDK reads a file differently from the AWS CLI. It is a
// module of its own so that awsp never depends on the SDK.
//
// Besides the values it keeps, it resolves each profile's credentials as
// the SDK would, offline: every request goes to a stand-in HTTP client
// that answers STS's AssumeRole with made-up keys and refuses the rest
// (IMDS, containers, IAM Identity Center), and PATH is empty so that no
// credential_process runs. What it reports ("answer") is the key that
// signed the first AssumeRole, then each role assumed in order, then the
// final key; or "error".
//
//	gosdk CONFIG CREDENTIALS < names.json > profiles.json
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
)

// sts stands in for every endpoint: it records each AssumeRole (the key
// that signed it and the role) and answers it with keys named after the
// role, so that the next hop's signature says which role it used.
type sts struct{ steps []string }

var signedBy = regexp.MustCompile(`Credential=([^/]+)/`)

func (s *sts) Do(r *http.Request) (*http.Response, error) {
	var form url.Values
	if r.Body != nil {
		body, _ := io.ReadAll(r.Body)
		form, _ = url.ParseQuery(string(body))
	}
	if form.Get("Action") != "AssumeRole" {
		return nil, errors.New("offline: " + r.URL.Host + " " + form.Get("Action"))
	}
	if len(s.steps) == 0 {
		if m := signedBy.FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
			s.steps = append(s.steps, "key "+m[1])
		}
	}
	role := form.Get("RoleArn")
	s.steps = append(s.steps, "role "+role)
	key := "ASIA" + strings.ToUpper(strings.NewReplacer(":", "", "/", "", "-", "", "_", "").Replace(role[strings.LastIndex(role, ":")+1:]))
	xml := fmt.Sprintf(`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>`+
		`<Credentials><AccessKeyId>%s</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials>`+
		`<AssumedRoleUser><Arn>%s</Arn><AssumedRoleId>AROA:x</AssumedRoleId></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>`, key, role)
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"text/xml"}}, Body: io.NopCloser(strings.NewReader(xml)), Request: r}, nil
}

// answer resolves name's credentials with the SDK against the stand-in.
func answer(name string) string {
	s := &sts{}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cfg, err := config.LoadDefaultConfig(ctx, config.WithSharedConfigProfile(name),
		config.WithSharedConfigFiles([]string{os.Args[1]}), config.WithSharedCredentialsFiles([]string{os.Args[2]}),
		config.WithHTTPClient(s), config.WithRegion("us-east-1"), config.WithRetryMaxAttempts(1),
		config.WithEC2IMDSClientEnableState(imds.ClientDisabled)) // no waiting on the instance's endpoint
	if err != nil {
		return "error"
	}
	creds, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return "error"
	}
	return strings.Join(append(s.steps, "key "+creds.AccessKeyID), "\n")
}

// A profile is what the Go SDK keeps of one, by the AWS files' own key
// names, or "error" when it refuses to load it; the test compares every
// key it gets with awsp's reading of that key.
type profile map[string]string

func main() {
	os.Setenv("PATH", "") // no credential_process can run
	var names []string
	if err := json.NewDecoder(os.Stdin).Decode(&names); err != nil {
		panic(err)
	}
	files := func(o *config.LoadSharedConfigOptions) {
		o.ConfigFiles, o.CredentialsFiles = []string{os.Args[1]}, []string{os.Args[2]}
	}
	out := map[string]profile{}
	for _, name := range names {
		sc, err := config.LoadSharedConfigProfile(context.Background(), name, files)
		if err != nil {
			out[name] = profile{"error": err.Error()}
			continue
		}
		out[name] = profile{"answer": answer(name), "region": sc.Region, "role_arn": sc.RoleARN, "source_profile": sc.SourceProfileName,
			"credential_source": sc.CredentialSource, "credential_process": sc.CredentialProcess,
			"aws_access_key_id": sc.Credentials.AccessKeyID, "mfa_serial": sc.MFASerial, "sso_session": sc.SSOSessionName,
			"sso_account_id": sc.SSOAccountID, "sso_role_name": sc.SSORoleName}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}

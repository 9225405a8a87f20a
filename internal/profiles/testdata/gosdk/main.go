// Command gosdk reads AWS files with the Go SDK (aws-sdk-go-v2/config), as
// Terraform and most Go tools do, and prints what it makes of each
// profile named on stdin, as JSON: the reference for awsp's claims of
// where the Go SDK reads a file differently from the AWS CLI. It is a
// module of its own so that awsp never depends on the SDK.
//
//	gosdk CONFIG CREDENTIALS < names.json > profiles.json
package main

import (
	"context"
	"encoding/json"
	"os"

	"github.com/aws/aws-sdk-go-v2/config"
)

// A profile is what the Go SDK keeps of one, by the AWS files' own key
// names, or "error" when it refuses to load it; the test compares every
// key it gets with awsp's reading of that key.
type profile map[string]string

func main() {
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
		out[name] = profile{"region": sc.Region, "role_arn": sc.RoleARN, "source_profile": sc.SourceProfileName,
			"credential_source": sc.CredentialSource, "credential_process": sc.CredentialProcess,
			"aws_access_key_id": sc.Credentials.AccessKeyID, "mfa_serial": sc.MFASerial, "sso_session": sc.SSOSessionName,
			"sso_account_id": sc.SSOAccountID, "sso_role_name": sc.SSORoleName}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}

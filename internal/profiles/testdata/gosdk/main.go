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

// profile is what the Go SDK keeps of a profile, in the AWS files' own
// key names; Error is set when it refuses to load the profile.
type profile struct {
	Error             string `json:"error,omitempty"`
	Region            string `json:"region"`
	RoleARN           string `json:"role_arn"`
	SourceProfile     string `json:"source_profile"`
	CredentialSource  string `json:"credential_source"`
	CredentialProcess string `json:"credential_process"`
	AccessKeyID       string `json:"aws_access_key_id"`
	MFASerial         string `json:"mfa_serial"`
	SSOSession        string `json:"sso_session"`
	SSOAccountID      string `json:"sso_account_id"`
	SSORoleName       string `json:"sso_role_name"`
}

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
			out[name] = profile{Error: err.Error()}
			continue
		}
		out[name] = profile{Region: sc.Region, RoleARN: sc.RoleARN, SourceProfile: sc.SourceProfileName, CredentialSource: sc.CredentialSource,
			CredentialProcess: sc.CredentialProcess, AccessKeyID: sc.Credentials.AccessKeyID, MFASerial: sc.MFASerial,
			SSOSession: sc.SSOSessionName, SSOAccountID: sc.SSOAccountID, SSORoleName: sc.SSORoleName}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}

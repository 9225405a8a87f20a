package profiles

import "github.com/awsp-dev/awsp/internal/environ"

// ActiveProfile is the profile the Go SDK and AWS CLI v2 use: AWS_PROFILE,
// else AWS_DEFAULT_PROFILE.
func ActiveProfile(env environ.Environ) string {
	if p := env["AWS_PROFILE"]; p != "" {
		return p
	}
	return env["AWS_DEFAULT_PROFILE"]
}

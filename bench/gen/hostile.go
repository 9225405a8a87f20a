package gen

import (
	"fmt"
	"strings"
)

// The inputs below are what a generated or hostile file can hold, each
// grown by n, for the growth rows of BENCHMARKS.md: work must grow with n,
// not with its square.

// Chain is a config whose profiles form one chain of n hops: p(n-1) ←
// ... ← p0, which has static keys; every seventh hop has mfa_serial.
func Chain(n int) string {
	var b strings.Builder
	b.WriteString("[profile p0]\naws_access_key_id = AKIDBENCH\naws_secret_access_key = bench\n\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "[profile p%d]\nsource_profile = p%d\nrole_arn = arn:aws:iam::123456789012:role/R%d\n", i, i-1, i)
		if i%7 == 0 {
			b.WriteString("mfa_serial = arn:aws:iam::123456789012:mfa/bench\n")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Loop is a config whose n profiles form one source_profile loop.
func Loop(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "[profile p%d]\nsource_profile = p%d\nrole_arn = arn:aws:iam::123456789012:role/R%d\n\n", i, (i+1)%n, i)
	}
	return b.String()
}

// WideSection is one profile, "wide", with n keys besides its own.
func WideSection(n int) string {
	var b strings.Builder
	b.WriteString("[profile wide]\naws_access_key_id = AKIDBENCH\naws_secret_access_key = bench\n")
	writeKeys(&b, n)
	return b.String()
}

// DuplicateSections repeats one section n times: botocore refuses the
// file, and the lint names every repetition.
func DuplicateSections(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "[profile twice]\nregion = eu-west-%d\n", i%3+1)
	}
	return b.String()
}

// LongValue is a profile whose region continues over n indented lines.
func LongValue(n int) string {
	var b strings.Builder
	b.WriteString("[profile long]\naws_access_key_id = AKIDBENCH\naws_secret_access_key = bench\nregion = eu-west-1\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  continued line %d\n", i)
	}
	return b.String()
}

// KubeUsers is a kubeconfig of n users whose AWS exec plugins name the
// profiles p0 ... p(n-1), each with its context.
func KubeUsers(n int) string {
	var users, contexts strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&users, "- name: u%d\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: aws\n      args: [eks, get-token, --cluster-name, c%d]\n      env:\n      - name: AWS_PROFILE\n        value: p%d\n", i, i, i%50)
		fmt.Fprintf(&contexts, "- name: ctx%d\n  context:\n    cluster: c%d\n    user: u%d\n", i, i, i)
	}
	return "apiVersion: v1\nkind: Config\nusers:\n" + users.String() + "contexts:\n" + contexts.String()
}

// SharedSession is one [sso-session corp] of n keys besides its own,
// read by n/4 profiles: each profile must cost its own keys, not the
// session's.
func SharedSession(n int) string {
	var b strings.Builder
	b.WriteString("[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n")
	writeKeys(&b, n)
	for i := 0; i < n/4; i++ {
		fmt.Fprintf(&b, "\n[profile p%d]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Role%d\n", i, i)
	}
	return b.String()
}

// WideDefault is a [DEFAULT] of n keys beside n profiles: the AWS CLI
// shows its keys in every profile, so each look-up of a key a profile
// lacks reaches it, and must not scan it.
func WideDefault(n int) string {
	var b strings.Builder
	b.WriteString("[DEFAULT]\n")
	writeKeys(&b, n)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "\n[profile p%d]\ncredential_process = /bin/true\n", i)
	}
	return b.String()
}

// MissingName is a profile name of n characters that no profile has, and
// is near the longest one's: "did you mean" must not cost its square.
func MissingName(n int) string { return strings.Repeat("p", n) + "x" }

// NearNames is a config whose profile names are n characters long.
func NearNames(n int) string {
	var b strings.Builder
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&b, "[profile %s%d]\naws_access_key_id = AKIDBENCH\naws_secret_access_key = bench\n\n", strings.Repeat("p", n), i)
	}
	return b.String()
}

// AWSProfileTree is n project directories under src, each with a
// .awsprofile naming a missing profile of 128 characters, beside a config
// whose profile names are as long.
func AWSProfileTree(n int) map[string]string {
	files := map[string]string{".aws/config": NearNames(127)}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("src/p%d/.awsprofile", i)] = fmt.Sprintf("%0128d\n", i)
	}
	return files
}

// KubeNesting is a kubeconfig of n lines, each nested 999 brackets deep:
// each line within the bound of one line, the whole beyond any
// kubeconfig.
func KubeNesting(n int) string {
	line := "- " + strings.Repeat("[", 999) + strings.Repeat("]", 999) + "\n"
	return "apiVersion: v1\nkind: Config\nusers:\n" + strings.Repeat(line, n)
}

// writeKeys writes n keys that mean nothing to the AWS CLI.
func writeKeys(b *strings.Builder, n int) {
	for i := 0; i < n; i++ {
		fmt.Fprintf(b, "key%d = value %d\n", i, i)
	}
}

// Fixable is a config of n Derived profiles, each with every finding
// awsp --lint --fix has a fix for: mfa_serial on an SSO Primary's role,
// a quoted region, a repeated key, a mistyped source_profile (every
// fourth), and a repeated section (every eighth).
func Fixable(n int) string {
	var b strings.Builder
	b.WriteString("[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n\n" +
		"[profile identity]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Identity\n")
	for i := 0; i < n; i++ {
		source := "identity"
		if i%4 == 0 {
			source = "identiy"
		}
		fmt.Fprintf(&b, "\n[profile p%d]\nrole_arn = arn:aws:iam::222222222222:role/R%d\nsource_profile = %s\nmfa_serial = arn:aws:iam::111111111111:mfa/me\n"+
			"region = \"eu-west-1\"\noutput = text\noutput = json\n", i, i, source)
		if i%8 == 0 {
			fmt.Fprintf(&b, "\n[profile p%d]\ncli_pager =\n", i)
		}
	}
	return b.String()
}

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
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "key%d = value %d\n", i, i)
	}
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

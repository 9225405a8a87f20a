// Package gen writes realistic AWS config and credentials files of any
// size for the benchmarks: SSO sessions and SSO Primaries, static keys,
// credential_process, Derived chains up to five hops, comments and nested
// blocks. The same size always gives the same files.
package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Target is a Derived profile with a chain of three hops
// (Target ← "bench-identity" ← "bench-sso"), there in every size.
const Target = "bench-target"

// Files returns the config and credentials files for n profiles.
func Files(n int) (config, credentials string) {
	r := rand.New(rand.NewPCG(uint64(n), 42))
	var cfg, cred strings.Builder
	sessions := max(1, n/200)
	for s := 0; s < sessions; s++ {
		fmt.Fprintf(&cfg, "[sso-session org%d]\nsso_start_url = https://org%d.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n\n", s, s)
	}
	// The fixed three-hop chain.
	cfg.WriteString("# The chain the prompt benchmark switches to.\n[profile bench-sso]\nsso_session = org0\nsso_account_id = 100000000000\nsso_role_name = Identity\nregion = eu-west-1\n\n")
	cfg.WriteString("[profile bench-identity]\nsource_profile = bench-sso\nrole_arn = arn:aws:iam::100000000001:role/Identity\n\n")
	cfg.WriteString("[profile " + Target + "]\nsource_profile = bench-identity\nrole_arn = arn:aws:iam::100000000002:role/Developer\nregion = eu-west-1\n\n")

	type made struct {
		name  string
		depth int // hops to the Primary
	}
	var all []made
	for i := 3; i < n; i++ {
		name := fmt.Sprintf("p%05d-%s", i, []string{"dev", "staging", "prod", "sandbox", "audit"}[i%5])
		if i%17 == 0 {
			fmt.Fprintf(&cfg, "# %s belongs to team %d; ask in #cloud before changing it\n", name, i%23)
		}
		kind := r.IntN(100)
		switch {
		case len(all) == 0 || kind < 12:
			fmt.Fprintf(&cfg, "[profile %s]\nsso_session = org%d\nsso_account_id = %012d\nsso_role_name = %s\nregion = %s\n",
				name, r.IntN(sessions), 200000000000+i, []string{"Admin", "ReadOnly", "Developer"}[i%3], region(i))
			all = append(all, made{name, 1})
		case kind < 17:
			fmt.Fprintf(&cred, "[%s]\naws_access_key_id = AKIA%016d\naws_secret_access_key = bench%036d\n\n", name, i, i)
			fmt.Fprintf(&cfg, "[profile %s]\nregion = %s\n", name, region(i))
			all = append(all, made{name, 1})
		case kind < 19:
			fmt.Fprintf(&cfg, "[profile %s]\ncredential_process = /usr/local/bin/creds --account %d\n", name, i)
			all = append(all, made{name, 1})
		default:
			src := all[r.IntN(len(all))]
			for src.depth >= 5 {
				src = all[r.IntN(len(all))]
			}
			fmt.Fprintf(&cfg, "[profile %s]\nsource_profile = %s\nrole_arn = arn:aws:iam::%012d:role/Role%d\n", name, src.name, 300000000000+i, i%7)
			if i%9 == 0 {
				cfg.WriteString("role_session_name = bench\nduration_seconds = 3600\n")
			}
			all = append(all, made{name, src.depth + 1})
		}
		if i%11 == 0 {
			cfg.WriteString("s3 =\n  max_concurrent_requests = 20\n  addressing_style = path\n")
		}
		cfg.WriteString("\n")
	}
	return cfg.String(), cred.String()
}

func region(i int) string {
	return []string{"eu-west-1", "us-east-1", "eu-central-1", "ap-southeast-2"}[i%4]
}

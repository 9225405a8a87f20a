package prompt

// IdentityVars are the variables that make an identity the segment shows:
// a profile, or keys (or aws-vault's endpoint) from another tool. With
// none of them set a shell's hook draws no segment and starts no process.
var IdentityVars = []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_CONTAINER_CREDENTIALS_FULL_URI"}

// RenderVars are every variable the segment is made from: a change to
// any of them re-renders it at the next prompt. The shells' hooks join
// their values into one key (the re-render key) and compare it with the
// last; shell/shell_test.go holds each shell file to this list, so that
// a variable added here cannot be forgotten in one shell. direnv and
// Atmos change AWS_CONFIG_FILE per directory: the chain must follow.
var RenderVars = append(IdentityVars[:len(IdentityVars):len(IdentityVars)],
	"AWS_REGION", "AWS_DEFAULT_REGION",
	"AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
	"AWSP_CONFIG", "AWSP_PROMPT_FORMAT")

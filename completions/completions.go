// Package completions holds the completion scripts for bash, zsh and fish.
// They are real files, installed as they are by install.sh and embedded in
// the output of awsp --init.
package completions

import _ "embed"

var (
	//go:embed awsp.bash
	Bash string
	//go:embed _awsp
	Zsh string
	//go:embed awsp.fish
	Fish string
)

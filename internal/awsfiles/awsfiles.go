// Package awsfiles reads the AWS files from disk as the AWS CLI finds
// them (package profiles makes sense of their bytes): the config and
// credentials files where botocore looks for them, and the caches that say
// how long a session lasts (the SSO and aws login token caches, the
// AWS CLI's role cache, aws-sso-cli's cache).
package awsfiles

import (
	"cmp"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/safefile"
)

// MaxFileSize is the largest AWS file awsp reads. A real config of 10,000
// profiles is about 2 MiB; anything far larger is not a config, and reading
// it would hold a prompt.
const MaxFileSize = 16 << 20

// MaxCacheFileSize is the largest SSO token or cached credentials file
// awsp reads. Real ones are a few KiB; a prompt reads one every time, and
// a larger one would be read outside the prompt's budget.
const MaxCacheFileSize = 256 << 10

// PathsFrom finds the files as botocore does: AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials,
// each with $VAR and ~ expanded.
func PathsFrom(env environ.Environ) profiles.Paths {
	p := profiles.Paths{ConfigVar: env["AWS_CONFIG_FILE"], CredentialsVar: env["AWS_SHARED_CREDENTIALS_FILE"]}
	p.Home = expandUser("~", env)
	p.Config = expandPath(cmp.Or(p.ConfigVar, "~/.aws/config"), env)
	p.Credentials = expandPath(cmp.Or(p.CredentialsVar, "~/.aws/credentials"), env)
	p.LoginCache = expandPath(cmp.Or(env["AWS_LOGIN_CACHE_DIRECTORY"], "~/.aws/login/cache"), env)
	return p
}

// Load reads both files as the AWS CLI would. A missing file is empty,
// and so is one that is not a regular file, as botocore has it; the lint
// notes the second kind (file-ignored), unless it is a device such as
// /dev/null, the usual way to turn a file off on purpose.
func Load(env environ.Environ) (*profiles.Config, error) {
	c, _, err := LoadData(env)
	return c, err
}

// LoadData is Load, with the bytes each file was read as (by path): what
// the lint's fixes edit.
func LoadData(env environ.Environ) (*profiles.Config, map[string][]byte, error) {
	paths := PathsFrom(env)
	var ignored []*safefile.Error
	read := func(path string) ([]byte, error) {
		data, err := ReadFile(path)
		var ioErr *safefile.Error
		if errors.As(err, &ioErr) && ioErr.NotRegular {
			if st, serr := os.Stat(path); serr != nil || st.Mode()&fs.ModeCharDevice == 0 {
				ignored = append(ignored, ioErr)
			}
			return nil, nil
		}
		return data, err
	}
	cfgData, err := read(paths.Config)
	if err != nil {
		return nil, nil, err
	}
	credData, err := read(paths.Credentials)
	if err != nil {
		return nil, nil, err
	}
	c := profiles.Build(paths, profiles.Parse(paths.Config, cfgData), profiles.Parse(paths.Credentials, credData))
	for _, e := range ignored {
		c.Notes = append(c.Notes, profiles.Finding{File: e.Path, Severity: "warning", Code: "file-ignored", Message: e.Msg})
	}
	return c, map[string][]byte{paths.Config: cfgData, paths.Credentials: credData}, nil
}

// ReadFile reads a regular file of at most MaxFileSize bytes. A missing file
// reads as empty. It never blocks on a FIFO or device: the file is opened
// non-blocking and checked to be regular before a byte is read. A file
// rewritten in place while it was read (aws sso login does that) is read
// again, a few times at most.
func ReadFile(path string) ([]byte, error) { return safefile.Read(path, MaxFileSize) }

// expandPath is os.path.expanduser(os.path.expandvars(p)), the order in
// which botocore expands AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE.
func expandPath(p string, env environ.Environ) string {
	return expandUser(expandVars(p, env), env)
}

// expandVars replaces $NAME and ${NAME} where NAME is set and leaves
// everything else as it is, unlike os.ExpandEnv, which drops unset names.
func expandVars(p string, env environ.Environ) string {
	if !strings.Contains(p, "$") {
		return p
	}
	isName := func(c byte) bool {
		return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	var b strings.Builder
	for i := 0; i < len(p); {
		if p[i] != '$' {
			b.WriteByte(p[i])
			i++
			continue
		}
		name, end := "", i+1
		if end < len(p) && p[end] == '{' {
			if close := strings.IndexByte(p[end:], '}'); close > 1 {
				name, end = p[end+1:end+close], end+close+1
			}
		} else {
			for end < len(p) && isName(p[end]) {
				end++
			}
			name = p[i+1 : end]
		}
		if v, ok := env.Lookup(name); ok && name != "" {
			b.WriteString(v)
			i = end
		} else {
			b.WriteByte('$')
			i++
		}
	}
	return b.String()
}

// expandUser expands a leading ~ or ~user like os.path.expanduser: HOME
// when it is set (even empty), else the passwd entry of the user.
func expandUser(p string, env environ.Environ) string {
	if !strings.HasPrefix(p, "~") {
		return p
	}
	slash := strings.IndexByte(p, '/')
	if slash < 0 {
		slash = len(p)
	}
	var home string
	if slash == 1 {
		var set bool
		if home, set = env.Lookup("HOME"); !set {
			uid := strconv.Itoa(os.Getuid())
			if home = passwdHome(func(f []string) bool { return f[2] == uid }); home == "" {
				return p
			}
		}
	} else if home = passwdHome(func(f []string) bool { return f[0] == p[1:slash] }); home == "" {
		return p
	}
	home = strings.TrimRight(home, "/")
	if home+p[slash:] == "" {
		return "/"
	}
	return home + p[slash:]
}

// passwdHome is the home directory of the first /etc/passwd entry that
// match accepts, or "". It reads the file itself, as Go's os/user does
// without cgo: os/user with cgo would link the C library and may ask
// nscd over a socket, and awsp never opens one. Users known only to a
// directory service (LDAP) are not found; HOME is then the way.
func passwdHome(match func(fields []string) bool) string {
	data, err := safefile.Read("/etc/passwd", 8<<20)
	if err != nil {
		return ""
	}
	for line := range strings.Lines(string(data)) {
		f := strings.Split(strings.TrimRight(line, "\n"), ":")
		if len(f) >= 7 && match(f) {
			return f[5]
		}
	}
	return ""
}

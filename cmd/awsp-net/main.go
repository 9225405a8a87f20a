// Command awsp-net is the part of awsp that opens connections, kept out
// of the awsp binary so that no switch, completion or prompt pays for
// net/http's start or the SDK's (BENCHMARKS.md). The shell function runs
// it for the two commands that connect:
//
//	aws configure export-credentials --profile NAME --format process |
//	    awsp-net federate --endpoint URL --destination URL [--session-duration N]
//	awsp-net sso sync [--sso-session NAME] [--template T] [--prune] [--dry-run | --write] [-r R]
//
// federate (awsp console --federate) reads a session's credentials on
// standard input (never from an argument), exchanges them at the
// federation endpoint for a sign-in token, and prints the console's
// sign-in address, which holds the token: it writes no file and no log.
// sso sync (awsp sso sync, sso.go) lists what IAM Identity Center grants
// and edits ~/.aws/config. It runs no program.
package main

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/console"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/settings"
	"github.com/awsp-dev/awsp/internal/termtext"
	"github.com/mattn/go-isatty"
)

func main() {
	env := environ.From(os.Environ())
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, env, http.DefaultClient))
}

// Bounds: what the AWS CLI prints for a session and what the endpoint
// answers are a few kilobytes; a stream that does not end is refused.
const (
	maxInput   = 64 << 10
	maxAnswer  = 64 << 10
	timeout    = 30 * time.Second
	exitOK     = 0
	exitFailed = 2 // usage, or the exchange failed (awsp's "usage or I/O")
)

const usage = `awsp-net federate --endpoint URL --destination URL [--session-duration N]
awsp-net sso sync [--sso-session NAME] [--template T] [--prune] [--dry-run | --write] [-r R]

The part of awsp that connects. federate reads a session's credentials
(the AWS CLI's process credentials) on standard input, exchanges them at
the federation endpoint for a sign-in token, and prints the console's
sign-in address (awsp console --federate runs it). sso sync makes a
profile for each account and role IAM Identity Center grants, in one
block per sso-session of ~/.aws/config (awsp sso sync runs it; see awsp
--help).
`

func run(args []string, stdin io.Reader, stdout, stderr io.Writer, env environ.Environ, client *http.Client) int {
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "awsp: %s\n", termtext.Clean(fmt.Sprintf(format, a...)))
		return exitFailed
	}
	if len(args) > 0 && args[0] == "sso" {
		o, err := cli.Parse(args)
		if err != nil || o.Action != cli.ActSSO {
			return fail("%v (awsp --help)", cmp.Or(err, errors.New("awsp-net sso takes sync")))
		}
		s := &syncer{opts: o, env: env, stdout: stdout, stderr: stderr, client: client, now: time.Now,
			terminal: isTerminal(stdin) && isTerminal(stderr), ask: askTTY}
		if err := s.run(context.Background()); err != nil {
			return fail("%v", err)
		}
		return exitOK
	}
	if len(args) == 0 || args[0] != "federate" {
		switch {
		case len(args) > 0 && (args[0] == "-h" || args[0] == "--help"):
			fmt.Fprint(stdout, usage)
			return exitOK
		case len(args) > 0 && args[0] == "--version":
			fmt.Fprintf(stdout, "awsp-net %s\n", settings.Current())
			return exitOK
		}
		return fail("awsp-net takes federate or sso sync (awsp-net --help)")
	}
	fs := flag.NewFlagSet("awsp-net federate", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	endpoint := fs.String("endpoint", "", "")
	destination := fs.String("destination", "", "")
	duration := fs.Int("session-duration", 0, "")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 || *endpoint == "" || *destination == "" {
		return fail("usage: %s", strings.SplitN(usage, "\n", 2)[0])
	}
	if err := console.CheckEndpoint(*endpoint); err != nil {
		return fail("%v", err)
	}
	input, err := io.ReadAll(io.LimitReader(stdin, maxInput+1))
	if err != nil || len(input) > maxInput {
		return fail("the credentials on standard input could not be read whole")
	}
	creds, err := console.ParseCredentials(input)
	if err != nil {
		return fail("%v", err)
	}
	token, err := signinToken(client, console.TokenURL(*endpoint, creds, *duration))
	if err != nil {
		return fail("%v", err)
	}
	fmt.Fprintln(stdout, console.SigninURL(*endpoint, token, *destination))
	return exitOK
}

// signinToken asks the endpoint for a sign-in token. Its errors name the
// endpoint's host and status, never the request: it holds the
// credentials.
func signinToken(client *http.Client, tokenURL string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, tokenURL, nil)
	if err != nil {
		return "", errors.New("the federation endpoint's address is not one")
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("the federation endpoint %s could not be reached (%s)", req.URL.Host, reason(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	switch {
	case err != nil:
		return "", fmt.Errorf("the federation endpoint %s broke off its answer", req.URL.Host)
	case resp.StatusCode != http.StatusOK:
		return "", fmt.Errorf("the federation endpoint %s refused the session (HTTP %d): it takes a role's or a federated session, for at most its duration", req.URL.Host, resp.StatusCode)
	}
	return console.ParseToken(body)
}

// reason is why a request failed, without its address (which holds the
// credentials): net/http's errors quote it.
func reason(err error) string {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "no answer in " + timeout.String()
	}
	return err.Error()
}

func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && isatty.IsTerminal(file.Fd())
}

// askTTY puts a yes/no question on the terminal; only y or yes is yes.
func askTTY(question string) bool {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return false
	}
	defer tty.Close()
	fmt.Fprint(tty, question)
	answer, _ := bufio.NewReader(tty).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "y", "yes":
		return true
	}
	return false
}

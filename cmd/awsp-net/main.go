// Command awsp-net is the part of awsp that opens a connection, kept out
// of the awsp binary so that no switch, completion or prompt pays for
// net/http's start (BENCHMARKS.md). The shell function runs it for awsp
// console --federate, the one command that connects:
//
//	aws configure export-credentials --profile NAME --format process |
//	    awsp-net federate --endpoint URL --destination URL [--session-duration N]
//
// It reads a session's credentials on standard input (never from an
// argument), exchanges them at the federation endpoint for a sign-in
// token, and prints the console's sign-in address, which holds the token:
// it writes no file and no log. It runs no program.
package main

import (
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

	"github.com/awsp-dev/awsp/internal/console"
	"github.com/awsp-dev/awsp/internal/settings"
	"github.com/awsp-dev/awsp/internal/termtext"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, http.DefaultClient)) }

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

Reads a session's credentials (the AWS CLI's process credentials) on
standard input, exchanges them at the federation endpoint for a sign-in
token, and prints the console's sign-in address. awsp console --federate
runs it; it is the one connection awsp opens.
`

func run(args []string, stdin io.Reader, stdout, stderr io.Writer, client *http.Client) int {
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "awsp: %s\n", termtext.Clean(fmt.Sprintf(format, a...)))
		return exitFailed
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
		return fail("awsp-net federate is the one command (awsp-net --help)")
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

package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	"github.com/aws/smithy-go"
	"golang.org/x/sync/errgroup"

	"github.com/awsp-dev/awsp/internal/atomicfile"
	"github.com/awsp-dev/awsp/internal/awsfiles"
	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/awsp-dev/awsp/internal/fix"
	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/ssosync"
	"github.com/awsp-dev/awsp/internal/termtext"
)

// awsp sso sync: for each sso-session, the accounts and roles its access
// token is granted (the IAM Identity Center portal's ListAccounts and
// ListAccountRoles, through the SDK's client: pages, retries with
// backoff on throttling), made into profiles in the session's block of
// ~/.aws/config (internal/ssosync). Nothing is written until every
// session's answer is whole: a failure leaves the file as it was.

// inFlight bounds the portal requests at once: one per account's roles.
const inFlight = 8

// syncer is one run of awsp sso sync.
type syncer struct {
	opts     cli.Options
	env      environ.Environ
	stdout   io.Writer
	stderr   io.Writer
	client   *http.Client
	terminal bool // a person is there: a progress line, and the question
	ask      func(question string) bool
	backoff  retry.BackoffDelayer // nil: the SDK's
	now      func() time.Time
}

func (s *syncer) fail(format string, a ...any) error {
	return errors.New(termtext.Clean(fmt.Sprintf(format, a...)))
}

// run syncs and says what it did; its error is one line.
func (s *syncer) run(ctx context.Context) error {
	o := s.opts
	if _, shaped := profiles.RegionKnown(o.Region); o.Region != "" && !shaped {
		return s.fail("-r %q is not an AWS region name (like eu-west-1)", o.Region)
	}
	if o.Template != "" {
		if err := ssosync.CheckTemplate(o.Template); err != nil {
			return err
		}
	}
	c, err := awsfiles.Load(s.env)
	if err != nil {
		return err
	}
	path := c.Paths.Config
	var sessions []string
	for name := range c.SSOSessions {
		sessions = append(sessions, name)
	}
	slices.Sort(sessions)
	if o.SSOSession != "" {
		if c.SSOSessions[o.SSOSession] == nil {
			return s.fail("no [sso-session %s] in %s (it has: %s)", o.SSOSession, tilde(path, c), cmp.Or(strings.Join(sessions, ", "), "none"))
		}
		sessions = []string{o.SSOSession}
	}
	if len(sessions) == 0 {
		return s.fail("no [sso-session NAME] in %s: aws configure sso-session writes one", tilde(path, c))
	}
	data, err := awsfiles.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	before := data
	for _, name := range sessions {
		roles, err := s.granted(ctx, c, name)
		if err != nil {
			return err
		}
		res, err := ssosync.Sync(path, data, roles, ssosync.Options{Session: name, Template: o.Template, Region: o.Region, Prune: o.Prune})
		if err != nil {
			return err
		}
		s.report(name, res)
		data = res.Data
	}
	if string(data) == string(before) {
		fmt.Fprintf(s.stderr, "awsp: %s: nothing changed\n", tilde(path, c))
		return nil
	}
	label := tilde(path, c)
	// Each line made safe for a terminal: account names are the portal's.
	for _, line := range strings.SplitAfter(fix.Diff(label, before, data), "\n") {
		fmt.Fprint(s.stdout, termtext.Clean(strings.TrimSuffix(line, "\n")), line[len(strings.TrimSuffix(line, "\n")):])
	}
	switch {
	case o.DryRun:
		return nil
	case !o.Write && !s.terminal:
		fmt.Fprintf(s.stderr, "awsp: nothing written: awsp sso sync --write writes it\n")
		return nil
	case !o.Write && !s.ask(fmt.Sprintf("awsp: write these changes to %s? [y/N] ", label)):
		fmt.Fprintf(s.stderr, "awsp: nothing written\n")
		return nil
	}
	return s.write(path, label, before, data)
}

// write replaces the config (atomicfile.Replace: the symlink's target,
// its mode, the old one kept beside it).
func (s *syncer) write(path, label string, before, data []byte) error {
	if _, err := atomicfile.Replace(path, before, data); err != nil {
		var backup *atomicfile.BackupError
		if errors.As(err, &backup) {
			return s.fail("%s: the backup could not be written (%v): nothing written", label, backup.Err)
		}
		return s.fail("%s could not be written: %v", label, err)
	}
	fmt.Fprintf(s.stderr, "awsp: wrote %s (the old one is %s%s)\n", label, label, atomicfile.BackupSuffix)
	return nil
}

// report says what a session's sync changed, and what it could not do.
func (s *syncer) report(session string, r ssosync.Result) {
	parts := []string{fmt.Sprintf("%d profiles", r.Profiles)}
	if n := len(r.Added); n > 0 {
		parts = append(parts, fmt.Sprintf("%d new", n))
	}
	if n := len(r.Removed); n > 0 {
		parts = append(parts, fmt.Sprintf("%d removed", n))
	}
	if n := len(r.Kept); n > 0 {
		parts = append(parts, fmt.Sprintf("%d no longer granted, kept (--prune removes them)", n))
	}
	fmt.Fprintf(s.stderr, "awsp: %s: %s\n", termtext.Clean(session), strings.Join(parts, ", "))
	for _, line := range r.Renamed {
		fmt.Fprintf(s.stderr, "awsp: %s: renamed %s\n", termtext.Clean(session), termtext.Clean(line))
	}
	for _, line := range r.Skipped {
		fmt.Fprintf(s.stderr, "awsp: %s: skipped %s\n", termtext.Clean(session), termtext.Clean(line))
	}
}

// granted lists the accounts and roles the session's access token is
// granted.
func (s *syncer) granted(ctx context.Context, c *profiles.Config, session string) ([]ssosync.Role, error) {
	token, err := s.token(c, session)
	if err != nil {
		return nil, err
	}
	region := c.SSOSessions[session].Values["sso_region"].Text
	if region == "" {
		return nil, s.fail("[sso-session %s] has no sso_region: the portal's region", session)
	}
	client := sso.New(sso.Options{
		Region:       region,
		BaseEndpoint: endpoint(s.env),
		HTTPClient:   s.client,
		Retryer: retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = 10
			o.RateLimiter = ratelimit.None // throttling is answered with backoff, not refused
			if s.backoff != nil {
				o.Backoff = s.backoff
			}
		}),
	})
	var accounts []ssoAccount
	pages := sso.NewListAccountsPaginator(client, &sso.ListAccountsInput{AccessToken: &token, MaxResults: aws.Int32(100)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, s.portalError(session, region, err)
		}
		for _, a := range page.AccountList {
			accounts = append(accounts, ssoAccount{id: aws.ToString(a.AccountId), name: aws.ToString(a.AccountName)})
		}
	}
	roles := make([][]ssosync.Role, len(accounts))
	var done atomic.Int64
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(inFlight)
	for i, a := range accounts {
		g.Go(func() error {
			pages := sso.NewListAccountRolesPaginator(client, &sso.ListAccountRolesInput{AccessToken: &token, AccountId: &a.id, MaxResults: aws.Int32(100)})
			for pages.HasMorePages() {
				page, err := pages.NextPage(gctx)
				if err != nil {
					return err
				}
				for _, r := range page.RoleList {
					roles[i] = append(roles[i], ssosync.Role{AccountID: a.id, AccountName: a.name, RoleName: aws.ToString(r.RoleName)})
				}
			}
			s.progress(session, int(done.Add(1)), len(accounts))
			return nil
		})
	}
	err = g.Wait()
	s.progress(session, -1, 0)
	if err != nil {
		return nil, s.portalError(session, region, err)
	}
	return slices.Concat(roles...), nil
}

type ssoAccount struct{ id, name string }

// progress keeps one line on a terminal up to date; done < 0 clears it.
func (s *syncer) progress(session string, done, total int) {
	if !s.terminal {
		return
	}
	if done < 0 {
		fmt.Fprint(s.stderr, "\r\x1b[K")
		return
	}
	fmt.Fprintf(s.stderr, "\r\x1b[Kawsp: %s: the roles of %d of %d accounts", termtext.Clean(session), done, total)
}

// endpoint is the portal's address where the environment sets one, as
// the SDKs read it: AWS_ENDPOINT_URL_SSO, else AWS_ENDPOINT_URL, neither
// with AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true. (The config file's
// endpoint_url settings are a profile's; the sync has an sso-session.)
func endpoint(env environ.Environ) *string {
	if strings.EqualFold(env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"], "true") {
		return nil
	}
	if e := cmp.Or(env["AWS_ENDPOINT_URL_SSO"], env["AWS_ENDPOINT_URL"]); e != "" {
		return &e
	}
	return nil
}

// token is the session's access token from the AWS CLI's cache, while it
// lasts. It is never printed.
func (s *syncer) token(c *profiles.Config, session string) (string, error) {
	path := c.SSOTokenPath(session)
	tok, expiry := awsfiles.ReadSSOToken(path)
	login := "aws sso login --sso-session " + session
	switch {
	case tok == "":
		return "", s.fail("not logged in to the sso-session %s: %s, then sync again", session, login)
	case !expiry.After(s.now()):
		return "", s.fail("the login to the sso-session %s ended %s ago: %s, then sync again", session, s.now().Sub(expiry).Round(time.Minute), login)
	}
	return tok, nil
}

// portalError is a failed request in one line, with what to do.
func (s *syncer) portalError(session, region string, err error) error {
	var api smithy.APIError
	var re *retry.MaxAttemptsError
	switch {
	case errors.As(err, &api) && (api.ErrorCode() == "UnauthorizedException" || api.ErrorCode() == "ForbiddenException"):
		return s.fail("the portal refused the access token of %s (%s): aws sso login --sso-session %s, then sync again; nothing was written", session, api.ErrorCode(), session)
	case errors.As(err, &re) && errors.As(err, &api):
		return s.fail("the portal of %s kept answering %s, %d attempts a request: nothing was written; sync again later", session, api.ErrorCode(), re.Attempt)
	case errors.As(err, &api):
		return s.fail("the portal of %s answered %s: nothing was written", session, api.ErrorCode())
	}
	return s.fail("the portal of %s (%s) could not be reached: %s; nothing was written", session, region, lastClause(err.Error()))
}

// lastClause is the reason at the end of a wrapped error: "dial tcp ...:
// connection refused" says "connection refused".
func lastClause(msg string) string {
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		return msg[i+2:]
	}
	return msg
}

func tilde(path string, c *profiles.Config) string {
	return termtext.Clean(profiles.Tilde(path, c.Paths.Home))
}

package console

import (
	"fmt"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/shellcode"
	"github.com/awsp-dev/awsp/internal/termtext"
)

// A Step is one address to open, and what the person should know of it.
type Step struct {
	URL  string
	Says string
}

// A Request is what awsp console was asked for: a profile's chain (not
// broken), the page (its region defaults to the profile's own) and the
// switch-role page's colour (Color of its class).
type Request struct {
	Chain profiles.Chain
	Page  Page
	Color string
}

// A Refusal is a profile the console cannot open without a connection:
// Federate tells whether awsp console --federate can.
type Refusal struct {
	Msg      string
	Federate bool
}

func (r *Refusal) Error() string { return r.Msg }

// PageOf is the page of r, in the profile's own region unless another
// was asked for.
func (r Request) PageOf() Page {
	pg := r.Page
	if pg.Region == "" {
		pg.Region = r.Chain.First().Profile.Text("region")
	}
	return pg
}

// PartitionOf is the partition the profile's credentials act in: its
// role's, else its region's, else its Primary's sign-in region's.
func (r Request) PartitionOf(c *profiles.Config) Partition {
	first, primary := r.Chain.First(), r.Chain.Primary()
	arn := ""
	if first.Role != nil {
		arn = first.Role.RoleARN
	}
	region := r.PageOf().Region
	if region == "" && primary.Credentials == profiles.SSO {
		region = c.SSO(primary.Profile).Region
	}
	return PartitionOf(arn, region)
}

// Route is the way to the console as the profile without a connection:
// the shortcut link of a permission set; for a role, the switch-role page
// (which switches the console session of the identity the role is
// assumed from), after the shortcut link of that identity's permission
// set where it is one. Profiles that need a session's credentials
// (static keys, a credential_process, web identity) are refused.
func Route(c *profiles.Config, r Request) ([]Step, error) {
	ch := r.Chain
	first, primary := ch.First(), ch.Primary()
	name := termtext.Clean(first.Profile.Name)
	p := r.PartitionOf(c)
	page := r.PageOf()
	switch {
	case first.Kind == profiles.Derived:
		switchRole := Step{URL: SwitchRoleURL(p, first.Role.RoleARN, first.Profile.Name, r.Color)}
		account, role := accountAndRole(first.Role.RoleARN)
		to := fmt.Sprintf("role %s in account %s", termtext.Clean(role), termtext.Clean(account))
		if ch.Len() > 2 {
			to += fmt.Sprintf("; the console switches from the first session alone, not through %s: the role must trust %s's identity (else awsp console --federate)",
				termtext.Clean(ch.Names()[1]), termtext.Clean(primary.Profile.Name))
		}
		if r.Page != (Page{}) {
			to += "; the switch opens the console home, not the page asked for"
		}
		if primary.Credentials != profiles.SSO {
			switchRole.Says = fmt.Sprintf("switches a console session signed in as %s to %s", termtext.Clean(primary.Profile.Name), to)
			return []Step{switchRole}, nil
		}
		signIn, err := shortcut(c, primary, Page{Region: page.Region}.URL(p))
		if err != nil {
			return nil, err
		}
		signIn.Says = "step 1 of 2: " + signIn.Says
		switchRole.Says = "step 2 of 2, once the console is open: switches to " + to
		return []Step{signIn, switchRole}, nil
	case primary.Credentials == profiles.SSO:
		s, err := shortcut(c, primary, page.URL(p))
		if err != nil {
			return nil, err
		}
		return []Step{s}, nil
	case primary.Credentials == profiles.Static && !primary.Profile.Has("aws_session_token"):
		return nil, &Refusal{Msg: fmt.Sprintf("%s holds an IAM user's long-term keys, which open no console session (the console signs in with a role's session): open a profile that assumes a role with them, or sign in as the IAM user", name)}
	}
	return nil, &Refusal{Federate: true, Msg: fmt.Sprintf("%s gets its credentials from %s, not from a permission set or a role the console can switch to: awsp console --federate %s signs in with its session", name, primary.Credentials, termtext.Clean(shellcode.QuoteWord(first.Profile.Name)))}
}

// shortcut is the step that signs in as the permission set of the SSO
// Primary h, then opens destination.
func shortcut(c *profiles.Config, h *profiles.Hop, destination string) (Step, error) {
	sso := c.SSO(h.Profile)
	link, err := ShortcutLink(sso.StartURL, sso.AccountID, sso.RoleName, destination)
	if err != nil {
		return Step{}, fmt.Errorf("%s: %w", termtext.Clean(h.Profile.Name), err)
	}
	return Step{URL: link, Says: fmt.Sprintf("signs in to account %s as the permission set %s (%s)",
		termtext.Clean(sso.AccountID), termtext.Clean(sso.RoleName), termtext.Clean(h.Profile.Name))}, nil
}

package view

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/termtext"
)

// ProfileJSON is one entry of awsp --list --json: a Profile (JSON), and
// what -l knows of where it is used (Active, KubeContexts, WantedHere).
type ProfileJSON struct {
	Name           string   `json:"name"`
	Kind           string   `json:"kind"`
	Active         bool     `json:"active"`
	SourceProfile  *string  `json:"source_profile"`
	Chain          []string `json:"chain"`
	CredentialType string   `json:"credential_type"`
	RoleARN        *string  `json:"role_arn"`
	MFASerial      *string  `json:"mfa_serial"`
	Region         *string  `json:"region"`
	// The account and role the credentials act as, where the files say
	// (role_arn, or the SSO Primary's), and the account's alias.
	AccountID    *string `json:"account_id"`
	AccountAlias *string `json:"account_alias"`
	Role         *string `json:"role_name"`
	// The class awsp's config gives the profile, and its label.
	Class       *string `json:"class"`
	Label       *string `json:"label"`
	Expires     *string `json:"expires"`
	Refreshable bool    `json:"refreshable"`
	// RenewsUntil: when the refresh token stops working, where the files
	// say (the SSO client registration's end).
	RenewsUntil  *string  `json:"renews_until"`
	LoggedOut    bool     `json:"logged_out"`
	Error        *string  `json:"error"`
	ErrorCode    *string  `json:"error_code"`
	Warnings     []string `json:"warnings"`
	KubeContexts []string `json:"kube_contexts"` // kube contexts whose AWS plugin uses this profile
	WantedHere   bool     `json:"wanted_here"`   // the .awsprofile of the current directory names it
}

// JSON is the profile as -l --json gives it; the chain's names are
// listed only with fullChain, where a script wants every one (-l as
// text shows a few: SourceNames).
func (p Profile) JSON(fullChain bool) ProfileJSON {
	pr, s := p.Profile.Profile, p.Session
	e := ProfileJSON{
		Name:           p.Name,
		Kind:           string(p.Kind()),
		CredentialType: string(p.CredentialType()),
		SourceProfile:  optional(pr, "source_profile"),
		RoleARN:        optional(pr, "role_arn"),
		MFASerial:      optional(pr, "mfa_serial"),
		Region:         optional(pr, "region"),
		Warnings:       p.Warnings,
		Refreshable:    s.Refreshable,
		RenewsUntil:    TimeJSON(s.RenewsUntil),
		LoggedOut:      s.LoggedOut,
		Expires:        TimeJSON(s.At),
		AccountID:      NonEmpty(p.Target.AccountID),
		Role:           NonEmpty(p.Target.Role),
		AccountAlias:   NonEmpty(p.Alias),
	}
	if fullChain {
		e.Chain = p.Chain.Names()
	}
	if err := p.Chain.Err; err != nil && !p.Chain.SettingsOnly() {
		e.Error, e.ErrorCode = &err.Msg, &err.Code
	}
	if c := p.Class; c != nil {
		e.Class, e.Label = &c.Name, NonEmpty(c.Label)
	}
	return e
}

func optional(p *profiles.Profile, key string) *string {
	if v, ok := p.Get(key); ok {
		return &v.Text
	}
	return nil
}

// NonEmpty is s, or nil for "": JSON's null for what the files do not say.
func NonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// TimeJSON is t in RFC 3339, UTC; nil (null) for no time.
func TimeJSON(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

// WriteJSON writes v as indented JSON and a newline, every string's
// terminal controls escaped (termtext.JSON).
func WriteJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("writing JSON: %v", err)
	}
	w.Write(termtext.JSON(b))
	fmt.Fprintln(w)
	return nil
}

// WriteJSONArray writes n elements as an indented JSON array one element
// at a time, the same text as json.Encoder with SetIndent("", "  ")
// without building the whole array and indenting it again.
func WriteJSONArray(w io.Writer, n int, elem func(int) any) error {
	if n == 0 {
		fmt.Fprintln(w, "[]")
		return nil
	}
	fmt.Fprint(w, "[")
	for i := 0; i < n; i++ {
		b, err := json.MarshalIndent(elem(i), "  ", "  ")
		if err != nil {
			return fmt.Errorf("writing JSON: %v", err)
		}
		if i > 0 {
			fmt.Fprint(w, ",")
		}
		fmt.Fprint(w, "\n  ")
		w.Write(termtext.JSON(b))
	}
	fmt.Fprintln(w, "\n]")
	return nil
}

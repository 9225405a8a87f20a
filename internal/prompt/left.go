// Package prompt renders the prompt segment for a resolved chain: the
// profile, its chain to the Primary, the time left on the Primary's session,
// and a warning marker, escaped for the shell that will show it.
//
// It reads nothing itself: the chain and the expiry come from package
// profiles, the format from the caller.
package prompt

import (
	"fmt"
	"time"
)

// Left says how long remains, as a prompt has room for: "2h05m", "45m",
// "<1m", "expired".
func Left(d time.Duration) string {
	switch {
	case d <= 0:
		return "expired"
	case d < time.Minute:
		return "<1m"
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	}
	h := int(d / time.Hour)
	m := int((d % time.Hour) / time.Minute)
	return fmt.Sprintf("%dh%02dm", h, m)
}

// renews is what awsp says of a session whose access token has ended but
// which the AWS CLI renews by itself (a refresh token): not "expired".
const renews = "renews on use"

// Session is what the prompt, -l, -s and the picker all say of a
// Primary's session with remaining time left, and the colour state of
// it: one vocabulary. A session the AWS CLI renews by itself is never
// "expired": it renews at the next call (yellow).
func Session(remaining time.Duration, refreshable bool) (string, State) {
	switch {
	case refreshable && remaining <= 0:
		return renews, Soon
	case remaining <= 0:
		return Left(remaining), Expired
	case remaining < SoonWithin:
		return Left(remaining), Soon
	}
	return Left(remaining), OK
}

// SoonWithin: under this much time left, a session shows in yellow.
const SoonWithin = 15 * time.Minute

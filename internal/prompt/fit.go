package prompt

import (
	"strings"

	"github.com/awsp-dev/awsp/internal/termtext"
)

// ChainWidth is the most columns {chain} takes in a segment: with the
// time left, the default segment of a 28-column profile name stays near
// 40 columns, room for the command on an 80-column terminal after a
// directory and a git branch.
const ChainWidth = 40

// Hop joins the profiles of a chain, from a profile to its source; Hops
// stands for the hops FitChain leaves out.
const (
	Hop  = " ← "
	Hops = " ←…← "
)

// FitChain is a chain of profile names, from a profile to its Primary, in
// at most width columns (0: no limit). What it gives up, in order: the
// hops between the first and the Primary (dev ←…← sso), the leading words
// the Primary's name shares with the first's (acme-prod-admin ←…← sso for
// acme-sso), the start of the Primary's name (…identity), and last the
// end of the first's. The first name and the Primary are what a person
// reads a chain for: which profile, and whose session it lives on. The
// names are shown as they are: clean them first.
func FitChain(names []string, width int) string {
	full := strings.Join(names, Hop)
	switch {
	case width <= 0 || termtext.Width(full) <= width:
		return full
	case len(names) == 1:
		return termtext.Truncate(full, width)
	}
	first, primary := names[0], names[len(names)-1]
	join := Hop
	if len(names) > 2 {
		join = Hops
	}
	if s := first + join + primary; termtext.Width(s) <= width {
		return s
	}
	primary = distinct(primary, first)
	head := first + join
	// At least a few columns of the Primary's name, its end: then the
	// first name gives way, and goes when too little of it would stay.
	const least = 4
	if room := width - termtext.Width(head); room >= least {
		return head + termtext.TruncateStart(primary, room)
	}
	tail := join + termtext.TruncateStart(primary, least)
	if room := width - termtext.Width(tail); room >= 2*least {
		return termtext.Truncate(first, room) + tail
	}
	return termtext.TruncateStart("…"+Hop+primary, width)
}

// distinct is name without the leading words it shares with other
// (acme-core-sso beside acme-prod-admin: core-sso); the whole name when
// they share none or it is nothing but shared words.
func distinct(name, other string) string {
	shared := 0
	for i := 0; i < len(name) && i < len(other) && name[i] == other[i]; i++ {
		if isWordBreak(name[i]) {
			shared = i + 1
		}
	}
	if shared == len(name) {
		return name
	}
	return name[shared:]
}

// isWordBreak: the characters that part the words of a profile name.
func isWordBreak(c byte) bool {
	return c == '-' || c == '_' || c == '.' || c == '/' || c == ':' || c == ' '
}

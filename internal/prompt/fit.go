package prompt

import (
	"strings"

	"github.com/awsp-dev/awsp/internal/termtext"
)

// SegmentWidth is the most columns the default segment takes: room for
// the command on an 80-column terminal after a directory and a git
// branch. {chain} gets what the rest of the segment leaves of it (the
// label, the time left), at least MinChainWidth; a region set in the
// environment and a marker come on top, and never cost the profile its
// name.
// The README and the man page (Fields) give these numbers: a test holds
// them to these constants (TestDocumentedWidths).
const (
	SegmentWidth  = 40
	MinChainWidth = 16
)

// ShortWidth is the most columns of a Primary's short form (Short).
const ShortWidth = 12

// Hop joins the profiles of a chain, from a profile to its source; Hops
// stands for the hops FitChain leaves out.
const (
	Hop  = " ← "
	Hops = " ←…← "
)

// FitChain is a chain of profile names, from a profile to its Primary, in
// at most width columns (0: no limit). What it gives up, in order: the
// hops between the first and the Primary (dev ←…← sso), the Primary's
// whole name for its short form (Short), the Primary itself (the first
// name and " ←…"), and last the middle of the first name. The first name
// is what a person reads a segment for: which profile; then whose
// session it lives on. The names are shown as they are: clean them
// first.
func FitChain(names []string, width int) string {
	full := strings.Join(names, Hop)
	switch {
	case width <= 0 || termtext.Width(full) <= width:
		return full
	case len(names) == 1:
		return termtext.TruncateMiddle(full, width)
	}
	first, primary := names[0], names[len(names)-1]
	join := Hop
	if len(names) > 2 {
		join = Hops
	}
	for _, s := range []string{first + join + primary, first + join + Short(primary), first + " ←…", first} {
		if termtext.Width(s) <= width {
			return s
		}
	}
	return termtext.TruncateMiddle(first, width)
}

// Short is a Primary's name in at most ShortWidth columns, the same
// wherever it is shown (every row of -l, the picker, the segment): the
// whole name when it fits, else "…" and the last words that fit
// (acme-core-gbl-identity: …identity), else "…" and its end. The "…"
// tells it from a profile that is named so.
func Short(name string) string {
	if termtext.Width(name) <= ShortWidth {
		return name
	}
	for i := 0; i < len(name); i++ {
		if termtext.IsWordBreak(name[i]) && i+1 < len(name) && termtext.Width(name[i+1:]) <= ShortWidth-1 {
			return "…" + name[i+1:]
		}
	}
	return termtext.TruncateStart(name, ShortWidth)
}

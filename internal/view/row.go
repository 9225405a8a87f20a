package view

import (
	"slices"
	"strings"

	"github.com/awsp-dev/awsp/internal/profiles"
	"github.com/awsp-dev/awsp/internal/prompt"
	"github.com/awsp-dev/awsp/internal/termtext"
)

// Row is one profile in -l and the picker, before it is fitted to
// the terminal. Every string is clean.
type Row struct {
	Mark, Name, Label, Kind string
	Sources                 []string // the chain after the profile: identity, sso
	Region, Status          string
}

// SourceNames are the names of a chain after its first, cleaned; of a
// long chain the first few, "…" and the Primary, so that listing a config
// never walks every chain to its end (one chain of 4,000 hops would make
// -l quadratic).
func SourceNames(ch profiles.Chain) []string {
	return ChainNames(ch, 1, maxShownHops)
}

// maxShownHops is the most names of a chain a row shows.
const maxShownHops = 6

// ChainNames are the cleaned names of ch from hop from on, at most most
// of them: past that, the first most-2, "…" and the Primary.
func ChainNames(ch profiles.Chain, from, most int) []string {
	var names []string
	for i, h := range ch.Hops() {
		if i < from {
			continue
		}
		if ch.Len()-from > most && len(names) == most-2 {
			return append(names, "…", termtext.Clean(ch.Primary().Profile.Name))
		}
		names = append(names, termtext.Clean(h.Profile.Name))
	}
	return names
}

// minNameColumn: names are cut no shorter than this.
const minNameColumn = 12

// A column is one column of -l and the picker: its header, and its
// cell in a row.
type column struct {
	header string
	cell   func(r Row) string
}

var (
	labelColumn  = column{"", func(r Row) string { return r.Label }}
	kindColumn   = column{"KIND", func(r Row) string { return r.Kind }}
	regionColumn = column{"REGION", func(r Row) string { return r.Region }}
	statusColumn = column{"STATUS", func(r Row) string { return r.Status }}
)

// Fit lays out rows with a header, within width columns (0: no
// limit), and says in note what it left out. What gives way, in order:
// a column whose value is the same on every row (-l only: note names the
// value once); the chain, to "← … ←" and the Primary, whole or in its
// one short form (prompt.Short) on every row; last the names, cut where
// they are alike and never where they differ (termtext.CutDistinct). The
// label of a class and the status are never cut: they are what a row is
// read for. The picker leaves out the region (list false): its preview
// line shows it.
func Fit(rows []Row, width int, list bool) (table [][]string, note string) {
	// The columns before the chain, and after it.
	var before, after []column
	if slices.ContainsFunc(rows, func(r Row) bool { return r.Label != "" }) {
		before = append(before, labelColumn)
	}
	before = append(before, kindColumn)
	if list {
		after = append(after, regionColumn)
	}
	after = append(after, statusColumn)
	nameW, chainFull := 0, 0
	for _, r := range rows {
		nameW = max(nameW, termtext.Width(r.Name))
		chainFull = max(chainFull, termtext.Width(chainCell(r.Sources, 0, false)))
	}
	columnW := map[string]int{} // the width of each column but the name's and the chain's
	for _, c := range slices.Concat(before, after) {
		columnW[c.header] = termtext.Width(c.header)
		for _, r := range rows {
			columnW[c.header] = max(columnW[c.header], termtext.Width(c.cell(r)))
		}
	}
	restW := func() int { // those columns left, each with its gap
		w := 0
		for _, c := range slices.Concat(before, after) {
			w += columnW[c.header] + 2
		}
		return w
	}
	// The room left for the chain, with the names whole.
	chainRoom := func() int { return width - (2 + nameW + 2) - restW() }
	if width > 0 && list && chainRoom() < chainFull && len(rows) > 1 {
		var same []string
		uniform := func(c column) bool {
			if c.header == labelColumn.header || c.header == statusColumn.header {
				return false
			}
			for _, r := range rows[1:] {
				if c.cell(r) != c.cell(rows[0]) {
					return false
				}
			}
			same = append(same, strings.ToLower(c.header)+" "+c.cell(rows[0]))
			return true
		}
		before, after = slices.DeleteFunc(before, uniform), slices.DeleteFunc(after, uniform)
		if len(same) > 0 {
			note = "every profile: " + strings.Join(same, ", ")
		}
	}
	room, short := chainFull, false
	if width > 0 && chainRoom() < chainFull {
		room = max(1, chainRoom()) // 0 would be no limit
		short = chainWidest(rows, room, false) > room
		room = max(room, chainWidest(rows, room, short))
	}
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.Name
	}
	if width > 0 {
		names = termtext.CutDistinct(names, max(minNameColumn, width-2-2-room-restW()))
	}
	header := []string{"  NAME"}
	for _, c := range before {
		header = append(header, c.header)
	}
	header = append(header, "CHAIN")
	for _, c := range after {
		header = append(header, c.header)
	}
	table = [][]string{header}
	for i, r := range rows {
		cells := []string{r.Mark + " " + names[i]}
		for _, c := range before {
			cells = append(cells, c.cell(r))
		}
		cells = append(cells, chainCell(r.Sources, room, short))
		for _, c := range after {
			cells = append(cells, c.cell(r))
		}
		table = append(table, cells)
	}
	return table, note
}

// chainCell is the chain column of a row: "← identity ← sso", or when
// that is wider than room (0: no limit), the next hop, "←…←" and the
// Primary, or "← … ← " and the Primary; the Primary in its short form on
// every row when short.
func chainCell(sources []string, room int, short bool) string {
	if len(sources) == 0 {
		return "-"
	}
	full := "← " + strings.Join(sources, prompt.Hop)
	if room <= 0 || termtext.Width(full) <= room {
		return full
	}
	primary := sources[len(sources)-1]
	if short {
		primary = prompt.Short(primary)
	}
	if len(sources) == 1 {
		return "← " + primary
	}
	if s := "← " + sources[0] + prompt.Hops + primary; len(sources) > 2 && termtext.Width(s) <= room {
		return s // the next hop stays where it fits
	}
	return "← …" + prompt.Hop + primary
}

// chainWidest is the widest chain cell of rows in room.
func chainWidest(rows []Row, room int, short bool) int {
	w := 0
	for _, r := range rows {
		w = max(w, termtext.Width(chainCell(r.Sources, room, short)))
	}
	return w
}

// Mark marks the active profile "*" and the one the current
// directory's .awsprofile asks for ">".
func Mark(active, wanted bool) string {
	switch {
	case active:
		return "*"
	case wanted:
		return ">"
	}
	return " "
}

// Wrap lays parts out on lines of at most width columns, sep between
// them; a line after the first starts with cont (← identity), and a part
// too long for any line is cut.
func Wrap(parts []string, sep, cont string, width int) []string {
	var lines []string
	line := ""
	for _, part := range parts {
		switch {
		case line == "":
			line = part
		case termtext.Width(line+sep+part) <= width:
			line += sep + part
		default:
			lines = append(lines, termtext.Truncate(line, width))
			line = cont + part
		}
	}
	if line != "" {
		lines = append(lines, termtext.Truncate(line, width))
	}
	return lines
}

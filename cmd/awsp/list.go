package main

import (
	"fmt"
	"os"
	"strconv"

	"golang.org/x/term"

	"github.com/awsp-dev/awsp/internal/kube"
	"github.com/awsp-dev/awsp/internal/termtext"
	"github.com/awsp-dev/awsp/internal/view"
)

func (a *app) list() error {
	c, set, err := a.loadWithSettings()
	if err != nil {
		return err
	}
	d := view.NewDescriber(c, set, a.env)
	active, wanted := a.activeProfile(), a.wantedHere()
	k := a.kube()
	names := c.Names()
	if a.opts.JSON {
		// Entry by entry: each lists its whole chain, and a config of
		// one long chain must not hold every entry's chain at once.
		return view.WriteJSONArray(a.stdout, len(names), func(i int) any {
			e := d.Describe(names[i]).JSON(true)
			e.Active, e.WantedHere, e.KubeContexts = e.Name == active, e.Name == wanted, k.ContextsUsing(e.Name)
			return e
		})
	}
	rows := make([]view.Row, len(names))
	renews, now := false, a.now()
	for i, n := range names {
		p := d.Describe(n)
		rows[i] = p.Row(view.Mark(n == active, n == wanted), now, a.outStyle)
		renews = renews || p.Session.Refreshable
	}
	table, note := view.Fit(rows, a.columns(), true)
	a.table(table)
	if note != "" {
		fmt.Fprintln(a.stdout, a.outStyle.Dim(note))
	}
	if renews {
		fmt.Fprintln(a.stdout, a.outStyle.Dim(view.RenewsLegend))
	}
	return nil
}

// columns is the width of the terminal -l prints to: $COLUMNS when set,
// as ls has it, else the terminal's own; 0 (no limit) for a pipe.
func (a *app) columns() int {
	if n, err := strconv.Atoi(a.env["COLUMNS"]); err == nil && n > 0 {
		return n
	}
	if f, ok := a.terminal.(*os.File); ok && isTerminal(f) {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return 0
}

// table prints rows in aligned columns; the first row is the header.
func (a *app) table(rows [][]string) {
	for _, line := range termtext.Table(rows, a.outStyle.Bold) {
		fmt.Fprintln(a.stdout, line)
	}
}

// clean is termtext.Clean: every string from outside awsp passes through
// it on its way to a terminal.
func clean(s string) string { return termtext.Clean(s) }

// kube reads the kubeconfig files, saying in one line each what is wrong
// with one that cannot be read.
func (a *app) kube() *kube.Config {
	k := loadKube(a.env)
	for _, p := range k.Problems {
		fmt.Fprintf(a.stderr, "awsp: %s: %s\n", a.tilde(p.File), clean(p.Message))
	}
	return k
}

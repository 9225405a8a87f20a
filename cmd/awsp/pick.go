package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/awsp-dev/awsp/internal/cli"
	"github.com/awsp-dev/awsp/internal/picker"
	"github.com/awsp-dev/awsp/internal/view"
)

// pick lets a person choose a profile on the terminal (package picker).
// It draws on /dev/tty, so it works while the shell function captures
// stdout. Nothing chosen is a quiet failure.
func (a *app) pick() (string, error) {
	c, err := a.load()
	if err != nil {
		return "", err
	}
	tty, err := a.openTTY()
	if err != nil {
		// No terminal: the names, on stderr, since stdout here is code
		// for the shell to evaluate.
		for _, n := range c.Names() {
			fmt.Fprintln(a.stderr, clean(n))
		}
		return "", quiet(cli.ExitFindings)
	}
	defer tty.Close()
	if a.env["TERM"] == "dumb" {
		rows, fill := a.pickerRows(view.Style{})
		for i := range rows {
			fill(&rows[i])
		}
		switch answer := picker.ByLine(tty, rows); {
		case answer == "":
			return "", quiet(cli.ExitFindings)
		case c.Profiles[answer] == nil:
			return "", a.notFound(c, answer)
		default:
			return answer, nil
		}
	}
	t, restore, err := picker.OpenTTY(tty)
	if err != nil {
		return "", failf(cli.ExitUsage, "no terminal for the picker: %v", err)
	}
	defer restore()
	// A resize redraws; a signal that ends the process leaves the
	// terminal as it was first (the deferred calls), as Ctrl-C does.
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, syscall.SIGWINCH, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT, syscall.SIGQUIT)
	defer signal.Stop(signals)
	// The list is drawn on the terminal, whatever stdout is.
	st := view.NewStyle(tty, a.env)
	rows, fill := a.pickerRows(st)
	if name, ok := picker.Run(t, picker.New(rows, a.activeProfile(), fill), st, signals); ok {
		return name, nil
	}
	return "", quiet(cli.ExitFindings)
}

// pickerRows are the rows with their names alone, and what describes
// one: the picker describes the rows it shows first, and the rest once
// the first frame is on the screen (10,000 profiles take longer to
// describe than a frame should take to appear). The picker says nothing
// of a broken awsp config: it is read as an empty one.
func (a *app) pickerRows(st view.Style) ([]picker.Row, func(*picker.Row)) {
	c, _ := a.load()
	d := view.NewDescriber(c, a.settingsQuietly(), a.env)
	active, wanted := a.activeProfile(), a.wantedHere()
	rows := picker.Named(c.Names(), func(n string) string { return view.Mark(n == active, n == wanted) })
	now := a.now()
	return rows, func(r *picker.Row) { picker.Describe(r, d.Describe, now, st) }
}

// Package view renders what awsp says of profiles for people and
// scripts: the rows of -l and the picker fitted to a terminal, the status
// of a session, the JSON of -l, the description completion shows, and
// the colours of it all. Everything it shows of a profile comes from one
// description (Describer), built once a run.
package view

import (
	"io"
	"os"

	"github.com/awsp-dev/awsp/internal/environ"
	"github.com/mattn/go-isatty"
)

// Style colours text for a terminal and leaves it plain anywhere else.
// The zero Style is plain.
type Style struct{ on bool }

// ColourRule is when awsp colours what it prints (NewStyle) and when
// the prompt segment is coloured (prompt.Colour), as --help, the man page
// and the README say it: TestColourRuleIsSaidOnce holds them to it.
const ColourRule = "Colour only on a terminal, never with NO_COLOR or TERM=dumb set (CLICOLOR_FORCE forces it); the prompt segment, which a prompt reads through a pipe, is coloured whatever its output is, unless NO_COLOR or TERM=dumb is set."

// NewStyle is the Style of w by ColourRule (no-color.org).
func NewStyle(w io.Writer, env environ.Environ) Style {
	if env["NO_COLOR"] != "" || env["TERM"] == "dumb" {
		return Style{}
	}
	if env["CLICOLOR_FORCE"] != "" && env["CLICOLOR_FORCE"] != "0" {
		return Style{on: true}
	}
	f, ok := w.(*os.File)
	return Style{on: ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))}
}

// Colour wraps text in the SGR code ("31", "1;33").
func (s Style) Colour(code, text string) string {
	if !s.on || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

func (s Style) Bold(t string) string   { return s.Colour("1", t) }
func (s Style) Dim(t string) string    { return s.Colour("2", t) }
func (s Style) Red(t string) string    { return s.Colour("31", t) }
func (s Style) Green(t string) string  { return s.Colour("32", t) }
func (s Style) Yellow(t string) string { return s.Colour("33", t) }

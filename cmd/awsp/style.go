package main

import (
	"io"
	"os"

	"github.com/mattn/go-isatty"

	"github.com/awsp-dev/awsp/internal/profiles"
)

// style colours text for a terminal and leaves it plain anywhere else.
type style struct{ on bool }

// newStyle colours only a terminal, never with NO_COLOR (no-color.org) or
// TERM=dumb; CLICOLOR_FORCE forces it, for tests and pagers.
func newStyle(w io.Writer, env profiles.Environ) style {
	if env["NO_COLOR"] != "" || env["TERM"] == "dumb" {
		return style{}
	}
	if env["CLICOLOR_FORCE"] != "" && env["CLICOLOR_FORCE"] != "0" {
		return style{on: true}
	}
	f, ok := w.(*os.File)
	return style{on: ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))}
}

func (s style) wrap(code, text string) string {
	if !s.on || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

func (s style) bold(t string) string   { return s.wrap("1", t) }
func (s style) dim(t string) string    { return s.wrap("2", t) }
func (s style) red(t string) string    { return s.wrap("31", t) }
func (s style) green(t string) string  { return s.wrap("32", t) }
func (s style) yellow(t string) string { return s.wrap("33", t) }

module github.com/awsp-dev/awsp

go 1.26.0

require (
	github.com/adrg/xdg v0.5.3
	github.com/mattn/go-isatty v0.0.24
	golang.org/x/term v0.47.0
	gopkg.in/ini.v1 v1.67.3
)

require golang.org/x/sys v0.49.0 // indirect

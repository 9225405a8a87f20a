module github.com/awsp-dev/awsp

go 1.26

require (
	github.com/adrg/xdg v0.5.3
	github.com/mattn/go-isatty v0.0.24
	gopkg.in/ini.v1 v1.67.3
)

require golang.org/x/sys v0.28.0 // indirect

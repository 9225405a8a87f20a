module github.com/awsp-dev/awsp

go 1.26

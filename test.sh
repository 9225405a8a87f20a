#!/usr/bin/env bash
# Runs every test of awsp. On a fresh machine it first installs what the
# tests drive: zsh, fish, nushell and tmux for the shell tests, strace to prove
# nothing runs or connects, shellcheck for the shell code, direnv and
# zoxide to run beside, man to render the man page (with apt-get, as root). botocore, the AWS CLI and moto_server
# are the references the tests compare against; they must be installed.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
for tool in zsh fish tmux shellcheck strace direnv zoxide man:man-db; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "test.sh: install ${missing[*]} first (apt-get install ${missing[*]})" >&2
    exit 2
  fi
fi

# Nushell from the npm registry: its package carries the nu binary.
if ! command -v nu >/dev/null 2>&1; then
  if command -v npm >/dev/null 2>&1; then
    echo "test.sh: installing nushell 0.115.1 (npm)"
    npm install -g --silent --no-fund --no-audit nushell@0.115.1 >/dev/null 2>&1
  else
    echo "test.sh: install nushell first (npm install -g nushell@0.115.1)" >&2
    exit 2
  fi
fi

echo "== gofmt, go vet"
unformatted=$(gofmt -l .)
if [ -n "$unformatted" ]; then
  echo "gofmt would change: $unformatted" >&2
  exit 1
fi
go vet ./...

echo "== shellcheck, fish_indent, zsh -n"
shopt -s nullglob
shellcheck -s bash test.sh .ci/run shell/*.bash completions/*.bash install.sh
fish_indent --check shell/*.fish completions/*.fish
zsh -n shell/awsp.zsh completions/_awsp

echo "== the code builds for macOS, BSD and ARM Linux"
for target in darwin/amd64 darwin/arm64 freebsd/amd64 linux/arm64; do
  GOOS=${target%/*} GOARCH=${target#*/} go vet ./...
  GOOS=${target%/*} GOARCH=${target#*/} go build -o /dev/null ./cmd/awsp ./cmd/awsp-prompt
done

echo "== releases: goreleaser check, and a snapshot whose .deb the tests install (AWSP_SKIP_GORELEASER=1 skips)"
if [ "${AWSP_SKIP_GORELEASER:-}" != 1 ]; then
  goreleaser=$(command -v goreleaser || true)
  if [ -z "$goreleaser" ]; then
    # v2.16.0: the newest GoReleaser that builds with Go 1.26.
    GOTOOLCHAIN=local go install github.com/goreleaser/goreleaser/v2@v2.16.0
    gobin=$(go env GOBIN)
    goreleaser=${gobin:-$(go env GOPATH)/bin}/goreleaser
  fi
  "$goreleaser" check
  snaplog=$(mktemp)
  if ! "$goreleaser" release --snapshot --clean >"$snaplog" 2>&1; then
    cat "$snaplog"
    exit 1
  fi
  rm -f "$snaplog"
  if command -v dpkg >/dev/null 2>&1; then
    for deb in dist/awsp_*_"$(dpkg --print-architecture)".deb; do
      AWSP_TEST_DEB=$PWD/$deb
      export AWSP_TEST_DEB
    done
  fi
fi

# ../shared (beside the checkout, read-only in CI) holds the shell
# frameworks people run beside awsp and builds of the older shells they
# have: the tests take them from variables. Under CI=true they must be
# there; elsewhere the tests that need them are skipped.
shared=$(cd .. && pwd)/shared
if [ -d "$shared/peers" ]; then
  export AWSP_TEST_BASH_PREEXEC=$shared/peers/bash-preexec/bash-preexec.sh
  export AWSP_TEST_OHMYZSH=$shared/peers/ohmyzsh
  export AWSP_TEST_P10K=$shared/peers/powerlevel10k
elif [ "${CI:-}" = true ]; then
  echo "test.sh: $shared/peers is missing: CI must have the peers checkouts" >&2
  exit 2
fi

echo "== go test"
go test -count=1 ./...

echo "== the shell tests again, under the older shells people have ($shared/shells)"
old_shells=(bash-3.2/bin/bash bash-4.2/bin/bash bash-4.4/bin/bash bash-5.0/bin/bash zsh-5.8/zsh)
if [ -d "$shared/shells" ]; then
  for s in "${old_shells[@]}"; do
    name=${s%%/*}
    shell=${name%-*}
    echo "-- $name"
    # Every subtest named after the shell, in that build of it.
    var=AWSP_TEST_$(printf %s "$shell" | tr '[:lower:]' '[:upper:]')
    env "$var=$shared/shells/$s" go test -count=1 -run "/$shell"'$' ./test
  done
elif [ "${CI:-}" = true ]; then
  echo "test.sh: $shared/shells is missing: CI must have the older shells" >&2
  exit 2
else
  echo "(none here: skipped)"
fi

echo "== fuzzing, briefly each (the corpus is in testdata/fuzz)"
fuzzlog=$(mktemp)
trap 'rm -f "$fuzzlog"' EXIT
while read -r target pkg; do
  if go test -run '^$' -fuzz "^$target\$" -fuzztime "${AWSP_FUZZTIME:-8s}" "$pkg" >"$fuzzlog" 2>&1; then
    grep -E '^(ok|fuzz: elapsed)' "$fuzzlog" | tail -2
  else
    cat "$fuzzlog" # all of it: the failing input and why
    exit 1
  fi
done <<'TARGETS'
FuzzParse ./internal/profiles
FuzzQuote ./internal/shellcode
FuzzRender ./internal/prompt
FuzzExpand ./internal/prompt
FuzzEntry ./internal/prompt
FuzzLoad ./internal/kube
FuzzClean ./internal/termtext
TARGETS

echo "== benchmarks, once each, so that they cannot rot (figures: go run ./bench)"
go test -run '^$' -bench . -benchtime 1x -short ./... | grep -E '^(Benchmark|ok|FAIL)'

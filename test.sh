#!/usr/bin/env bash
# Runs every test of awsp. On a fresh machine it first installs what the
# tests drive: zsh, fish, nushell and tmux for the shell tests, strace to prove
# nothing runs or connects, shellcheck for the shell code, direnv and
# zoxide to run beside, man to render the man page (with apt-get, as root),
# and the SARIF schema (npm). botocore, the AWS CLI and moto_server
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

# The SARIF 2.1.0 schema that --lint --format sarif is checked against
# (its rtm.5 text, as the npm package of Microsoft's SARIF matchers
# carries it), fetched once into the cache and checked by its hash.
sarif_schema=${XDG_CACHE_HOME:-$HOME/.cache}/awsp-test/sarif-2.1.0-rtm.5.json
sarif_sha256=2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8
if [ ! -s "$sarif_schema" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "test.sh: install npm first: the SARIF schema comes from the npm registry" >&2
    exit 2
  fi
  echo "test.sh: fetching the SARIF 2.1.0 schema (npm)"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null 2>&1 &&
    tar xzf microsoft-jest-sarif-1.0.0-beta.0.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json)
  mkdir -p "$(dirname "$sarif_schema")"
  mv "$tmp/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$sarif_schema"
  rm -rf "$tmp"
fi
if ! echo "$sarif_sha256  $sarif_schema" | sha256sum -c --quiet >/dev/null 2>&1; then
  echo "test.sh: $sarif_schema is not the SARIF 2.1.0 schema (sha256 differs): remove it to fetch it again" >&2
  exit 2
fi
export AWSP_TEST_SARIF_SCHEMA=$sarif_schema

# The references the tests compare against, from PyPI, which this
# script cannot reach: a machine without them stops here, at once.
refs=()
python3 -c 'import botocore' >/dev/null 2>&1 || refs+=("botocore (pip install botocore)")
command -v aws >/dev/null 2>&1 || refs+=("the AWS CLI (pip install awscli)")
command -v moto_server >/dev/null 2>&1 || refs+=("moto_server (pip install 'moto[server]')")
if ((${#refs[@]})); then
  list=$(printf '%s; ' "${refs[@]}")
  echo "test.sh: install the references the tests compare against first: ${list%; }" >&2
  exit 2
fi

# Every stage runs, whatever an earlier one did: a failing test must not
# hide that fuzzing or the benchmarks fail too. The exit status says
# whether all passed; the end names the stages that did not.
failed=()
stage() {
  local name=$1
  shift
  echo "== $name"
  if ! "$@"; then
    failed+=("$name")
  fi
}

lint() {
  local unformatted
  unformatted=$(gofmt -l .)
  if [ -n "$unformatted" ]; then
    echo "gofmt would change: $unformatted" >&2
    return 1
  fi
  go vet ./... &&
    shellcheck -s bash test.sh .ci/run shell/*.bash completions/*.bash install.sh &&
    fish_indent --check shell/*.fish completions/*.fish &&
    zsh -n shell/awsp.zsh completions/_awsp
}

cross_build() {
  local target
  for target in darwin/amd64 darwin/arm64 freebsd/amd64 linux/arm64; do
    GOOS=${target%/*} GOARCH=${target#*/} go vet ./... &&
      GOOS=${target%/*} GOARCH=${target#*/} go build -o /dev/null ./cmd/awsp ./cmd/awsp-prompt ./cmd/awsp-net || return 1
  done
}

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
if [ ! -d "$shared/shells" ] && [ "${CI:-}" = true ]; then
  echo "test.sh: $shared/shells is missing: CI must have the older shells" >&2
  exit 2
fi

# The package test needs the snapshot's .deb: it runs after GoReleaser.
go_test() {
  go test -count=1 -skip '^TestDebPackage$' ./...
}

old_shells() {
  local s name shell var rc=0
  if [ ! -d "$shared/shells" ]; then
    echo "(none here: skipped)"
    return 0
  fi
  for s in bash-3.2/bin/bash bash-4.2/bin/bash bash-4.4/bin/bash bash-5.0/bin/bash zsh-5.8/zsh; do
    name=${s%%/*}
    shell=${name%-*}
    echo "-- $name"
    # Every subtest named after the shell, in that build of it.
    var=AWSP_TEST_$(printf %s "$shell" | tr '[:lower:]' '[:upper:]')
    env "$var=$shared/shells/$s" go test -count=1 -skip '^TestDebPackage$' -run "/$shell"'$' ./test || rc=1
  done
  return "$rc"
}

fuzz() {
  local fuzzlog target pkg rc=0
  fuzzlog=$(mktemp)
  while read -r target pkg; do
    # Go's fuzzing coordinator can fail a target with a bare "context
    # deadline exceeded" as -fuzztime ends, having found nothing (a race
    # between the deadline and its workers, seen in many projects): such
    # a run, with no failing input written, is run once more. A failure
    # with an input still fails at once.
    if go test -run '^$' -fuzz "^$target\$" -fuzztime "${AWSP_FUZZTIME:-8s}" "$pkg" >"$fuzzlog" 2>&1 ||
      { grep -q '^    context deadline exceeded$' "$fuzzlog" && ! grep -q 'Failing input written' "$fuzzlog" &&
        echo "$target: the fuzzing coordinator's deadline race, no input found: once more" &&
        go test -run '^$' -fuzz "^$target\$" -fuzztime "${AWSP_FUZZTIME:-8s}" "$pkg" >"$fuzzlog" 2>&1; }; then
      grep -E '^(ok|fuzz: elapsed)' "$fuzzlog" | tail -2
    else
      cat "$fuzzlog" # all of it: the failing input and why
      rc=1
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
  rm -f "$fuzzlog"
  return "$rc"
}

benchmarks() {
  local out
  out=$(go test -run '^$' -bench . -benchtime 1x -short ./... 2>&1) || {
    echo "$out"
    return 1
  }
  grep -E '^(Benchmark|ok|FAIL)' <<<"$out"
}

# Mutation testing of the engine, the prompt, the console's addresses and
# the sync's blocks (gremlins: each mutant of
# a package against that package's tests), under CI or when asked with
# AWSP_MUTATION=1: it takes minutes. Each package must keep the efficacy
# TESTING.md reports. The engine's differential tests are left out (a
# Python and a Go SDK run per mutant), and CI is unset for the copy
# gremlins works in, which has no ../shared beside it.
mutation() {
  local gremlins gobin pkg threshold rc=0
  gremlins=$(command -v gremlins || true)
  if [ -z "$gremlins" ]; then
    GOTOOLCHAIN=local go install github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0 || return 1
    gobin=$(go env GOBIN)
    gremlins=${gobin:-$(go env GOPATH)/bin}/gremlins
  fi
  local out efficacy
  while read -r pkg threshold; do
    echo "-- $pkg (efficacy at least $threshold%)"
    # gremlins v0.6.0 does not act on its own --threshold-efficacy: the
    # figure is read from its report.
    out=$(env -u CI AWSP_SKIP_BOTOCORE=1 AWSP_SKIP_GOSDK=1 "$gremlins" unleash --workers 2 --timeout-coefficient 10 "$pkg" 2>&1) || {
      echo "$out"
      rc=1
      continue
    }
    grep -E '^(Killed|Timed out|Test efficacy|Mutator coverage)' <<<"$out"
    efficacy=$(sed -n 's/^Test efficacy: \([0-9.]*\)%$/\1/p' <<<"$out")
    if ! awk -v e="${efficacy:-0}" -v t="$threshold" 'BEGIN { exit !(e >= t) }'; then
      echo "$pkg: mutation test efficacy ${efficacy:-unknown}% is below $threshold%" >&2
      rc=1
    fi
  done <<'PACKAGES'
./internal/prompt 95
./internal/profiles 65
./internal/console 95
./internal/ssosync 90
PACKAGES
  return "$rc"
}

# GoReleaser comes last: on a cold machine it is a long build (its own
# module graph), and no test waits for it but the package's.
releases() {
  local goreleaser gobin snaplog deb
  goreleaser=$(command -v goreleaser || true)
  if [ -z "$goreleaser" ]; then
    # v2.16.0: the newest GoReleaser that builds with Go 1.26.
    GOTOOLCHAIN=local go install github.com/goreleaser/goreleaser/v2@v2.16.0 || return 1
    gobin=$(go env GOBIN)
    goreleaser=${gobin:-$(go env GOPATH)/bin}/goreleaser
  fi
  "$goreleaser" check || return 1
  snaplog=$(mktemp)
  if ! "$goreleaser" release --snapshot --clean >"$snaplog" 2>&1; then
    cat "$snaplog"
    rm -f "$snaplog"
    return 1
  fi
  rm -f "$snaplog"
  if ! command -v dpkg >/dev/null 2>&1; then
    echo "(no dpkg here: the .deb is not installed)"
    return 0
  fi
  for deb in dist/awsp_*_"$(dpkg --print-architecture)".deb; do
    AWSP_TEST_DEB=$PWD/$deb go test -count=1 -run '^TestDebPackage$' ./test || return 1
  done
}

stage "gofmt, go vet, shellcheck, fish_indent, zsh -n" lint
stage "the code builds for macOS, BSD and ARM Linux" cross_build
stage "go test" go_test
stage "the shell tests again, under the older shells people have ($shared/shells)" old_shells
stage "fuzzing, briefly each (the corpus is in testdata/fuzz)" fuzz
stage "benchmarks, once each, so that they cannot rot (figures: go run ./bench)" benchmarks
if [ "${CI:-}" = true ] || [ "${AWSP_MUTATION:-}" = 1 ]; then
  stage "mutation testing (gremlins)" mutation
fi
if [ "${AWSP_SKIP_GORELEASER:-}" = 1 ]; then
  echo "== releases: skipped (AWSP_SKIP_GORELEASER=1)"
else
  stage "releases: goreleaser check, a snapshot, and its .deb installed" releases
fi

if ((${#failed[@]})); then
  printf 'test.sh: failed: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "test.sh: all passed"

#!/usr/bin/env bash
# Installs awsp from this checkout:
#   - builds awsp, awsp-prompt and awsp-net with `go build` (nothing is
#     downloaded but Go modules) into ${PREFIX:-$HOME/.local}/bin,
#   - puts the completions where bash, zsh and fish look for them (under
#     PREFIX when it is Homebrew's),
#   - adds the init line to ~/.bashrc, to the login file bash reads
#     (~/.bash_profile, ~/.bash_login or ~/.profile: macOS Terminal, ssh
#     and many tmux setups start login shells), to ${ZDOTDIR:-$HOME}/.zshrc
#     and ~/.config/fish/conf.d/awsp.fish, and, when nushell is installed,
#     to its config.nu (which writes the init to its autoload directory at
#     each start), once, between marker lines, keeping a backup and keeping
#     a symlinked rc file a symlink.
# POSIX commands only (macOS and BSD have no install -D, no readlink -f).
#
# --auto makes the shells follow .awsprofile files (awsp --init SHELL
# --auto); run again without it to stop. --uninstall removes all of it and
# awsp's cache; --purge as well its state (the .awsprofile allow list).
# Your awsp config file is never removed.
#
# Usage: ./install.sh [--auto] [--no-modify-rc] [--uninstall [--purge]]
set -euo pipefail

prefix=${PREFIX:-$HOME/.local}
bin_dir=$prefix/bin
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
config_home=${XDG_CONFIG_HOME:-$HOME/.config}
bash_completion=$data_home/bash-completion/completions/awsp
zsh_completion=$data_home/zsh/site-functions/_awsp
fish_completion=$config_home/fish/completions/awsp.fish
if [ -x "$prefix/bin/brew" ]; then
  # Homebrew's own folders, which its bash-completion, zsh and fish read.
  bash_completion=$prefix/etc/bash_completion.d/awsp
  zsh_completion=$prefix/share/zsh/site-functions/_awsp
  fish_completion=$prefix/share/fish/vendor_completions.d/awsp.fish
fi
# man finds a page under PREFIX/share/man when PREFIX/bin is on PATH.
man_page=$prefix/share/man/man1/awsp.1
fish_conf=$config_home/fish/conf.d/awsp.fish
bashrc=$HOME/.bashrc
# The login file bash reads: the first of these that exists, else
# ~/.bash_profile (made by the install, removed by the uninstall).
bash_login=$HOME/.bash_profile
for f in "$HOME/.bash_profile" "$HOME/.bash_login" "$HOME/.profile"; do
  if [ -e "$f" ]; then
    bash_login=$f
    break
  fi
done
zshrc=${ZDOTDIR:-$HOME}/.zshrc
# Nushell says where its config is (~/.config/nushell, or on macOS
# without XDG_CONFIG_HOME ~/Library/Application Support/nushell).
nu_dir=''
if command -v nu >/dev/null 2>&1; then
  # shellcheck disable=SC2016 # nushell's variable
  nu_dir=$(nu --no-config-file -c 'print -n $nu.default-config-dir' 2>/dev/null) || nu_dir=''
fi
begin='# >>> awsp >>>'
end='# <<< awsp <<<'

# awsp's cache and state, where awsp puts them (an XDG value that is not
# absolute is ignored, as awsp ignores it). Only these paths, which end in
# /awsp, are ever removed: an AWSP_CACHE_DIR or AWSP_STATE_DIR of your own
# is left alone.
xdg() {
  case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$2" ;;
  esac
}
cache_dir=$(xdg "${XDG_CACHE_HOME:-}" "$HOME/.cache")/awsp
state_dir=$(xdg "${XDG_STATE_HOME:-}" "$HOME/.local/state")/awsp

modify_rc=1
init_flags=''
uninstall=0
purge=0
for arg in "$@"; do
  case $arg in
    --no-modify-rc) modify_rc=0 ;;
    --auto) init_flags=' --auto' ;;
    --uninstall) uninstall=1 ;;
    --purge) purge=1 ;;
    -h | --help)
      sed -n '2,19s/^# \{0,1\}//p' "$0"
      exit 0
      ;;
    *)
      echo "install.sh: unknown option $arg (see --help)" >&2
      exit 2
      ;;
  esac
done
if [ "$purge" = 1 ] && [ "$uninstall" = 0 ]; then
  echo "install.sh: --purge goes with --uninstall" >&2
  exit 2
fi

say() { printf 'install.sh: %s\n' "$*"; }

# target follows a symlinked rc file to the file it names, so that writing
# it keeps the link (dotfile managers rely on that). readlink without -f,
# which macOS before 12.3 lacks: one link at a time, at most 40.
target() {
  local f=$1 link n=0
  while [ -L "$f" ] && [ $n -lt 40 ]; do
    link=$(readlink -- "$f")
    case $link in
      /*) f=$link ;;
      *) f=$(dirname -- "$f")/$link ;;
    esac
    n=$((n + 1))
  done
  printf '%s\n' "$f"
}

# put copies a file to a path, making its folder: install -D is GNU's.
put() {
  mkdir -p "$(dirname "$2")"
  install -m 0644 "$1" "$2"
}

# strip_block prints file without awsp's block.
strip_block() {
  awk -v b="$begin" -v e="$end" '$0 == b { skip = 1 } !skip { print } skip && $0 == e { skip = 0 }' "$1"
}

# add_block appends awsp's block to an rc file, once; a later install
# (with other flags) rewrites the block where it is. An init line of the
# person's own, outside the block, is left alone.
add_block() {
  local rc=$1 body=$2 file
  file=$(target "$rc")
  if [ -f "$file" ] && grep -qxF "$begin" "$file"; then
    if [ "$(awk -v b="$begin" -v e="$end" '$0 == e { skip = 0 } skip { print } $0 == b { skip = 1 }' "$file")" = "$body" ]; then
      say "$rc already loads awsp"
      return
    fi
    # The body from the environment: awk -v would read its backslashes
    # as escapes.
    AWSP_BLOCK=$body awk -v b="$begin" -v e="$end" '$0 == b { print; print ENVIRON["AWSP_BLOCK"]; skip = 1; next } $0 == e { skip = 0 } !skip { print }' "$file" >"$file.awsp-tmp"
    cat "$file.awsp-tmp" >"$file" # in place: the file keeps its mode and links
    rm -f "$file.awsp-tmp"
    say "updated awsp in $rc"
    return
  fi
  if [ -f "$file" ] && grep -qF "awsp --init" "$file"; then
    say "$rc already loads awsp (its own line${init_flags:+: add$init_flags to it})"
    return
  fi
  # The mode, not access(2): root may write anything, but a file made
  # read-only was made so on purpose (a managed dotfile).
  if [ -e "$file" ] && [ -z "$(find "$file" -maxdepth 0 -perm -u+w)" ]; then
    say "$rc is read-only: add this to it yourself:"
    printf '%s\n' "$body"
    return
  fi
  mkdir -p "$(dirname "$file")"
  if [ -s "$file" ]; then
    cp -p "$file" "$file.awsp-backup"
  fi
  # A file without a final newline must not swallow the block's first line.
  local sep=''
  if [ -s "$file" ] && [ -n "$(tail -c 1 "$file")" ]; then sep=$'\n'; fi
  printf '%s%s\n%s\n%s\n' "$sep" "$begin" "$body" "$end" >>"$file"
  say "added awsp to $rc"
}

# remove_block takes awsp's block out of an rc file, writing in place.
remove_block() {
  local rc=$1 file stripped
  file=$(target "$rc")
  [ -f "$file" ] && grep -qxF "$begin" "$file" || return 0
  stripped=$(strip_block "$file"; printf x)
  stripped=${stripped%x}
  # The install added a newline to a file that had none: take it back.
  if [ -f "$file.awsp-backup" ] && [ -n "$(tail -c 1 "$file.awsp-backup")" ]; then
    stripped=${stripped%$'\n'}
  fi
  printf '%s' "$stripped" >"$file"
  if [ -f "$file.awsp-backup" ] && cmp -s "$file" "$file.awsp-backup"; then
    rm -f "$file.awsp-backup"
  fi
  if [ ! -s "$file" ] && [ ! -L "$rc" ]; then
    rm -f "$file" # the install created it
  fi
  say "removed awsp from $rc"
}

# The install directory goes into rc files as a literal, quoted once for
# each shell (a PREFIX with a space, a $ or a quote stays one word that
# nothing expands): POSIX sh single quotes, fish single quotes (\\ and
# \' escaped), nushell double quotes (\\ and " escaped).
sh_quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
fish_quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/[\\\\']/\\\\&/g")"; }
nu_quote() { printf '"%s"' "$(printf '%s' "$1" | sed 's/[\\"]/\\&/g')"; }
path_line="case \":\$PATH:\" in *:$(sh_quote "$bin_dir"):*) ;; *) PATH=$(sh_quote "$bin_dir"):\$PATH ;; esac"
# The init line runs the binary as \command: an alias named awsp (another
# tool's), or of command, would run in its place. It runs only in bash:
# the login file may be ~/.profile, which sh (dash, a display manager)
# reads too. A login shell that reads ~/.bashrc too loads the init once:
# the second time finds the hook there.
# shellcheck disable=SC2016 # expanded by the shell that reads the rc file
bash_init='if [ -n "${BASH_VERSION-}" ] && ! \builtin type __awsp_prompt_hook >/dev/null 2>&1; then eval "$(\command awsp --init bash'"$init_flags"')"; fi'
# shellcheck disable=SC2016
zsh_init='eval "$(\command awsp --init zsh'"$init_flags"')"'
fish_init="command awsp --init fish$init_flags | source"
# Nushell sources no command's output: config.nu writes the init to the
# autoload directory, which nushell reads after config.nu, at each start.
# shellcheck disable=SC2016 # nushell's variables
nu_init='$env.PATH = ($env.PATH | split row (char esep) | prepend '"$(nu_quote "$bin_dir")"' | uniq)
mkdir ($nu.user-autoload-dirs | first)
^awsp --init nu'"$init_flags"' | save --force ($nu.user-autoload-dirs | first | path join awsp.nu)'

if [ "$uninstall" = 1 ]; then
  rm -f "$bin_dir/awsp" "$bin_dir/awsp-prompt" "$bin_dir/awsp-net" "$bash_completion" "$zsh_completion" "$fish_completion" "$fish_conf" "$man_page"
  for f in "$bin_dir/awsp" "$bash_completion" "$zsh_completion" "$fish_completion" "$fish_conf" "$man_page"; do
    rmdir -p "$(dirname "$f")" 2>/dev/null || true # the folders the install made, if now empty
  done
  if [ "$modify_rc" = 1 ]; then
    remove_block "$bashrc"
    remove_block "$bash_login"
    remove_block "$zshrc"
    if [ -n "$nu_dir" ]; then
      remove_block "$nu_dir/config.nu"
      rm -f "$nu_dir/autoload/awsp.nu"
      rmdir "$nu_dir/autoload" "$nu_dir" 2>/dev/null || true # if the install made them
    fi
  fi
  rm -rf "$cache_dir"
  if [ "$purge" = 1 ]; then
    rm -rf "$state_dir"
  elif [ -d "$state_dir" ]; then
    say "kept $state_dir (the .awsprofile files you allowed; --purge removes it)"
  fi
  say "uninstalled awsp"
  exit 0
fi

cd "$(dirname "$0")"
command -v go >/dev/null 2>&1 || {
  echo "install.sh: go is needed to build awsp (https://go.dev/doc/install)" >&2
  exit 2
}
mkdir -p "$bin_dir"
version=$(git describe --tags --always --dirty 2>/dev/null || echo dev)
# Static (CGO_ENABLED=0): the dynamic loader would cost every prompt ~2 ms.
# awsp-prompt is the prompt segment alone, in a smaller binary that the
# shell integration runs (BENCHMARKS.md); both share one cache and version.
# awsp-net is the one part that opens a connection (awsp console
# --federate), kept apart so that no switch pays for net/http's start.
for cmd in awsp awsp-prompt awsp-net; do
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/awsp-dev/awsp/internal/settings.Version=$version" -o "$bin_dir/$cmd.tmp" "./cmd/$cmd"
  mv -f "$bin_dir/$cmd.tmp" "$bin_dir/$cmd"
done
say "installed $bin_dir/awsp, $bin_dir/awsp-prompt and $bin_dir/awsp-net ($version)"

put completions/awsp.bash "$bash_completion"
put completions/_awsp "$zsh_completion"
put completions/awsp.fish "$fish_completion"
say "installed completions for bash, zsh and fish"
mkdir -p "$(dirname "$man_page")"
"$bin_dir/awsp" --man >"$man_page.tmp"
mv -f "$man_page.tmp" "$man_page"
say "installed $man_page (man awsp)"

if [ "$modify_rc" = 1 ]; then
  add_block "$bashrc" "$path_line
$bash_init"
  add_block "$bash_login" "$path_line
$bash_init"
  add_block "$zshrc" "$path_line
$zsh_init"
  mkdir -p "$(dirname "$fish_conf")"
  printf '%s\n%s\n%s\n' "# Added by awsp's install.sh; removed by install.sh --uninstall." \
    "contains -- $(fish_quote "$bin_dir") \$PATH; or set -gx PATH $(fish_quote "$bin_dir") \$PATH" \
    "$fish_init" >"$fish_conf"
  say "added $fish_conf"
  if [ -n "$nu_dir" ]; then
    add_block "$nu_dir/config.nu" "$nu_init"
  fi
  say "open a new shell, or in this one: PATH=$(sh_quote "$bin_dir"):\$PATH; eval \"\$(\\command awsp --init bash$init_flags)\" (zsh alike)"
  if [ -z "$init_flags" ]; then
    say "to follow .awsprofile files on cd, run ./install.sh --auto"
  fi
fi

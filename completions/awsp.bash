# shellcheck shell=bash
# bash completion for awsp: profile names, flags, and regions after -r.
# Works alone (source it, or put it in bash-completion's completions
# directory) and is part of `awsp --init bash`. Written for bash 3.2 and
# later (no mapfile), and proof against the person's aliases and set -eu.

function _awsp_complete() {
  \builtin local cur=${COMP_WORDS[COMP_CWORD]-} prev='' line reply
  if ((COMP_CWORD > 0)); then
    prev=${COMP_WORDS[COMP_CWORD - 1]-}
  fi
  # COMP_POINT counts bytes, ${x:0:n} characters: cut in the C locale
  # (restored when the function returns).
  \builtin local LC_ALL=C
  line=${COMP_LINE:0:COMP_POINT}
  # The binary quotes each name for the way the word was begun (plain,
  # after a quote, in $'...') so that it switches as it is and runs
  # nothing, and answers relative to the part readline replaces.
  COMPREPLY=()
  while IFS= \builtin read -r reply; do
    COMPREPLY[${#COMPREPLY[@]}]=$reply
  done < <(\command awsp --complete bash -- "$prev" "$cur" "$line" 2>/dev/null)
  \builtin return 0
}
\builtin complete -o nosort -F _awsp_complete awsp 2>/dev/null || \builtin complete -F _awsp_complete awsp

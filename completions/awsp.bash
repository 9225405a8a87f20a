# shellcheck shell=bash
# bash completion for awsp: profile names, flags, and regions after -r.
# Works alone (source it, or put it in bash-completion's completions
# directory) and is part of `awsp --init bash`.

_awsp_complete() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  # The binary quotes each name so that it switches as it is, and answers
  # relative to bash's word (which COMP_WORDBREAKS may have cut at = or :).
  local IFS=$'\n'
  mapfile -t COMPREPLY < <(command awsp --complete bash -- "$prev" "$cur" "${COMP_LINE:0:COMP_POINT}" 2>/dev/null)
}
complete -o nosort -F _awsp_complete awsp 2>/dev/null || complete -F _awsp_complete awsp

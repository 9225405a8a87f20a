# shellcheck shell=bash
# bash completion for awsp: profile names, flags, regions after -r, and
# the command after awsp exec NAME.
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
  # After awsp exec NAME [--], the command and its arguments complete as
  # they would alone: bash-completion's _command_offset where it is
  # loaded, else command names, then file names.
  if [[ ${COMP_WORDS[1]-} == exec ]]; then
    \builtin local i=2 name=''
    while ((i < COMP_CWORD)); do
      case ${COMP_WORDS[i]} in
        -r | --region) i=$((i + 1)) ;;
        -*) ;;
        *)
          name=${COMP_WORDS[i]}
          i=$((i + 1))
          if [[ ${COMP_WORDS[i]-} == -- ]]; then
            i=$((i + 1))
          fi
          \builtin break
          ;;
      esac
      i=$((i + 1))
    done
    if [[ -n $name ]] && ((i <= COMP_CWORD)); then
      if \builtin declare -F _command_offset >/dev/null; then
        _command_offset "$i"
      else
        \builtin local kind=-f
        if ((i == COMP_CWORD)); then
          kind=-c
        fi
        COMPREPLY=()
        while IFS= \builtin read -r reply; do
          COMPREPLY[${#COMPREPLY[@]}]=$reply
        done < <(\builtin compgen "$kind" -- "$cur")
      fi
      \builtin return 0
    fi
  fi
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

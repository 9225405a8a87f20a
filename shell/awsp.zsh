# awsp for zsh. Load it with: eval "$(awsp --init zsh)"
#
# The binary knows AWS; this file only runs it. A child process cannot
# change its shell's environment, so `awsp NAME` asks the binary for shell
# code and evaluates it. Every value in that code is quoted by the binary.

# awsp switches this shell (NAME, -, -u, -r, or the picker) or runs the
# binary as it is (--list, --show, ...).
function awsp() {
  emulate -L zsh
  case "${1-}" in
    '' | - | -u | --unset | -r | --region | --allow | --deny | -- | [^-]*) ;;
    *)
      command awsp "$@"
      return
      ;;
  esac
  local __awsp_code __awsp_rc
  if (( ${+__awsp_previous} )); then
    __awsp_code=$(command awsp --eval zsh --auto-state "${__awsp_auto_state-}" --previous "$__awsp_previous" "$@")
  else
    __awsp_code=$(command awsp --eval zsh --auto-state "${__awsp_auto_state-}" "$@")
  fi
  __awsp_rc=$?
  if (( __awsp_rc == 0 )) && [[ -n $__awsp_code ]]; then
    builtin eval -- "$__awsp_code"
  fi
  return $__awsp_rc
}

# The segment comes from awsp-prompt, the small binary installed beside
# awsp for this: it prints what awsp --prompt prints and starts faster
# (BENCHMARKS.md). whence is a builtin: looking costs no process.
typeset -ga __awsp_prompt_cmd
if whence -p awsp-prompt >/dev/null; then
  __awsp_prompt_cmd=(awsp-prompt)
else
  __awsp_prompt_cmd=(awsp --prompt)
fi

# With --auto, zsh's chpwd hook asks the binary about .awsprofile files:
# only a change of directory starts a process.
function __awsp_chdir() {
  emulate -L zsh
  local code
  code=$(command awsp --eval zsh --auto-state "${__awsp_auto_state-}" --chdir) &&
    [[ -n $code ]] && builtin eval -- "$code"
}

# The precmd hook renders the segment only when the profile, the keys in
# the environment or the region changed, or 60 seconds passed (the time
# left must stay fresh). Otherwise it starts no process.
function __awsp_precmd() {
  emulate -L zsh
  local state="${AWS_PROFILE-}|${AWS_DEFAULT_PROFILE-}|${AWS_ACCESS_KEY_ID:+keys}|${AWS_REGION-}|${AWS_DEFAULT_REGION-}"
  if [[ $state != "${__awsp_last_state-}" ]] || (( SECONDS >= ${__awsp_refresh_at:-0} )); then
    typeset -g __awsp_last_state=$state
    typeset -g __awsp_refresh_at=$(( SECONDS + 60 ))
    typeset -g AWSP_SEGMENT=
    if [[ -n ${AWS_PROFILE-}${AWS_DEFAULT_PROFILE-} ]]; then
      AWSP_SEGMENT=$(command "${__awsp_prompt_cmd[@]}" --shell zsh 2>/dev/null)
    fi
  fi
  (( ${__awsp_show_prompt:-0} )) || return 0
  # With PROMPT_SUBST the prompt holds a reference that zsh expands once;
  # without it, the text itself, whose % the binary has doubled. Either
  # way no text from a config file is ever evaluated.
  local seg
  if [[ -o prompt_subst ]]; then
    seg='${AWSP_SEGMENT}'
  else
    seg=$AWSP_SEGMENT
  fi
  if [[ ${__awsp_where-} == rprompt ]]; then
    RPROMPT=$seg
  else
    [[ -n ${__awsp_inserted-} ]] && PROMPT=${PROMPT#"$__awsp_inserted"}
    typeset -g __awsp_inserted=
    [[ -n $seg ]] && __awsp_inserted="$seg "
    PROMPT=$__awsp_inserted$PROMPT
  fi
}

if [[ -o interactive ]]; then
  # RPROMPT when it is free, else before PROMPT.
  if [[ -z ${__awsp_where-} ]]; then
    if [[ -z ${RPROMPT-} ]]; then
      typeset -g __awsp_where=rprompt
    else
      typeset -g __awsp_where=prompt
    fi
  fi
  autoload -Uz add-zsh-hook
  add-zsh-hook precmd __awsp_precmd
  if (( ${__awsp_auto:-0} )); then
    add-zsh-hook chpwd __awsp_chdir
    __awsp_chdir # the directory the shell starts in
  fi
fi

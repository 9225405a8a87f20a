# awsp for zsh. Load it with: eval "$(\command awsp --init zsh)"
#
# The binary knows AWS; this file only runs it. A child process cannot
# change its shell's environment, so `awsp NAME` asks the binary for shell
# code and evaluates it. Every value in that code is quoted by the binary.
#
# It runs inside a person's shell, whatever their .zshrc set: functions
# start with emulate -L zsh (KSH_ARRAYS, SH_WORD_SPLIT, NO_UNSET and
# ERR_EXIT do not reach them), top-level code runs in an anonymous
# function, and builtins and commands are called as \builtin and \command
# so that no alias takes their place.

# An alias named awsp would be expanded in place of the function.
\builtin unalias awsp 2>/dev/null

# awsp switches this shell (NAME, -, -u, -r, or the picker), acts as a
# profile (awsp exec, awsp console: the binary prints what runs), or runs
# the binary as it is (--list, --show, ...).
function awsp() {
  \builtin emulate -L zsh
  case "${1-}" in
    '' | - | -u | --unset | -r | --region | --allow | --deny | --login | -- | [^-]*) ;;
    *)
      \command awsp "$@"
      \builtin return
      ;;
  esac
  \builtin local __awsp_code __awsp_rc=0
  if (( ${+__awsp_previous} )); then
    __awsp_code=$(\command awsp --eval zsh --protocol "${__awsp_protocol-0}" --following "${__awsp_auto-0}" --auto-state "${__awsp_auto_state-}" --previous "$__awsp_previous" "$@") || __awsp_rc=$?
  else
    __awsp_code=$(\command awsp --eval zsh --protocol "${__awsp_protocol-0}" --following "${__awsp_auto-0}" --auto-state "${__awsp_auto_state-}" "$@") || __awsp_rc=$?
  fi
  # The code fails where the AWS CLI's login it ran failed (awsp login);
  # for awsp exec its status is the command's.
  if (( __awsp_rc == 0 )) && [[ -n $__awsp_code ]]; then
    \builtin eval -- "$__awsp_code" || __awsp_rc=$?
  fi
  \builtin return $__awsp_rc
}

# With --auto, zsh's chpwd hook asks the binary about .awsprofile files:
# only a change of directory starts a process.
function __awsp_chdir() {
  \builtin emulate -L zsh
  \builtin local code
  if code=$(\command awsp --eval zsh --protocol "${__awsp_protocol-0}" --auto-state "${__awsp_auto_state-}" --chdir) && [[ -n $code ]]; then
    \builtin eval -- "$code"
  fi
  \builtin return 0
}

# The precmd hook renders the segment only when the profile, the keys in
# the environment or the region changed, a file it was made from changed
# (the binary names them; -nt compares each with a stamp it touched), or
# 60 seconds passed (the time left must stay fresh). Otherwise it starts
# no process.
function __awsp_precmd() {
  # The person's prompt options, before emulate sets zsh's own.
  \builtin local subst=0 bang=0
  [[ -o prompt_subst ]] && subst=1
  [[ -o prompt_bang ]] && bang=1
  \builtin emulate -L zsh
  # The re-render key: every variable the segment is made from
  # (prompt.RenderVars, in Go; a test holds this line to it).
  \builtin local state="${AWS_PROFILE-}|${AWS_DEFAULT_PROFILE-}|${AWS_ACCESS_KEY_ID-}|${AWS_CONTAINER_CREDENTIALS_FULL_URI-}|${AWS_REGION-}|${AWS_DEFAULT_REGION-}|${AWS_CONFIG_FILE-}|${AWS_SHARED_CREDENTIALS_FILE-}|${AWSP_CONFIG-}|${AWSP_PROMPT_FORMAT-}"
  \builtin local changed=0 f
  if [[ -n ${__awsp_stamp-} ]]; then
    for f in "${__awsp_watch[@]}"; do
      if [[ $f -nt $__awsp_stamp ]]; then
        changed=1
        break
      fi
    done
  fi
  if [[ $state != "${__awsp_last_state-}" ]] || (( changed || SECONDS >= ${__awsp_refresh_at:-0} )); then
    \builtin typeset -g __awsp_last_state=$state
    \builtin typeset -g __awsp_refresh_at=$(( SECONDS + 60 ))
    \builtin typeset -g AWSP_SEGMENT= __awsp_stamp=
    \builtin typeset -ga __awsp_watch
    __awsp_watch=()
    if [[ -n ${AWS_PROFILE-}${AWS_DEFAULT_PROFILE-}${AWS_ACCESS_KEY_ID-}${AWS_CONTAINER_CREDENTIALS_FULL_URI-} ]]; then
      # The segment's line, then the stamp and the watched files.
      \builtin local -a lines
      lines=("${(@f)$(\command "${__awsp_prompt_cmd[@]}" --shell zsh --watch $$ 2>/dev/null)}")
      AWSP_SEGMENT=${lines[1]-}
      __awsp_stamp=${lines[2]-}
      __awsp_watch=("${(@)lines[3,-1]}")
    fi
    # With PROMPT_BANG a ! in the prompt is the history number: !! is one
    # ! (the binary has doubled every %).
    (( bang )) && AWSP_SEGMENT=${AWSP_SEGMENT//\!/!!}
  fi
  (( ${__awsp_show_prompt:-0} )) || \builtin return 0
  # With PROMPT_SUBST the prompt holds a reference that zsh expands once;
  # without it, the text itself. Either way no text from a config file is
  # ever evaluated.
  \builtin local seg
  if (( subst )); then
    seg='${AWSP_SEGMENT}'
  else
    seg=$AWSP_SEGMENT
  fi
  if [[ ${__awsp_where-} == rprompt ]]; then
    RPROMPT=$seg
  else
    [[ -n ${__awsp_inserted-} ]] && PROMPT=${PROMPT#"$__awsp_inserted"}
    \builtin typeset -g __awsp_inserted=
    [[ -n $seg ]] && __awsp_inserted="$seg "
    PROMPT=$__awsp_inserted$PROMPT
  fi
  \builtin return 0
}

() {
  \builtin emulate -L zsh
  # The segment comes from awsp-prompt, the small binary installed beside
  # awsp for this: it prints what awsp --prompt prints and starts faster
  # (BENCHMARKS.md). whence is a builtin: looking costs no process.
  \builtin typeset -ga __awsp_prompt_cmd
  if \builtin whence -p awsp-prompt >/dev/null; then
    __awsp_prompt_cmd=(awsp-prompt)
  else
    __awsp_prompt_cmd=(awsp --prompt)
  fi
  [[ -o interactive ]] || \builtin return 0
  # RPROMPT when it is free, else before PROMPT.
  if [[ -z ${__awsp_where-} ]]; then
    if [[ -z ${RPROMPT-} ]]; then
      \builtin typeset -g __awsp_where=rprompt
    else
      \builtin typeset -g __awsp_where=prompt
    fi
  fi
  \builtin autoload -Uz add-zsh-hook
  if (( ${__awsp_auto:-0} )); then
    add-zsh-hook chpwd __awsp_chdir
    # The directory the shell starts in, at the first prompt (before the
    # segment is drawn): nothing is printed while the rc file runs, as
    # powerlevel10k's instant prompt asks.
    add-zsh-hook precmd __awsp_first_chdir
  fi
  add-zsh-hook precmd __awsp_precmd
}

function __awsp_first_chdir() {
  \builtin emulate -L zsh
  add-zsh-hook -d precmd __awsp_first_chdir
  __awsp_chdir
}

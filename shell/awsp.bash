# shellcheck shell=bash
# awsp for bash. Load it with: eval "$(awsp --init bash)"
#
# The binary knows AWS; this file only runs it. A child process cannot
# change its shell's environment, so `awsp NAME` asks the binary for shell
# code and evaluates it. Every value in that code is quoted by the binary.

# awsp switches this shell (NAME, -, -u, -r, or the picker) or runs the
# binary as it is (--list, --show, ...).
awsp() {
  case "${1-}" in
    '' | - | -u | --unset | -r | --region | --allow | --deny | -- | [!-]*) ;;
    *)
      command awsp "$@"
      return
      ;;
  esac
  local __awsp_code __awsp_rc
  if [[ -n ${__awsp_previous+set} ]]; then
    __awsp_code=$(command awsp --eval bash --auto-state "${__awsp_auto_state-}" --previous "$__awsp_previous" "$@")
  else
    __awsp_code=$(command awsp --eval bash --auto-state "${__awsp_auto_state-}" "$@")
  fi
  __awsp_rc=$?
  if [[ $__awsp_rc -eq 0 && -n $__awsp_code ]]; then
    builtin eval -- "$__awsp_code"
  fi
  return "$__awsp_rc"
}

# The prompt hook renders the segment only when the profile, the keys in
# the environment or the region changed, or 60 seconds passed (the time
# left must stay fresh). Otherwise it starts no process: only builtins and
# $SECONDS, no $(...).
# With --auto, a change of directory asks the binary about .awsprofile
# files: on a prompt where $PWD did not change, nothing runs.
# The segment comes from awsp-prompt, the small binary installed beside
# awsp for this: it prints what awsp --prompt prints and starts faster
# (BENCHMARKS.md). type -P is a builtin: looking costs no process.
if type -P awsp-prompt >/dev/null; then
  __awsp_prompt_cmd=(awsp-prompt)
else
  __awsp_prompt_cmd=(awsp --prompt)
fi

__awsp_chdir() {
  local __awsp_code
  __awsp_code=$(command awsp --eval bash --auto-state "${__awsp_auto_state-}" --chdir) &&
    [[ -n $__awsp_code ]] && builtin eval -- "$__awsp_code"
}

__awsp_prompt_hook() {
  local __awsp_status=$?
  if [[ ${__awsp_auto-} == 1 && $PWD != "${__awsp_auto_pwd-}" ]]; then
    __awsp_auto_pwd=$PWD
    __awsp_chdir
  fi
  local __awsp_state="${AWS_PROFILE-}|${AWS_DEFAULT_PROFILE-}|${AWS_ACCESS_KEY_ID:+keys}|${AWS_REGION-}|${AWS_DEFAULT_REGION-}"
  if [[ $__awsp_state != "${__awsp_last_state-}" || $SECONDS -ge ${__awsp_refresh_at:-0} ]]; then
    __awsp_last_state=$__awsp_state
    __awsp_refresh_at=$((SECONDS + 60))
    AWSP_SEGMENT=
    if [[ -n ${AWS_PROFILE-}${AWS_DEFAULT_PROFILE-} ]]; then
      AWSP_SEGMENT=$(command "${__awsp_prompt_cmd[@]}" --shell bash 2>/dev/null)
      [[ -n $AWSP_SEGMENT ]] && AWSP_SEGMENT+=' '
    fi
  fi
  # The segment goes in by reference: with promptvars, bash expands
  # ${AWSP_SEGMENT} once and never evaluates what it holds. Without
  # promptvars it would show literally, so the prompt is left alone.
  # shellcheck disable=SC2016
  if [[ ${__awsp_show_prompt-} == 1 && $PS1 != *'${AWSP_SEGMENT}'* ]] && shopt -q promptvars; then
    PS1='${AWSP_SEGMENT}'$PS1
  fi
  return "$__awsp_status"
}

if [[ $- == *i* ]]; then
  # Run first, so that the hook sees the last command's $? and hands it on.
  if [[ ${PROMPT_COMMAND@a} == *a* ]]; then
    if [[ " ${PROMPT_COMMAND[*]} " != *" __awsp_prompt_hook "* ]]; then
      PROMPT_COMMAND=(__awsp_prompt_hook "${PROMPT_COMMAND[@]}")
    fi
  elif [[ ";${PROMPT_COMMAND-};" != *";__awsp_prompt_hook;"* ]]; then
    # A string here: the branch above took the array.
    # shellcheck disable=SC2178,SC2128
    PROMPT_COMMAND="__awsp_prompt_hook${PROMPT_COMMAND:+;$PROMPT_COMMAND}"
  fi
fi

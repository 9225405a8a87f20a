# shellcheck shell=bash
# awsp for bash 3.2 and later. Load it with: eval "$(\command awsp --init bash)"
#
# The binary knows AWS; this file only runs it. A child process cannot
# change its shell's environment, so `awsp NAME` asks the binary for shell
# code and evaluates it. Every value in that code is quoted by the binary.
#
# It runs inside a person's shell, whatever their rc file set: every
# builtin and command is called as \builtin or \command, so that no alias
# takes its place; every variable has a default, for set -u; and nothing
# returns non-zero where set -e would end the shell.

# An alias named awsp would be expanded in place of the function.
\builtin unalias awsp 2>/dev/null || \builtin true

# awsp switches this shell (NAME, -, -u, -r, or the picker), acts as a
# profile (awsp exec, awsp console: the binary prints what runs), or runs
# the binary as it is (--list, --show, ...).
function awsp() {
  case "${1-}" in
    '' | - | -u | --unset | -r | --region | --allow | --deny | --login | -- | [!-]*) ;;
    *)
      \command awsp "$@"
      \builtin return
      ;;
  esac
  \builtin local __awsp_code __awsp_rc=0
  if [[ -n ${__awsp_previous+set} ]]; then
    __awsp_code=$(\command awsp --eval bash --protocol "${__awsp_protocol-0}" --following "${__awsp_auto-0}" --auto-state "${__awsp_auto_state-}" --previous "$__awsp_previous" "$@") || __awsp_rc=$?
  else
    __awsp_code=$(\command awsp --eval bash --protocol "${__awsp_protocol-0}" --following "${__awsp_auto-0}" --auto-state "${__awsp_auto_state-}" "$@") || __awsp_rc=$?
  fi
  # The code fails where the AWS CLI's login it ran failed (awsp login);
  # for awsp exec its status is the command's.
  if [[ $__awsp_rc -eq 0 && -n $__awsp_code ]]; then
    \builtin eval -- "$__awsp_code" || __awsp_rc=$?
  fi
  \builtin return "$__awsp_rc"
}

# The prompt hook renders the segment only when the profile, the keys in
# the environment or the region changed, a file it was made from changed
# (an aws sso login, an edit of the config: the binary names them, and
# the builtin -nt compares each with a stamp it touched), or 60 seconds
# passed (the time left must stay fresh). Otherwise it starts no process:
# only builtins and $SECONDS, no $(...).
# With --auto, a change of directory asks the binary about .awsprofile
# files: on a prompt where $PWD did not change, nothing runs.
# The segment comes from awsp-prompt, the small binary installed beside
# awsp for this: it prints what awsp --prompt prints and starts faster
# (BENCHMARKS.md). type -P is a builtin: looking costs no process.
if \builtin type -P awsp-prompt >/dev/null; then
  __awsp_prompt_cmd=(awsp-prompt)
else
  __awsp_prompt_cmd=(awsp --prompt)
fi

function __awsp_chdir() {
  \builtin local __awsp_code
  if __awsp_code=$(\command awsp --eval bash --protocol "${__awsp_protocol-0}" --auto-state "${__awsp_auto_state-}" --chdir) && [[ -n $__awsp_code ]]; then
    \builtin eval -- "$__awsp_code"
  fi
  \builtin return 0
}

function __awsp_prompt_hook() {
  \builtin local __awsp_status=$?
  if [[ ${__awsp_auto-} == 1 && $PWD != "${__awsp_auto_pwd-}" ]]; then
    __awsp_auto_pwd=$PWD
    __awsp_chdir
  fi
  # The re-render key: every variable the segment is made from
  # (prompt.RenderVars, in Go; a test holds this line to it).
  \builtin local __awsp_state="${AWS_PROFILE-}|${AWS_DEFAULT_PROFILE-}|${AWS_ACCESS_KEY_ID-}|${AWS_CONTAINER_CREDENTIALS_FULL_URI-}|${AWS_REGION-}|${AWS_DEFAULT_REGION-}|${AWS_CONFIG_FILE-}|${AWS_SHARED_CREDENTIALS_FILE-}|${AWSP_CONFIG-}|${AWSP_PROMPT_FORMAT-}"
  \builtin local __awsp_changed='' __awsp_f
  if [[ -n ${__awsp_stamp-} ]]; then
    for __awsp_f in ${__awsp_watch[@]+"${__awsp_watch[@]}"}; do
      if [[ $__awsp_f -nt $__awsp_stamp ]]; then
        __awsp_changed=1
        break
      fi
    done
  fi
  if [[ $__awsp_state != "${__awsp_last_state-}" || -n $__awsp_changed || $SECONDS -ge ${__awsp_refresh_at:-0} ]]; then
    __awsp_last_state=$__awsp_state
    __awsp_refresh_at=$((SECONDS + 60))
    AWSP_SEGMENT='' __awsp_stamp='' __awsp_watch=()
    if [[ -n ${AWS_PROFILE-}${AWS_DEFAULT_PROFILE-}${AWS_ACCESS_KEY_ID-}${AWS_CONTAINER_CREDENTIALS_FULL_URI-} ]]; then
      \builtin local __awsp_out __awsp_nl=$'\n'
      __awsp_out=$(\command "${__awsp_prompt_cmd[@]}" --shell bash --watch "$$" 2>/dev/null) || __awsp_out=
      # The segment's line, then the stamp and the watched files.
      AWSP_SEGMENT=${__awsp_out%%"$__awsp_nl"*}
      if [[ $__awsp_out == *"$__awsp_nl"* ]]; then
        __awsp_out=${__awsp_out#*"$__awsp_nl"}
        __awsp_stamp=${__awsp_out%%"$__awsp_nl"*}
        while [[ $__awsp_out == *"$__awsp_nl"* ]]; do
          __awsp_out=${__awsp_out#*"$__awsp_nl"}
          __awsp_watch[${#__awsp_watch[@]}]=${__awsp_out%%"$__awsp_nl"*}
        done
      fi
      if [[ -n $AWSP_SEGMENT ]]; then
        AWSP_SEGMENT+=' '
      fi
    fi
  fi
  # The segment goes in by reference: with promptvars, bash expands
  # ${AWSP_SEGMENT} once and never evaluates what it holds. Without
  # promptvars it would show literally, so the prompt is left alone.
  # shellcheck disable=SC2016
  if [[ ${__awsp_show_prompt-} == 1 && ${PS1-} != *'${AWSP_SEGMENT}'* ]] && \builtin shopt -q promptvars; then
    PS1='${AWSP_SEGMENT}'${PS1-}
  fi
  # Handing a failure on would end a shell running with set -e.
  if [[ $- == *e* ]]; then
    \builtin return 0
  fi
  \builtin return "$__awsp_status"
}

# The hook runs first, so that it sees the last command's $? and hands it
# on. PROMPT_COMMAND may be a string or (bash 5.1 and later) an array;
# before 5.1 bash runs only the first element of an array, so the hook
# joins that element instead of standing before it.
function __awsp_install_hook() {
  \builtin local decl
  decl=$(\builtin declare -p PROMPT_COMMAND 2>/dev/null) || decl=
  if [[ $decl == 'declare -a'* ]]; then
    if [[ " ${PROMPT_COMMAND[*]-} " == *" __awsp_prompt_hook "* || "${PROMPT_COMMAND[0]-}" == __awsp_prompt_hook\;* ]]; then
      \builtin return 0
    fi
    if ((BASH_VERSINFO[0] > 5 || BASH_VERSINFO[0] == 5 && BASH_VERSINFO[1] >= 1)); then
      PROMPT_COMMAND=(__awsp_prompt_hook "${PROMPT_COMMAND[@]}")
    else
      PROMPT_COMMAND[0]="__awsp_prompt_hook${PROMPT_COMMAND[0]:+;${PROMPT_COMMAND[0]}}"
    fi
  elif [[ ";${PROMPT_COMMAND-};" != *";__awsp_prompt_hook;"* ]]; then
    # shellcheck disable=SC2178,SC2128
    PROMPT_COMMAND="__awsp_prompt_hook${PROMPT_COMMAND:+;$PROMPT_COMMAND}"
  fi
  \builtin return 0
}

if [[ $- == *i* ]]; then
  __awsp_install_hook
fi

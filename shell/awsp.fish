# awsp for fish 3.4 and later. Load it with: awsp --init fish | source
#
# The binary knows AWS; this file only runs it. A child process cannot
# change its shell's environment, so `awsp NAME` asks the binary for shell
# code and evaluates it. Every value in that code is quoted by the binary.

# awsp switches this shell (NAME, -, -u, -r, or the picker), acts as a
# profile (awsp exec, awsp console: the binary prints what runs), or runs
# the binary as it is (--list, --show, ...).
function awsp --description 'switch AWS profile'
    set -l first $argv[1]
    switch "$first"
        case '' - -u --unset -r --region --allow --deny --login --
        case '-*'
            command awsp $argv
            return
    end
    set -l code
    if set -q __awsp_previous
        set code (command awsp --eval fish --protocol "$__awsp_protocol" --following "$__awsp_auto" --auto-state "$__awsp_auto_state" --previous "$__awsp_previous" $argv | string collect)
    else
        set code (command awsp --eval fish --protocol "$__awsp_protocol" --following "$__awsp_auto" --auto-state "$__awsp_auto_state" $argv | string collect)
    end
    set -l rc $pipestatus[1]
    # The code fails where the AWS CLI's login it ran failed (awsp login);
    # for awsp exec its status is the command's.
    if test $rc -eq 0; and test -n "$code"
        builtin eval $code
        or set rc $status
    end
    return $rc
end

# The segment comes from awsp-prompt, the small binary installed beside
# awsp for this: it prints what awsp --prompt prints and starts faster
# (BENCHMARKS.md). command -q is a builtin: looking costs no process.
if command -q awsp-prompt
    set -g __awsp_prompt_cmd awsp-prompt
else
    set -g __awsp_prompt_cmd awsp --prompt
end

# The segment, for prompts that place it themselves (--no-prompt). It is
# rendered only when the profile, the keys in the environment or the region
# changed, a file it was made from changed (the binary names them; test
# -nt compares each with a stamp it touched), or a minute passed. fish has
# no clock builtin: the time is that of the last command in the history (a
# builtin), so a prompt where nothing changed starts no process; an empty
# Enter does not move the clock.
function awsp_segment --description 'the awsp prompt segment'
    # In double quotes an unset variable is an empty string, where a bare
    # empty command substitution would empty the whole word.
    # The re-render key: every variable the segment is made from
    # (prompt.RenderVars, in Go; a test holds this line to it).
    set -l state "$AWS_PROFILE|$AWS_DEFAULT_PROFILE|$AWS_ACCESS_KEY_ID|$AWS_CONTAINER_CREDENTIALS_FULL_URI|$AWS_REGION|$AWS_DEFAULT_REGION|$AWS_CONFIG_FILE|$AWS_SHARED_CREDENTIALS_FILE|$AWSP_CONFIG|$AWSP_PROMPT_FORMAT"
    # Keys (or aws-vault's endpoint) are an identity of their own:
    # another tool's session shows even with no profile set.
    if test -z "$AWS_PROFILE$AWS_DEFAULT_PROFILE$AWS_ACCESS_KEY_ID$AWS_CONTAINER_CREDENTIALS_FULL_URI"
        set -g __awsp_last_state $state
        set -g __awsp_segment ''
        return # no profile: nothing to render, no process
    end
    # Piped into read, not captured with (...): a tenth of the cost. The
    # time is cut off the line by string split: fish 3.6's read -d ' '
    # keeps the whole line in a single variable, and read's own splitting
    # follows IFS, which a config may set.
    set -l now
    builtin history search --max 1 --show-time='%s ' 2>/dev/null | string split -m 1 -f 1 ' ' | read -l now
    string match -qr '^[0-9]+$' -- "$now"; or set now 0
    set -q __awsp_refresh_at; or set -g __awsp_refresh_at 0
    set -l changed 0
    if set -q __awsp_stamp[1]
        for f in $__awsp_watch
            if test "$f" -nt "$__awsp_stamp[1]"
                set changed 1
                break
            end
        end
    end
    if test "$state" != "$__awsp_last_state"; or test $changed = 1; or test $now -ge "$__awsp_refresh_at"
        set -g __awsp_last_state $state
        set -g __awsp_refresh_at (math $now + 60)
        # The segment's line, then the stamp and the watched files.
        set -l lines (command $__awsp_prompt_cmd --shell fish --watch $fish_pid 2>/dev/null)
        set -g __awsp_segment "$lines[1]"
        set -g __awsp_stamp
        set -g __awsp_watch
        if test (count $lines) -ge 3
            set __awsp_stamp $lines[2]
            set __awsp_watch $lines[3..-1]
        end
    end
    printf '%s' $__awsp_segment
end

# The segment goes before the right prompt there is. A prompt defined
# after this file (starship, tide, a theme, later in config.fish) would
# replace the wrapper, so it is checked again at the first prompt.
function __awsp_wrap_right_prompt
    test "$__awsp_show_prompt" = 1; or return
    if functions -q fish_right_prompt
        set -l details (functions --details --verbose fish_right_prompt)
        test "$details[5]" = awsp-wrapper; and return
        functions -e __awsp_original_right_prompt
        functions -c fish_right_prompt __awsp_original_right_prompt
    else if not functions -q __awsp_original_right_prompt
        function __awsp_original_right_prompt
        end
    end
    function fish_right_prompt --description awsp-wrapper
        set -l seg (awsp_segment)
        test -n "$seg"; and printf '%s ' $seg
        # $argv: fish 4.1's transient prompt passes --final-rendering.
        __awsp_original_right_prompt $argv
    end
end
if status is-interactive
    __awsp_wrap_right_prompt
    function __awsp_first_prompt --on-event fish_prompt
        functions -e __awsp_first_prompt
        __awsp_wrap_right_prompt
    end
end

# With --auto, a change of directory asks the binary about .awsprofile
# files.
if test "$__awsp_auto" = 1
    function __awsp_chdir --on-variable PWD
        set -l code (command awsp --eval fish --protocol "$__awsp_protocol" --auto-state "$__awsp_auto_state" --chdir | string collect)
        test -n "$code"; and builtin eval $code
    end
    # The directory the shell starts in, at the first prompt: nothing is
    # printed while config.fish runs.
    function __awsp_first_chdir --on-event fish_prompt
        functions -e __awsp_first_chdir
        __awsp_chdir
    end
end

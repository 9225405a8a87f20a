# awsp for nushell 0.115 and later. Load it from config.nu, which writes it
# to the autoload directory at every start (nushell reads that directory
# after config.nu, and sources no command's output):
#
#   mkdir ($nu.user-autoload-dirs | first)
#   ^awsp --init nu | save --force ($nu.user-autoload-dirs | first | path join awsp.nu)
#
# The binary knows AWS; this file only runs it. Nushell evaluates no text
# as code, and awsp gives it none: for `awsp NAME` the binary prints a
# JSON document (the variables to set and to hide, what the shell keeps)
# that __awsp_apply reads with from json and applies with load-env and
# hide-env. A value in it is only ever a value.
#
# What the shell keeps is in $env.__awsp, a record: nushell passes no
# record to a program's environment, so it stays this shell's, as the
# other shells' unexported variables do. The binary names its keys
# (previous, auto_state); this file adds show_prompt and auto (from
# --init), and the prompt's segment, stamp, watch, stamp_time,
# last_state, refresh_at and right (the right prompt it wraps).

# awsp switches this shell (NAME, -, -u, -r, or the picker), acts as a
# profile (awsp exec, awsp console: the binary's document says what
# runs), or runs the binary as it is (--list, --show, ...). An error of
# the binary (an unknown profile) ends the command as an external's
# would: its message on stderr, its status in $env.LAST_EXIT_CODE,
# nothing switched.
def --env --wrapped awsp [...args: string@__awsp_complete] {
    let first = ($args | get 0? | default '')
    if ($first starts-with '-') and ($first not-in [- -u --unset -r --region --allow --deny --login --]) {
        ^awsp ...$args
        return
    }
    let keep = $env.__awsp
    let previous = if ('previous' in $keep) { [--previous $keep.previous] } else { [] }
    let code = (^awsp --eval nu --protocol ($keep.protocol? | default 0 | into string) --following ($keep.auto? | default false | into int | into string) --auto-state ($keep.auto_state? | default '') ...$previous ...$args | from json)
    __awsp_apply $code
}

# __awsp_apply applies a document of the binary. With "aws" it first runs
# the AWS CLI's login (awsp login, or an accepted offer); when it fails,
# nothing else applies. Only AWS_ variables are ever set or hidden,
# whatever a document says. The programs it runs: the AWS CLI, the
# browser with a console's address ("open"), the command awsp exec was
# given ("exec", with the variables of its own, by with-env: the shell's
# stay as they were), for awsp console --federate the AWS CLI's
# credentials piped to awsp-net, whose address goes to the browser, and
# awsp-net for awsp sso sync ("net").
def --env __awsp_apply [code: any] {
    if ($code | describe -d | get type) != record {
        return # the binary had nothing to say
    }
    if ($code.aws? | default [] | is-not-empty) {
        ^aws ...$code.aws
    }
    for line in ($code.print? | default []) {
        print $line
    }
    if ($code.open? | default [] | is-not-empty) {
        run-external ...$code.open
    }
    if $code.exec? != null {
        let e = $code.exec
        let vars = ($e.env | transpose name value | where {|v| $v.name starts-with AWS_ })
        with-env ($vars | reduce -f {} {|v, acc| $acc | insert $v.name $v.value }) {
            hide-env -i ...($e.hide | where {|n| $n starts-with AWS_ })
            run-external ...$e.argv
        }
    }
    if ($code.net? | default [] | is-not-empty) {
        ^awsp-net ...$code.net
    }
    if $code.federate? != null {
        let f = $code.federate
        let url = (^aws ...$f.aws | ^awsp-net ...$f.net | str trim)
        if ($f.open | is-empty) { print $url } else { run-external ...$f.open $url }
    }
    let vars = ($code.env? | default {} | transpose name value | where {|v| $v.name starts-with AWS_ })
    let hide = ($vars | where value == null | get name)
    load-env ($vars | where value != null | reduce -f {} {|v, acc| $acc | insert $v.name $v.value })
    hide-env -i ...$hide
    $env.__awsp = ($env.__awsp | merge ($code.keep? | default {}))
    if ($code.remember? | default '' | is-not-empty) {
        ^awsp --remember -- $code.remember # the sticky profile, once the login succeeded
    }
}

# Completion of profile names with their descriptions, regions after -r,
# flags after -: the binary answers from its cache with records, each
# name quoted as the command line needs it (the display shows it
# unquoted, its control characters made visible).
def __awsp_complete [context: string, position: int] {
    ^awsp --complete nu -- ($context | str substring 0..<$position) | from json
}

# The segment comes from awsp-prompt, the small binary installed beside
# awsp for this: it prints what awsp --prompt prints and starts faster
# (BENCHMARKS.md). `which` is a builtin: looking costs no process.
$env.__awsp.prompt_cmd = if (which awsp-prompt | is-not-empty) { [awsp-prompt] } else { [awsp --prompt] }

# The pre_prompt hook renders the segment only when the profile, the keys
# in the environment or the region changed, a file it was made from
# changed (an aws sso login, an edit of the config: the binary names them
# and touches a stamp; the hook compares their times with the stamp's, as
# the other shells' -nt does), or a minute passed. Otherwise it starts no
# process: builtins only (date now is one).
def --env __awsp_pre_prompt [] {
    let k = $env.__awsp
    # The re-render key: every variable the segment is made from
    # (prompt.RenderVars, in Go; a test holds this line to it).
    let state = $"($env.AWS_PROFILE? | default '')|($env.AWS_DEFAULT_PROFILE? | default '')|($env.AWS_ACCESS_KEY_ID? | default '')|($env.AWS_CONTAINER_CREDENTIALS_FULL_URI? | default '')|($env.AWS_REGION? | default '')|($env.AWS_DEFAULT_REGION? | default '')|($env.AWS_CONFIG_FILE? | default '')|($env.AWS_SHARED_CREDENTIALS_FILE? | default '')|($env.AWSP_CONFIG? | default '')|($env.AWSP_PROMPT_FORMAT? | default '')"
    # Keys (or aws-vault's endpoint) are an identity of their own: another
    # tool's session shows even with no profile set.
    let who = $"($env.AWS_PROFILE? | default '')($env.AWS_DEFAULT_PROFILE? | default '')($env.AWS_ACCESS_KEY_ID? | default '')($env.AWS_CONTAINER_CREDENTIALS_FULL_URI? | default '')"
    if $who == '' {
        $env.__awsp.last_state = $state
        $env.__awsp.segment = ''
        return # no profile: nothing to render, no process
    }
    let now = (date now)
    if $state == ($k.last_state? | default '') and $now < ($k.refresh_at? | default $now) and not (__awsp_watched_changed $k) {
        return
    }
    $env.__awsp.last_state = $state
    $env.__awsp.refresh_at = $now + 1min
    # The segment's line, then the stamp and the watched files. A failure
    # leaves the prompt without a segment, never with an error.
    let out = (do { ^($k.prompt_cmd | first) ...($k.prompt_cmd | skip 1) --shell nu --watch $nu.pid } | complete)
    let lines = if $out.exit_code == 0 { $out.stdout | lines } else { [] }
    $env.__awsp.segment = ($lines | get 0? | default '')
    $env.__awsp.watch = ($lines | skip 2)
    $env.__awsp.stamp_time = if ($lines | length) >= 3 and ($lines.1 | path exists) { (ls -D $lines.1).0.modified } else { null }
}

# __awsp_watched_changed tells whether a watched file is newer than the
# stamp. A closure (any, where) costs nushell a tenth of a millisecond
# and each ls as much: the files that exist are listed in one ls, found
# with a for loop.
def __awsp_watched_changed [k: record] {
    if $k.stamp_time? == null {
        return false
    }
    mut there = []
    for f in $k.watch {
        if ($f | path exists) {
            $there = ($there | append $f)
        }
    }
    ($there | is-not-empty) and ((ls -D ...$there | get modified | math max) > $k.stamp_time)
}

# The segment goes before the right prompt there is, which the wrapper
# keeps in $env.__awsp.right. A prompt set after this file (starship, a
# theme, a later autoload file) would replace the wrapper, so it is
# checked again at the first prompt.
def --env __awsp_wrap_right_prompt [] {
    if not $env.__awsp.show_prompt {
        return
    }
    let right = ($env.PROMPT_COMMAND_RIGHT? | default '')
    if ($right | describe) == closure and ((view source $right) == '{|| __awsp_right_prompt }') {
        return
    }
    $env.__awsp.right = $right
    $env.PROMPT_COMMAND_RIGHT = {|| __awsp_right_prompt }
}

# The segment, for prompts that place it themselves (--no-prompt); the
# pre_prompt hook keeps it current.
def awsp_segment [] {
    $env.__awsp.segment? | default ''
}

# The right prompt: the segment, then the prompt it wraps.
def __awsp_right_prompt [] {
    let right = $env.__awsp.right?
    let rest = if ($right | describe) == closure { do $right } else { $right | default '' }
    let segment = (awsp_segment)
    if $segment == '' { $rest } else if $rest == '' { $segment } else { $segment + ' ' + $rest }
}

# With --auto, a change of directory asks the binary about .awsprofile
# files (nushell also runs the hook for the directory it starts in).
def --env __awsp_chdir [] {
    let code = (^awsp --eval nu --protocol ($env.__awsp.protocol? | default 0 | into string) --auto-state ($env.__awsp.auto_state? | default '') --chdir | from json)
    __awsp_apply $code
}

# The hooks, once however often this file is loaded: each is recognised by
# its source.
def --env __awsp_install_hooks [] {
    let pre = {|| __awsp_pre_prompt }
    let first = {|| __awsp_first_prompt }
    let hooks = ($env.config.hooks.pre_prompt? | default [] | where {|h| ($h | describe) != closure or (view source $h) not-in [(view source $pre) (view source $first)] })
    $env.config.hooks.pre_prompt = ($hooks | append [$first $pre])
    let chdir = {|before, after| __awsp_chdir }
    let pwd = ($env.config.hooks.env_change.PWD? | default [] | where {|h| ($h | describe) != closure or (view source $h) != (view source $chdir) })
    $env.config.hooks.env_change.PWD = if $env.__awsp.auto { $pwd | append $chdir } else { $pwd }
}

# At the first prompt, the right prompt is wrapped again if something
# replaced it; then this hook takes itself out.
def --env __awsp_first_prompt [] {
    __awsp_wrap_right_prompt
    let first = {|| __awsp_first_prompt }
    $env.config.hooks.pre_prompt = ($env.config.hooks.pre_prompt | where {|h| ($h | describe) != closure or (view source $h) != (view source $first) })
}

__awsp_install_hooks
__awsp_wrap_right_prompt

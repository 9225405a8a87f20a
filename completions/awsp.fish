# fish completion for awsp: profile names with their kind and chain, flags,
# regions after -r, and the command after awsp exec NAME. Works alone in ~/.config/fish/completions and is
# part of `awsp --init fish`. fish escapes each name as it inserts it.

complete -c awsp -e
complete -c awsp -f -n 'not __awsp_exec_skip >/dev/null; and not contains -- sso (commandline -opc); and begin; not __fish_seen_argument -s r -l region; or not __fish_prev_arg_in -r --region; end' -a '(command awsp --complete fish 2>/dev/null)'
# The words of awsp's commands (awsp console, awsp exec), first.
complete -c awsp -f -n 'test (count (commandline -opc)) -eq 1' -a '(command awsp --complete fish-words 2>/dev/null)'

# awsp sso takes sync.
complete -c awsp -f -n 'test (count (commandline -opc)) -eq 2; and test (commandline -opc)[2] = sso' -a sync -d 'profiles from IAM Identity Center'

# After awsp exec NAME [--] the command and its arguments complete as
# they would alone: __awsp_exec_skip prints how many words that are not
# options come first (__fish_complete_subcommand's count: awsp, exec,
# NAME, and the region of -r R).
function __awsp_exec_skip
    set -l words (commandline -opc)
    test "$words[2]" = exec; or return 1
    set -l skip 3
    contains -- -r $words; or contains -- --region $words; and set skip 4
    test (count (string match -v -- '-*' $words)) -ge $skip; or return 1
    echo $skip
end
complete -c awsp -x -n '__awsp_exec_skip >/dev/null' -a '(__fish_complete_subcommand --fcs-skip=(__awsp_exec_skip))'
# The flags, with what awsp --help says of each (TestFishCompletesTheTable).
complete -c awsp -s u -l unset -d 'unset the profile'
complete -c awsp -s r -l region -x -a '(command awsp --complete fish-regions 2>/dev/null)' -d 'set AWS_REGION and AWS_DEFAULT_REGION'
complete -c awsp -l allow -d 'trust the nearest .awsprofile'
complete -c awsp -l deny -d 'stop trusting the nearest .awsprofile'
complete -c awsp -l login -d 'log in to the Primary of NAME\'s chain'
complete -c awsp -s l -l list -d 'every profile: kind, chain, region, time left'
complete -c awsp -s s -l show -d 'one profile hop by hop'
complete -c awsp -l lint -d 'what would fail or surprise in the AWS files and kubeconfigs'
complete -c awsp -s c -l current -d 'the active profile'
complete -c awsp -l prompt -d 'the prompt segment'
complete -c awsp -l init -x -a 'bash zsh fish nu' -d 'the integration for bash, zsh, fish or nu'
complete -c awsp -l demo -d 'try awsp on a sample setup in a temporary home'
complete -c awsp -l service -x -d 'awsp console: the page of service S'
complete -c awsp -l url -d 'awsp console: print the address instead of opening it'
complete -c awsp -l federate -d 'awsp console: sign in with the session\'s credentials, exchanged'
complete -c awsp -l sso-session -x -d 'awsp sso sync: that sso-session alone'
complete -c awsp -l template -x -d 'awsp sso sync: the profiles\' names, of {account_name}, {account_id}'
complete -c awsp -l prune -d 'awsp sso sync: remove what the portal no longer grants'
complete -c awsp -l dry-run -d 'awsp sso sync: show the diff, write nothing'
complete -c awsp -l fix -d '--lint: the safe fixes of its findings, as a diff'
# --lint --format: the lint's formats (the prompt's --format takes a template)
complete -c awsp -l format -x -n '__fish_seen_argument -l lint' -a 'text json sarif github'
complete -c awsp -l write -d 'awsp sso sync: write without asking; --lint --fix: write the fixes'
complete -c awsp -l json -d 'JSON for --list, --show and --lint'
complete -c awsp -s h -l help -d 'this help'
complete -c awsp -l version -d 'the version'

# fish completion for awsp: profile names with their kind and chain, flags,
# and regions after -r. Works alone in ~/.config/fish/completions and is
# part of `awsp --init fish`. fish escapes each name as it inserts it.

complete -c awsp -e
complete -c awsp -f -n 'not __fish_seen_argument -s r -l region; or not __fish_prev_arg_in -r --region' -a '(command awsp --complete fish 2>/dev/null)'
complete -c awsp -s r -l region -x -d 'set AWS_REGION for this shell' -a '(command awsp --complete fish-regions 2>/dev/null)'
complete -c awsp -s l -l list -d 'every profile: kind, chain, region, time left'
complete -c awsp -s s -l show -d 'one profile hop by hop'
complete -c awsp -l lint -d 'what would fail or surprise in the AWS files'
complete -c awsp -s c -l current -d 'the active profile'
complete -c awsp -s u -l unset -d 'unset AWS_PROFILE in this shell'
complete -c awsp -l json -d 'JSON output'
complete -c awsp -l prompt -d 'the prompt segment'
complete -c awsp -l demo -d 'try awsp on a sample setup'
complete -c awsp -l allow -d 'trust the nearest .awsprofile to switch this shell'
complete -c awsp -l deny -d 'stop trusting the nearest .awsprofile'
complete -c awsp -l login -d 'log in to the Primary with the AWS CLI, then switch'
complete -c awsp -l init -x -a 'bash zsh fish nu' -d 'the shell integration'
complete -c awsp -s h -l help -d help
complete -c awsp -l version -d version

# bash completion for otel-track. Load it with:  source <(otel-track completion bash)
# The command line itself answers (System.CommandLine's [suggest] directive), so completion always matches the
# installed version's commands and options.
_otel_track_complete() {
    local IFS=$'\n'
    local candidates
    candidates=$("${COMP_WORDS[0]}" "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) || return 0
    mapfile -t COMPREPLY < <(compgen -W "${candidates}" -- "${COMP_WORDS[COMP_CWORD]}")
}
complete -o default -F _otel_track_complete otel-track

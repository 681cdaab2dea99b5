#compdef otel-track
# zsh completion for otel-track. Load it with:  source <(otel-track completion zsh)
# The command line itself answers (System.CommandLine's [suggest] directive), so completion always matches the
# installed version's commands and options.
_otel_track() {
    local -a candidates
    candidates=("${(@f)$("${words[1]}" "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
    compadd -- "${candidates[@]}"
}
compdef _otel_track otel-track

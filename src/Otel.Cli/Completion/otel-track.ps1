# PowerShell completion for otel-track. Load it with:  otel-track completion pwsh | Out-String | Invoke-Expression
# The command line itself answers (System.CommandLine's [suggest] directive), so completion always matches the
# installed version's commands and options.
Register-ArgumentCompleter -Native -CommandName otel-track -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    otel-track "[suggest:$cursorPosition]" "$commandAst" 2>$null | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}

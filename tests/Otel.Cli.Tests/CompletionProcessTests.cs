using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary><c>otel-track completion</c>: the bash script, loaded into a real bash, completes from the program itself.</summary>
public sealed class CompletionProcessTests
{
    [Theory]
    [InlineData("otel-track runs li", "list")]
    [InlineData("otel-track runs list --experim", "--experiment")]
    [InlineData("otel-track mod", "models")]
    public async Task Bash_LoadedScript_CompletesCommandsAndOptions(string line, string expected)
    {
        using var temp = new TempDirectory();
        var words = line.Split(' ');
        var start = CliProcess.StartInfo(temp.Path);
        start.FileName = "bash";
        start.ArgumentList.Clear();
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($$"""
            set -eu
            # otel-track on PATH, as an installed tool would be.
            printf '#!/bin/sh\nexec dotnet "%s" "$@"\n' '{{CliProcess.Dll}}' > otel-track && chmod +x otel-track
            source <(otel-track completion bash)
            COMP_LINE='{{line}}'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=({{line}}); COMP_CWORD={{words.Length - 1}}
            _otel_track_complete
            printf '%s\n' "${COMPREPLY[@]}"
            """);
        start.Environment["PATH"] = temp.Path + ":" + Environment.GetEnvironmentVariable("PATH");

        var result = await CliProcess.RunStartedAsync(start);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([expected], result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("zsh", "compdef _otel_track otel-track")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName otel-track")]
    public async Task OtherShells_PrintTheirScripts_ThatAskTheProgram(string shell, string registration)
    {
        using var temp = new TempDirectory();

        var result = await CliProcess.RunAsync(temp.Path, "completion", shell);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(registration, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[suggest:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownShell_IsRefused_NamingTheShellsThereAre()
    {
        using var temp = new TempDirectory();

        var result = await CliProcess.RunAsync(temp.Path, "completion", "fish");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("'bash'", result.Stderr, StringComparison.Ordinal);
    }
}

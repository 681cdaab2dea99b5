using System.CommandLine;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track completion bash|zsh|pwsh</c>: prints a shell completion script. The scripts ask the installed
/// otel-track itself (System.CommandLine's <c>[suggest:POSITION]</c> directive), so they never go stale.
/// </summary>
internal static class CompletionCommand
{
    private static readonly Dictionary<string, string> Scripts = new(StringComparer.Ordinal)
    {
        ["bash"] = "otel-track.bash",
        ["zsh"] = "otel-track.zsh",
        ["pwsh"] = "otel-track.ps1",
    };

    public static Command Create()
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or pwsh" };
        shell.AcceptOnlyFromAmong([.. Scripts.Keys]);
        var command = new Command("completion", "Print a shell completion script: source <(otel-track completion bash)") { shell };
        command.SetAction(async (parse, ct) =>
        {
            await using var script = typeof(CompletionCommand).Assembly.GetManifestResourceStream("Completion." + Scripts[parse.GetRequiredValue(shell)])
                ?? throw new InvalidOperationException("the completion scripts are embedded in the otel-track assembly; this build lacks them");
            await using var stdout = Console.OpenStandardOutput();
            await script.CopyToAsync(stdout, ct);
            return ExitCodes.Success;
        });
        return command;
    }
}

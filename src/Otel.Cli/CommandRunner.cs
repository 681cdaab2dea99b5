using System.CommandLine;

namespace Otel.Cli;

/// <summary>Runs a command; turns failures into one line on stderr and the exit code for them.</summary>
internal static class CommandRunner
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args, InvocationConfiguration configuration)
    {
        // No response files: "@x" is an argument (a run id may start with @), not a file to expand.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"otel-track: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run `otel-track --help` for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(configuration);
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync($"otel-track: {ex.Message}");
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("otel-track: cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"otel-track: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Failure;
        }
    }
}

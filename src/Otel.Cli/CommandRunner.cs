using System.CommandLine;
using Otel.Cli.Output;

namespace Otel.Cli;

/// <summary>Runs a command; turns failures into one line on stderr and the exit code for them.</summary>
internal static class CommandRunner
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args, InvocationConfiguration configuration)
    {
        // No response files: "@x" is an argument (a run id may start with @), not a file to expand.
        var parser = new ParserConfiguration { ResponseFileTokenReplacer = null };
        var parsed = root.Parse(args, parser);
        if (UsageErrors.IsBareGroup(parsed))
        {
            // `otel-track` or `otel-track runs` alone asks what there is: the help, on stdout, and success.
            return await root.Parse([.. args, "--help"], parser).InvokeAsync(configuration);
        }

        if (parsed.Errors.Count > 0 && !UsageErrors.AnswersItself(parsed))
        {
            foreach (var line in UsageErrors.Describe(parsed))
            {
                await Console.Error.WriteLineAsync($"otel-track: {line}");
            }

            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(configuration);
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync($"otel-track: {ConsoleText.InertLines(ex.Message)}");
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("otel-track: cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"otel-track: {ex.GetType().Name}: {ConsoleText.Inert(ex.Message.ReplaceLineEndings(" "))}");
            return ExitCodes.Failure;
        }
    }
}

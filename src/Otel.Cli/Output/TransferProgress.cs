using Otel.Tracking.Artifacts;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>
/// A progress bar on stderr for a transfer of a file over a few MB, drawn only when stderr is a terminal: on a pipe or
/// in a log it would be noise, and stdout stays free for the result line.
/// </summary>
internal static class TransferProgress
{
    /// <summary>The SDK's upload line and this bar start at the same size (<see cref="UploadProgressLine.MinBytes"/>).</summary>
    public static bool ShouldDraw(bool stderrIsTerminal, long totalBytes) => stderrIsTerminal && totalBytes >= UploadProgressLine.MinBytes;

    /// <summary>Runs <paramref name="transfer"/>, handing it a progress sink (bytes so far) when a bar is drawn, else null.</summary>
    public static async Task<T> RunAsync<T>(string label, long totalBytes, Func<IProgress<long>?, Task<T>> transfer)
    {
        if (!ShouldDraw(!Console.IsErrorRedirected, totalBytes))
        {
            return await transfer(null);
        }

        var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await stderr.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context => await transfer(new Bar(context.AddTask(ConsoleText.Escape(label), maxValue: totalBytes))));
    }

    /// <summary>Reports synchronously: <see cref="Progress{T}"/> would post each report to the thread pool.</summary>
    private sealed class Bar(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = value;
    }
}

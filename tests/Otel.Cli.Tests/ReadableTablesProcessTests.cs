using System.Diagnostics;
using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>
/// Human output of the real program over the demo's runs (issue 12, part 3): piped, plain columns with whole ids; on a terminal
/// (a real pseudo-terminal, through script(1)), one line per run within COLUMNS.
/// </summary>
public sealed class ReadableTablesProcessTests
{
    private static readonly TimeSpan Timeout = CliProcess.Timeout;

    private const string DemoExperiment = "demo-logistic-regression";

    [Fact]
    public async Task RunsList_AfterDemo_PipedPlainAndOnATerminalFitted()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        var demo = await CliProcess.RunAsync(temp.Path, "demo", "--endpoint", serve.Endpoint);
        Assert.True(demo.ExitCode == 0, demo.ToString());
        // The demo's sweep (its ML.NET run is an experiment of its own).
        var listed = await CliProcess.RunAsync(temp.Path, "runs", "list", "--experiment", DemoExperiment, "--json", "--endpoint", serve.Endpoint);
        var ids = JsonDocument.Parse(listed.Stdout).RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.Equal(6, ids.Count);

        // Piped, even with COLUMNS set: nothing is fitted, so every line is whole.
        var start = CliProcess.StartInfo(temp.Path, "runs", "list", "--experiment", DemoExperiment, "--endpoint", serve.Endpoint);
        start.Environment["COLUMNS"] = "60";
        var piped = await CliProcess.RunStartedAsync(start);
        Assert.True(piped.ExitCode == 0, piped.ToString());
        Assert.DoesNotContain(piped.Stdout, c => c is >= '\u2500' and <= '\u257f' || c == '\u001b' || c == '…');
        var lines = piped.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(ids.Count + 1, lines.Length);
        Assert.All(lines, line => Assert.Equal(line.TrimEnd(), line));
        Assert.Equal(["id", "experiment", "name", "status", "started", "val_accuracy"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6));
        Assert.Equal(ids.Select(id => id[..8]), lines.Skip(1).Select(line => line.Split(' ')[0]));

        var show = await CliProcess.RunAsync(temp.Path, "runs", "show", ids[0], "--endpoint", serve.Endpoint);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.DoesNotContain(show.Stdout, c => c is >= '\u2500' and <= '\u257f' || c == '\u001b');

        if (!File.Exists("/usr/bin/script"))
        {
            Assert.Skip("script(1) from util-linux gives the program a real terminal; it is not installed here.");
        }

        var terminal = await OnATerminalAsync(temp.Path, 100, "runs", "list", "--experiment", DemoExperiment, "--endpoint", serve.Endpoint);
        var rows = terminal.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        // The experiment above the table, its top border, header and rule, one line per run, the bottom border.
        Assert.Equal(ids.Count + 5, rows.Count);
        Assert.All(rows, row => Assert.True(row.Length <= 100, $"{row.Length} > 100: {row}"));
        Assert.StartsWith("╭", rows[1], StringComparison.Ordinal);
        Assert.Contains("val_accuracy", rows[2], StringComparison.Ordinal);
    }

    /// <summary>Runs otel-track on a pseudo-terminal of the given width; returns what it printed, colours removed.</summary>
    internal static async Task<string> OnATerminalAsync(string workingDirectory, int columns, params string[] args)
    {
        var command = string.Join(' ', new[] { "dotnet", CliProcess.Dll }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var start = new ProcessStartInfo("/usr/bin/script")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-qec", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["COLUMNS"] = columns.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["TERM"] = "xterm";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Timeout);
        Assert.True(process.ExitCode == 0, await stdout + await stderr);
        return System.Text.RegularExpressions.Regex.Replace(await stdout, "\u001b(\\[[0-9;?]*[A-Za-z]|[=>])", string.Empty);
    }
}

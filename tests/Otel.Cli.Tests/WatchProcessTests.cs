using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>
/// <c>runs watch</c> and <c>runs show</c>'s curves against a real running run: a real <c>serve</c>, the test program's
/// live mode logging steps until told to stop, and the CLI as a process (piped, and once on a real terminal in tmux).
/// </summary>
public sealed partial class WatchProcessTests
{
    private const long TotalSteps = 1_000_000;

    [Fact]
    public async Task RunsWatch_LiveRun_PrintsRateAndEtaThenExitsZeroWhenTheRunEnds()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        await using var live = await LiveRunProcess.StartAsync(temp.Path, serve.Endpoint, TotalSteps);
        using var watch = Process.Start(CliProcess.StartInfo(temp.Path, "runs", "watch", live.RunId, "--endpoint", serve.Endpoint, "--interval", "0.5"))!;
        var stdout = new Lines(watch.StandardOutput);
        var stderr = watch.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        await Eventually.UntilAsync(() => stdout.Any(line => PipedProgress().IsMatch(line)), "a progress line with rate and ETA: " + stdout, TimeSpan.FromSeconds(60));
        Assert.Contains(stdout.All, line => line.StartsWith("loss: ", StringComparison.Ordinal) && line.Contains(" at step ", StringComparison.Ordinal));
        Assert.False(watch.HasExited, "watch must keep going while the run is RUNNING");
        await live.StopAsync();

        await watch.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(CliProcess.Timeout, TestContext.Current.CancellationToken);
        Assert.True(watch.ExitCode == 0, $"exit {watch.ExitCode}: {stdout} {await stderr}");
        await stdout.Completion;
        Assert.Contains(stdout.All, line => line.StartsWith($"run {live.RunId} ended FINISHED after ", StringComparison.Ordinal));
        Assert.DoesNotContain(stdout.All, line => line.Contains('\u001b', StringComparison.Ordinal));

        // Ended already: the final lines at once, exit 0; --json gives the progress document.
        var again = await CliProcess.RunAsync(temp.Path, "runs", "watch", live.RunId, "--endpoint", serve.Endpoint, "--exit-status");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.StartsWith($"run {live.RunId} ended FINISHED", again.Stdout, StringComparison.Ordinal);
        var json = await CliProcess.RunAsync(temp.Path, "runs", "watch", live.RunId, "--endpoint", serve.Endpoint, "--json");
        var progress = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal(("FINISHED", TotalSteps), (progress.GetProperty("status").GetString(), progress.GetProperty("totalSteps").GetInt64()));
        Assert.True(progress.GetProperty("metrics").GetProperty("loss").GetProperty("lastStep").GetInt64() > 3);

        // The run's detail carries the declared steps; runs show draws its curves, the NaN at step 3 a counted gap.
        var detail = await CliProcess.RunAsync(temp.Path, "runs", "show", live.RunId, "--endpoint", serve.Endpoint, "--json");
        Assert.Equal(TotalSteps, JsonDocument.Parse(detail.Stdout).RootElement.GetProperty("totalSteps").GetInt64());
        var show = await CliProcess.RunAsync(temp.Path, "runs", "show", live.RunId, "--endpoint", serve.Endpoint);
        Assert.True(show.ExitCode == 0, show.ToString());
        // The curve sits beside the numbers, or under them when the (piped, 80-column) width is too narrow.
        Assert.True(Regex.IsMatch(show.Stdout, @"^loss +([▁-█ ]{2,} +)?latest \S+ +min \S+ +max \S+ +steps 0–\d+ +1 NaN/Inf\n(  [▁-█ ]{2,}\n)?", RegexOptions.Multiline), show.Stdout);
        Assert.True(Regex.IsMatch(show.Stdout, @"^accuracy +([▁-█]{2,} +)?latest .*\n(  [▁-█]{2,}\n)?", RegexOptions.Multiline), show.Stdout);
        Assert.True(Regex.IsMatch(show.Stdout, @"^(loss|accuracy) +[▁-█]{2,}|^  [▁-█]{2,}", RegexOptions.Multiline), show.Stdout);
        Assert.DoesNotContain('\u001b', show.Stdout);
    }

    [Fact]
    public async Task RunsWatch_InTmux_DrawsTheLiveProgressBarAndExitStatusReportsKilled()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        await using var live = await LiveRunProcess.StartAsync(temp.Path, serve.Endpoint, TotalSteps);
        var socket = "otel-watch-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            var command = $"dotnet {CliProcess.Dll} runs watch {live.RunId} --endpoint {serve.Endpoint} --interval 0.5 --exit-status; echo \"watch exit $?\"; sleep 600";
            var started = await TmuxAsync(socket, "new-session", "-d", "-s", "watch", "-x", "120", "-y", "30", command);
            Assert.True(started.ExitCode == 0, started.ToString());

            var pane = await Eventually.UntilAsync(
                () => CaptureAsync(socket),
                text => LiveProgress().IsMatch(text) && text.Contains("loss", StringComparison.Ordinal),
                text => "no live progress bar on the terminal:\n" + text,
                TimeSpan.FromSeconds(60));
            Assert.Contains("RUNNING", pane, StringComparison.Ordinal);
            Assert.Matches(@"accuracy +\S+ +\d+ +\d+ +[▁▂▃▄▅▆▇█]+", pane);

            await live.TerminateAsync();
            var end = await Eventually.UntilAsync(
                () => CaptureAsync(socket),
                text => text.Contains("watch exit ", StringComparison.Ordinal),
                text => "watch did not end with the run:\n" + text,
                TimeSpan.FromSeconds(60));
            Assert.Contains($"run {live.RunId} ended KILLED", end, StringComparison.Ordinal);
            Assert.Contains("watch exit 1", end, StringComparison.Ordinal);
        }
        finally
        {
            await TmuxAsync(socket, "kill-server");
        }
    }

    [Fact]
    public async Task RunsWatch_CtrlCOnATerminal_Exits130LeavesTheTerminalCleanAndTheRunRunning()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        await using var live = await LiveRunProcess.StartAsync(temp.Path, serve.Endpoint, TotalSteps);
        var socket = "otel-watch-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            // bash, not sh: it waits for a child that handled SIGINT itself and goes on to print the exit code.
            var command = $"dotnet {CliProcess.Dll} runs watch {live.RunId} --endpoint {serve.Endpoint} --interval 0.5; echo \"watch exit $?\"; sleep 600";
            var started = await TmuxAsync(socket, "new-session", "-d", "-s", "watch", "-x", "120", "-y", "30", "bash", "-c", command);
            Assert.True(started.ExitCode == 0, started.ToString());
            await Eventually.UntilAsync(
                () => CaptureAsync(socket),
                text => LiveProgress().IsMatch(text),
                text => "no live progress bar on the terminal:\n" + text,
                TimeSpan.FromSeconds(60));
            Assert.Equal("0", await CursorFlagAsync(socket));

            var interrupted = await TmuxAsync(socket, "send-keys", "-t", "watch", "C-c");
            Assert.True(interrupted.ExitCode == 0, interrupted.ToString());
            var end = await Eventually.UntilAsync(
                () => CaptureAsync(socket),
                text => text.Contains("watch exit ", StringComparison.Ordinal),
                text => "watch did not stop on Ctrl-C:\n" + text,
                TimeSpan.FromSeconds(60));

            Assert.Contains("watch exit 130", end, StringComparison.Ordinal);
            var lines = end.Split('\n');
            Assert.Contains($"otel-track: stopped watching run {live.RunId}, which is still RUNNING", lines);
            // The last frame stays whole: every bar line on the screen is a complete one, and the cursor is shown again.
            Assert.All(lines.Where(line => line.Contains('░', StringComparison.Ordinal) || line.Contains("% ", StringComparison.Ordinal)),
                line => Assert.Matches(LiveProgress(), line));
            Assert.Equal("1", await CursorFlagAsync(socket));
        }
        finally
        {
            await TmuxAsync(socket, "kill-server");
        }

        var run = await CliProcess.RunAsync(temp.Path, "runs", "show", live.RunId, "--endpoint", serve.Endpoint, "--json");
        Assert.Equal("RUNNING", JsonDocument.Parse(run.Stdout).RootElement.GetProperty("status").GetString());
        await live.StopAsync();
    }

    [Fact]
    public async Task RunsWatch_UnknownRun_ExitsNotFoundSayingSo()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));

        var result = await CliProcess.RunAsync(temp.Path, "runs", "watch", "nosuch-run", "--endpoint", serve.Endpoint);

        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Empty(result.Stdout);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("otel-track: unknown run id 'nosuch-run'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsWatch_IntervalOutOfRange_UsageError()
    {
        using var temp = new TempDirectory();

        var result = await CliProcess.RunAsync(temp.Path, "runs", "watch", "some-run", "--interval", "0");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--interval must be between 0.2 and 60 seconds", result.Stderr, StringComparison.Ordinal);
    }

    private static Task<CliResult> TmuxAsync(string socket, params string[] args)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-u", "-L", socket, .. args])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["LANG"] = "C.UTF-8";
        info.Environment.Remove("OTEL_TRACK_ENDPOINT");
        info.Environment.Remove("TMUX");
        return CliProcess.RunStartedAsync(info);
    }

    private static async Task<string> CaptureAsync(string socket) => (await TmuxAsync(socket, "capture-pane", "-p", "-t", "watch")).Stdout;

    /// <summary>"1" while the terminal shows its cursor, "0" while a program has hidden it.</summary>
    private static async Task<string> CursorFlagAsync(string socket) => (await TmuxAsync(socket, "display-message", "-p", "-t", "watch", "#{cursor_flag}")).Stdout.Trim();

    /// <summary>Piped: "progress: 0% 123/1000000 steps, 41.2 steps/s, ETA 6.7 h".</summary>
    [GeneratedRegex(@"^progress: \d+% \d+/1000000 steps, [\d.]+ steps/s, ETA [\d.]+ (s|min|h|d)$")]
    private static partial Regex PipedProgress();

    /// <summary>On a terminal: the bar, then the same numbers.</summary>
    [GeneratedRegex(@"█*░+ \d+% \d+/1000000 steps, [\d.]+ steps/s, ETA [\d.]+ (s|min|h|d)")]
    private static partial Regex LiveProgress();

    /// <summary>A process's output lines as they arrive, readable while it runs.</summary>
    private sealed class Lines
    {
        private readonly List<string> _lines = [];

        public Lines(StreamReader reader) => Completion = ReadAsync(reader);

        public Task Completion { get; }

        public IReadOnlyList<string> All
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public bool Any(Func<string, bool> predicate) => All.Any(predicate);

        public override string ToString() => string.Join('\n', All);

        private async Task ReadAsync(StreamReader reader)
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (_lines)
                {
                    _lines.Add(line);
                }
            }
        }
    }
}

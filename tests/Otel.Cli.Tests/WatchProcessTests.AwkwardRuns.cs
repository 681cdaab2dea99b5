using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;
using Otel.Tracking;
using OpenTelemetry.Exporter;

namespace Otel.Cli.Tests;

/// <summary>
/// <c>runs watch</c> against runs that do not simply run and finish: killed hard and marked LOST by the collector, resumed
/// after being LOST or KILLED, named by an id prefix, or unknown; and a collector restarted while a run is watched.
/// </summary>
public sealed partial class WatchProcessTests
{
    /// <summary>Short, so a run killed hard is LOST within seconds; the live program shows life several times a second.</summary>
    private const string LostAfterSeconds = "3";

    [Fact]
    public async Task RunsWatch_RunKilledHard_EndsWhenTheCollectorMarksItLost()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"), "--lost-after", LostAfterSeconds);
        await using var live = await LiveRunProcess.StartAsync(temp.Path, serve.Endpoint, TotalSteps);
        // One watch names the run by a prefix, as users type it; the other asks for the exit status.
        using var plain = Process.Start(CliProcess.StartInfo(temp.Path, "runs", "watch", live.RunId[..8], "--endpoint", serve.Endpoint, "--interval", "0.5"))!;
        using var strict = Process.Start(CliProcess.StartInfo(temp.Path, "runs", "watch", live.RunId, "--endpoint", serve.Endpoint, "--interval", "0.5", "--exit-status"))!;
        var watches = new[] { (Process: plain, Stdout: new Lines(plain.StandardOutput), Stderr: plain.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)),
            (Process: strict, Stdout: new Lines(strict.StandardOutput), Stderr: strict.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)) };
        foreach (var watch in watches)
        {
            await Eventually.UntilAsync(() => watch.Stdout.Any(line => line.StartsWith($"watching run {live.RunId} (RUNNING", StringComparison.Ordinal)),
                "the watch never started following the run: " + watch.Stdout, TimeSpan.FromSeconds(60));
        }

        await live.KillHardAsync();

        foreach (var (watch, expected) in watches.Zip([0, 1]))
        {
            await watch.Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(CliProcess.Timeout, TestContext.Current.CancellationToken);
            await watch.Stdout.Completion;
            Assert.True(watch.Process.ExitCode == expected, $"exit {watch.Process.ExitCode}, expected {expected}: {watch.Stdout} {await watch.Stderr}");
            // "run ID ended LOST: no sign of life for … after 9 s": the collector's reason is part of the line.
            Assert.Contains(watch.Stdout.All, line => line.StartsWith($"run {live.RunId} ended LOST: ", StringComparison.Ordinal) && line.Contains(" after ", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("LOST")]
    [InlineData("KILLED")]
    public async Task RunsWatch_RunResumedAfterItEnded_FollowsItAgainUntilTheResumedRunEnds(string ended)
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"), "--lost-after", LostAfterSeconds);
        await using var live = await LiveRunProcess.StartAsync(temp.Path, serve.Endpoint, TotalSteps);
        await (ended == "LOST" ? live.KillHardAsync() : live.TerminateAsync());
        await Eventually.UntilAsync(
            () => CliProcess.RunAsync(temp.Path, "runs", "show", live.RunId, "--endpoint", serve.Endpoint, "--json"),
            show => show.ExitCode == 0 && JsonDocument.Parse(show.Stdout).RootElement.GetProperty("status").GetString() == ended,
            show => $"the run never became {ended}: {show}",
            TimeSpan.FromSeconds(60));

        // Resumed by another process (here the SDK in this one), which keeps logging until told to stop.
        using var tracking = MlTracking.Create(o =>
        {
            o.Endpoint = serve.Http;
            o.Protocol = OtlpExportProtocol.HttpProtobuf;
            o.ArtifactEndpoint = serve.Http;
            o.ServiceName = "resumed-trainer";
            o.HandleTerminationSignals = false;
            o.BufferOffline = false;
            o.CaptureGitDiff = false;
            o.SystemMetrics = false;
        });
        using var stop = new CancellationTokenSource();
        // Whatever happens, the resumed run ends and the watch goes: nothing outlives the test.
        Process? watch = null;
        try
        {
            var resumed = Task.Run(async () =>
            {
                using var run = await tracking.ResumeRunAsync(live.RunId, TestContext.Current.CancellationToken);
                while (!stop.IsCancellationRequested)
                {
                    run.LogMetric("loss", 0.01);
                    await Task.WhenAny(Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken), Task.Delay(Timeout.Infinite, stop.Token));
                }
            }, TestContext.Current.CancellationToken);
            await Eventually.UntilAsync(
                () => CliProcess.RunAsync(temp.Path, "runs", "show", live.RunId, "--endpoint", serve.Endpoint, "--json"),
                show => show.ExitCode == 0 && JsonDocument.Parse(show.Stdout).RootElement.GetProperty("status").GetString() == "RUNNING",
                show => $"the resumed run never showed RUNNING: {show}",
                TimeSpan.FromSeconds(60));

            watch = Process.Start(CliProcess.StartInfo(temp.Path, "runs", "watch", live.RunId, "--endpoint", serve.Endpoint, "--interval", "0.5", "--exit-status"))!;
            var stdout = new Lines(watch.StandardOutput);
            var stderr = watch.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            // The resumed points (loss 0.01), not only the ones logged before the run ended.
            await Eventually.UntilAsync(() => stdout.Any(line => line.StartsWith("loss: 0.01 at step ", StringComparison.Ordinal)), "the resumed run's points never showed: " + stdout, TimeSpan.FromSeconds(60));
            Assert.StartsWith($"watching run {live.RunId} (RUNNING since ", stdout.All[0], StringComparison.Ordinal);
            Assert.False(watch.HasExited, $"the watch must follow the resumed run while it is RUNNING: {stdout}");

            await stop.CancelAsync();
            await resumed.WaitAsync(CliProcess.Timeout, TestContext.Current.CancellationToken);
            await watch.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(CliProcess.Timeout, TestContext.Current.CancellationToken);
            await stdout.Completion;
            Assert.True(watch.ExitCode == 0, $"exit {watch.ExitCode}: {stdout} {await stderr}");
            Assert.Contains(stdout.All, line => line.StartsWith($"run {live.RunId} ended FINISHED after ", StringComparison.Ordinal));
        }
        finally
        {
            await stop.CancelAsync();
            if (watch is { HasExited: false })
            {
                watch.Kill();
            }

            watch?.Dispose();
        }
    }

    [Fact]
    public async Task RunsWatch_CollectorRestartsMidWatch_SaysSoOnStderrAndFollowsTheRunToItsEnd()
    {
        using var temp = new TempDirectory();
        string[] ports = ["--grpc-port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--http-port", FreePort.Next().ToString(CultureInfo.InvariantCulture)];
        var serve = await ServeProcess.StartAsync(temp.Combine("data"), ports);
        await using var live = await LiveRunProcess.StartAsync(temp.Path, serve.Endpoint, TotalSteps);
        using var watch = Process.Start(CliProcess.StartInfo(temp.Path, "runs", "watch", live.RunId, "--endpoint", serve.Endpoint, "--interval", "0.5"))!;
        var stdout = new Lines(watch.StandardOutput);
        var stderr = new Lines(watch.StandardError);
        await Eventually.UntilAsync(() => stdout.Any(line => PipedProgress().IsMatch(line)), "a progress line: " + stdout, TimeSpan.FromSeconds(60));

        Assert.Equal(0, await serve.TerminateAsync());
        await serve.DisposeAsync();
        await Eventually.UntilAsync(() => stderr.Any(line => line.StartsWith("otel-track: the collector stopped answering (", StringComparison.Ordinal)),
            "the watch saying the collector stopped answering: " + stderr, TimeSpan.FromSeconds(60));
        Assert.False(watch.HasExited, $"the watch must wait for the collector: {stdout}\n{stderr}");

        await using var restarted = await ServeProcess.StartAsync(temp.Combine("data"), ports);
        await Eventually.UntilAsync(() => stderr.Any(line => line == "otel-track: the collector answers again"),
            "the watch saying the collector answers again: " + stderr, TimeSpan.FromSeconds(60));
        await live.StopAsync();

        await watch.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(CliProcess.Timeout, TestContext.Current.CancellationToken);
        await stdout.Completion;
        Assert.True(watch.ExitCode == 0, $"exit {watch.ExitCode}: {stdout}\n{stderr}");
        Assert.Contains(stdout.All, line => line.StartsWith($"run {live.RunId} ended FINISHED after ", StringComparison.Ordinal));
    }
}

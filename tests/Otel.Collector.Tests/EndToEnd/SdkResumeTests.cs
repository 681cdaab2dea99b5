using System.Net.Http.Json;
using OpenTelemetry.Exporter;
using Otel.Tracking;
using Otel.Tracking.Query;

using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>
/// Resuming through a real collector: by a prefix of the run id (as every CLI command takes ids), and keeping the total
/// steps the run declared when the resuming process declares none.
/// </summary>
public sealed class SdkResumeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ResumeRun_UniquePrefix_ResumesTheRunItNames()
    {
        await using var collector = await RunningCollector.StartAsync("sdk_resume_prefix");
        var runId = await KilledRunAsync(collector, new RunOptions { Experiment = "resume-" + Guid.NewGuid().ToString("N") });

        using var tracking = Tracking(collector);
        using var resumed = tracking.ResumeRun(runId[..8]);

        Assert.Equal(runId, resumed.Id);
        Assert.Same(resumed, MlRun.Current);
        await RunningCollector.EventuallyAsync(() => collector.GetRunAsync(runId), r => r.Status == "RUNNING", Timeout);
    }

    [Fact]
    public async Task ResumeRunAsync_AmbiguousPrefix_ThrowsListingTheCandidatesAndWhatToDo()
    {
        await using var collector = await RunningCollector.StartAsync("sdk_resume_ambiguous");
        var ct = TestContext.Current.CancellationToken;
        var prefix = Guid.NewGuid().ToString("N")[..8];
        await OtlpSpans.SendAsync(collector.Api, SpansRequest(RunSpan("ml.run.start", prefix + "-first"), RunSpan("ml.run.start", prefix + "-second")), ct);
        await RunningCollector.EventuallyAsync(() => collector.ListRunsAsync(Experiment), runs => runs.Count == 2, Timeout);
        using var tracking = Tracking(collector);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => tracking.ResumeRunAsync(prefix, ct).WaitAsync(Timeout, ct));

        Assert.Contains($"Cannot resume run '{prefix}': '{prefix}' matches 2 runs: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(prefix + "-fir", error.Message, StringComparison.Ordinal);
        Assert.Contains(prefix + "-sec", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("type more characters, or pass the whole run id.", error.Message, StringComparison.Ordinal);
        Assert.Null(MlRun.Current);
    }

    [Fact]
    public async Task ResumeRun_UnknownPrefix_ThrowsSayingTheCollectorKnowsNoSuchRun()
    {
        await using var collector = await RunningCollector.StartAsync("sdk_resume_unknown_prefix");
        using var tracking = Tracking(collector);

        var error = Assert.Throws<InvalidOperationException>(() => tracking.ResumeRun("0123456789abcdef"));

        Assert.Contains("Cannot resume run '0123456789abcdef': the collector at", error.Message, StringComparison.Ordinal);
        Assert.Contains("knows no such run (no run id is or starts with it)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumeRun_PrefixOfARunActiveInThisProcess_ThrowsSayingItIsActive()
    {
        await using var collector = await RunningCollector.StartAsync("sdk_resume_active_prefix");
        using var tracking = Tracking(collector);
        using var run = tracking.StartRun(new RunOptions { Experiment = "resume-" + Guid.NewGuid().ToString("N") });
        await RunningCollector.EventuallyAsync(() => collector.ListRunsAsync(run.Experiment), runs => runs.Count == 1, Timeout);

        var error = Assert.Throws<InvalidOperationException>(() => tracking.ResumeRun(run.Id[..8]));

        Assert.Equal($"Run {run.Id} is active in this process already: keep logging to it instead of resuming it.", error.Message);
    }

    [Fact]
    public async Task ResumeRun_WithoutTotalSteps_KeepsTheTotalTheRunDeclared()
    {
        await using var collector = await RunningCollector.StartAsync("sdk_resume_total_steps");
        var runId = await KilledRunAsync(collector, new RunOptions { Experiment = "resume-" + Guid.NewGuid().ToString("N"), TotalSteps = 10 });
        Assert.Equal(10, (await collector.GetRunAsync(runId)).TotalSteps);

        using (var tracking = Tracking(collector))
        {
            using var resumed = tracking.ResumeRun(runId);
            resumed.LogMetric("loss", 0.1);
            await RunningCollector.EventuallyAsync(() => collector.GetRunAsync(runId), r => r.Status == "RUNNING", Timeout);
            Assert.Equal(10, (await ProgressAsync(collector, runId)).TotalSteps);
        }

        var detail = await RunningCollector.EventuallyAsync(() => collector.GetRunAsync(runId), r => r.Status == "FINISHED", Timeout);
        Assert.Equal(10, detail.TotalSteps);
        Assert.Equal(10, (await ProgressAsync(collector, runId)).TotalSteps);
    }

    /// <summary>A run started in its own tracker with one metric point and ended KILLED (a preempted job), once the collector shows it so.</summary>
    private static async Task<string> KilledRunAsync(RunningCollector collector, RunOptions options)
    {
        string runId;
        using (var first = Tracking(collector))
        {
            var run = first.StartRun(options);
            runId = run.Id;
            run.LogMetric("loss", 1.0);
            run.End(RunStatus.Killed);
        }

        await RunningCollector.EventuallyAsync(() => collector.GetRunAsync(runId), r => r.Status == "KILLED", Timeout);
        return runId;
    }

    private static async Task<RunProgress> ProgressAsync(RunningCollector collector, string runId) =>
        (await collector.Api.GetFromJsonAsync<RunProgress>($"api/runs/{runId}/progress", QueryJson.Options).WaitAsync(Timeout))!;

    private static MlTracking Tracking(RunningCollector collector) => MlTracking.Create(o =>
    {
        o.Endpoint = collector.Host.HttpEndpoint;
        o.ArtifactEndpoint = collector.Host.HttpEndpoint;
        o.Protocol = OtlpExportProtocol.HttpProtobuf;
        o.ServiceName = "e2e-trainer";
        o.HandleTerminationSignals = false;
        o.BufferOffline = false;
        o.CaptureGitDiff = false;
    });
}

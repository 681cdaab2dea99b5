using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Query;
using Otel.Tracking;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Ingest;

/// <summary>The status a run ends with, the experiment it falls into, and that a late start never resurrects it.</summary>
public sealed class RunStatusTests
{
    [Theory]
    [InlineData(Status.Types.StatusCode.Unset, null, "FINISHED")]
    [InlineData(Status.Types.StatusCode.Ok, null, "FINISHED")]
    [InlineData(Status.Types.StatusCode.Error, null, "FAILED")]
    [InlineData(Status.Types.StatusCode.Error, "KILLED", "KILLED")]
    [InlineData(Status.Types.StatusCode.Unset, "KILLED", "KILLED")]
    [InlineData(Status.Types.StatusCode.Ok, "FAILED", "FAILED")]
    [InlineData(Status.Types.StatusCode.Error, "FINISHED", "FINISHED")]
    [InlineData(Status.Types.StatusCode.Error, "RUNNING", "FAILED")]
    public async Task RunEnd_StatusCodeAndReportedStatus_GiveTerminalStatus(Status.Types.StatusCode code, string? reported, string expected)
    {
        await using var harness = await IngestHarness.StartAsync("status_terminal");
        var end = RunSpan(MlSemanticConventions.RunSpan, "run-status");
        end.Status = new Status { Code = code, Message = code == Status.Types.StatusCode.Error ? "CUDA out of memory" : string.Empty };
        if (reported is not null)
        {
            end.Attributes.Add(Attr(MlSemanticConventions.RunStatus, reported));
        }

        await harness.SendAcceptedAsync(TracesRequest(end));

        var run = await harness.SingleAsync("SELECT Status, StatusMessage FROM ml_runs FINAL WHERE RunId = 'run-status'");
        Assert.Equal(expected, run.String("Status"));
        Assert.Equal(end.Status.Message, run.String("StatusMessage"));
        Assert.Equal(expected, (await harness.GetRunAsync("run-status"))?.Status);
    }

    [Fact]
    public async Task LateStart_AfterEndInEarlierRequest_DoesNotResurrectRun()
    {
        await using var harness = await IngestHarness.StartAsync("status_late_start");
        var end = RunSpan(MlSemanticConventions.RunSpan, "run-late", attributes: [Attr(MlSemanticConventions.RunName, "done")]);
        end.Status = new Status { Code = Status.Types.StatusCode.Ok };
        var start = RunSpan(MlSemanticConventions.RunStartSpan, "run-late", attributes: [Attr(MlSemanticConventions.RunName, "done")]);
        start.EndTimeUnixNano = start.StartTimeUnixNano;

        await harness.SendAcceptedAsync(TracesRequest(end));
        await harness.SendAcceptedAsync(TracesRequest(start));

        var run = await harness.SingleAsync("SELECT Status, toUnixTimestamp64Nano(EndTime) AS EndNs FROM ml_runs FINAL WHERE RunId = 'run-late'");
        Assert.Equal(MlSemanticConventions.Status.Finished, run.String("Status"));
        Assert.Equal((long)end.EndTimeUnixNano, run.NullableInt64("EndNs"));
        var detail = await harness.GetRunAsync("run-late");
        Assert.Equal(MlSemanticConventions.Status.Finished, detail?.Status);
        Assert.NotNull(detail?.EndTime);
        Assert.Equal(MlSemanticConventions.Status.Finished, Assert.Single(await harness.ListRunsAsync(Experiment)).Status);
    }

    [Fact]
    public async Task LateStart_AfterFailedEnd_StaysFailed()
    {
        await using var harness = await IngestHarness.StartAsync("status_late_start_failed");
        var end = RunSpan(MlSemanticConventions.RunSpan, "run-late-failed");
        end.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "diverged" };
        var start = RunSpan(MlSemanticConventions.RunStartSpan, "run-late-failed");
        start.StartTimeUnixNano = end.EndTimeUnixNano + Second;

        await harness.SendAcceptedAsync(TracesRequest(end));
        await harness.SendAcceptedAsync(TracesRequest(start));

        var run = await harness.SingleAsync("SELECT Status, StatusMessage FROM ml_runs FINAL WHERE RunId = 'run-late-failed'");
        Assert.Equal((MlSemanticConventions.Status.Failed, "diverged"), (run.String("Status"), run.String("StatusMessage")));
    }

    [Fact]
    public async Task StartThenEnd_InOneRequest_Finished()
    {
        await using var harness = await IngestHarness.StartAsync("status_same_request");
        var start = RunSpan(MlSemanticConventions.RunStartSpan, "run-one");
        var end = RunSpan(MlSemanticConventions.RunSpan, "run-one");

        await harness.SendAcceptedAsync(TracesRequest(end, start));

        Assert.Equal(MlSemanticConventions.Status.Finished, (await harness.SingleAsync("SELECT Status FROM ml_runs FINAL")).String("Status"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Experiment_MissingOrEmpty_RunInDefault(bool empty)
    {
        await using var harness = await IngestHarness.StartAsync("status_default_experiment");
        var end = RunSpan(MlSemanticConventions.RunSpan, "run-default", experiment: empty ? string.Empty : null, attributes: [Attr("ml.param.lr", 0.1)]);
        end.Events.Add(MetricEvent("loss", 0.5, step: 1, time: T0 + 1));

        await harness.SendAcceptedAsync(TracesRequest(end));

        Assert.Equal("Default", (await harness.SingleAsync("SELECT Experiment FROM ml_runs FINAL")).String("Experiment"));
        Assert.Equal("Default", (await harness.SingleAsync("SELECT Experiment FROM ml_params FINAL")).String("Experiment"));
        Assert.Equal("Default", (await harness.SingleAsync("SELECT Experiment FROM ml_metrics")).String("Experiment"));
        Assert.Equal("run-default", Assert.Single(await harness.ListRunsAsync("Default")).Id);
    }
}

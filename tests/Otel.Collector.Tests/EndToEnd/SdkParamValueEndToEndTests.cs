using OpenTelemetry.Exporter;
using Otel.Tracking;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>
/// Params of other types than string, number and bool, from the SDK through a real collector: stored as the text MLflow
/// users filter on (lists as JSON, dates ISO 8601), and found by the runs filter, which compares params as strings.
/// </summary>
public sealed class SdkParamValueEndToEndTests
{
    [Fact]
    public async Task ListAndDateParams_StoredAsMlflowTextAndFoundByFilter()
    {
        await using var collector = await RunningCollector.StartAsync("sdk_param_values");
        var experiment = "param-values-" + Guid.NewGuid().ToString("N");
        string runId;
        using (var tracking = MlTracking.Create(o =>
        {
            o.Endpoint = collector.Host.HttpEndpoint;
            o.Protocol = OtlpExportProtocol.HttpProtobuf;
            o.HandleTerminationSignals = false;
            o.BufferOffline = false;
            o.CaptureGitDiff = false;
        }))
        {
            using var run = tracking.StartRun(new RunOptions { Experiment = experiment, Params = { ["layers"] = new[] { 64, 32 } } });
            runId = run.Id;
            run.LogParams(new Dictionary<string, object?>
            {
                ["cutoff"] = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc),
                ["optimizer"] = DayOfWeek.Monday,
            });
        }

        var detail = await collector.GetRunAsync(runId);
        Assert.Equal("[64, 32]", detail.Params["layers"]);
        Assert.Equal("2026-01-02T00:00:00+00:00", detail.Params["cutoff"]);
        Assert.Equal("Monday", detail.Params["optimizer"]);
        var filter = Uri.EscapeDataString("params.layers = '[64, 32]' and params.cutoff LIKE '2026-01-02%'");
        var found = await collector.GetJsonAsync($"api/runs?experiment={Uri.EscapeDataString(experiment)}&filter={filter}");
        Assert.Equal(runId, Assert.Single(found.EnumerateArray()).GetProperty("id").GetString());
    }
}

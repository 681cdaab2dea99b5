using OpenTelemetry.Exporter;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>The SDK's real OTLP exporter → a real collector on loopback → embedded ClickHouse → the query API.</summary>
public sealed class SdkEndToEndTests
{
    [Theory]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    [InlineData(OtlpExportProtocol.Grpc)]
    public async Task Sweep_ExportedBySdk_IsReadableThroughQueryApi(OtlpExportProtocol protocol)
    {
        await using var collector = await RunningCollector.StartAsync($"sdk_sweep_{protocol}");
        var experiment = $"e2e-{protocol}-{Guid.NewGuid():N}";
        string sweepId, goodId, badId;
        using (var tracking = Tracking(collector, protocol))
        {
            using var sweep = tracking.StartRun(new RunOptions { Experiment = experiment, Name = "sweep", Params = { ["search"] = "grid" } });
            sweepId = sweep.Id;
            goodId = tracking.Run(new RunOptions { Experiment = experiment, Name = "good", ParentRunId = sweep.Id, Params = { ["lr"] = 0.1, ["epochs"] = 3L, ["nesterov"] = true } }, run =>
            {
                for (var step = 1; step <= 3; step++)
                {
                    run.LogMetric("loss", 1.0 / step, step);
                    run.LogMetric("accuracy", 0.5 + step / 10.0, step);
                }

                run.SetTag("stage", "done");
                return run.Id;
            });
            var failed = tracking.StartRun(new RunOptions { Experiment = experiment, Name = "bad", ParentRunId = sweep.Id, Params = { ["lr"] = 10.0 } });
            badId = failed.Id;
            failed.LogMetric("loss", double.NaN, 1);
            failed.Fail(new InvalidOperationException("diverged"));
        }

        var runs = await collector.ListRunsAsync(experiment);
        Assert.Equal(3, runs.Count);
        var good = runs.Single(r => r.Id == goodId);
        Assert.Equal("FINISHED", good.Status);
        Assert.Equal(sweepId, good.ParentId);
        Assert.Equal("good", good.Name);
        Assert.Equal(new Dictionary<string, string> { ["lr"] = "0.1", ["epochs"] = "3", ["nesterov"] = "true" }, good.Params);
        Assert.Equal("done", good.Tags["stage"]);
        Assert.Equal(1.0 / 3, good.Metrics["loss"], 12);
        Assert.Equal(0.8, good.Metrics["accuracy"], 12);
        Assert.NotNull(good.EndTime);

        var bad = runs.Single(r => r.Id == badId);
        Assert.Equal("FAILED", bad.Status);
        Assert.Contains("diverged", bad.StatusMessage, StringComparison.Ordinal);
        Assert.True(double.IsNaN(bad.Metrics["loss"]));
        Assert.Equal("FINISHED", runs.Single(r => r.Id == sweepId).Status);

        var detail = await collector.GetRunAsync(goodId);
        Assert.Equal([1L, 2L, 3L], detail.History["loss"].Select(p => p.Step));
        Assert.Equal([1.0, 0.5, 1.0 / 3], detail.History["loss"].Select(p => p.Value));
        Assert.All(detail.History["loss"], p => Assert.True(p.Timestamp > detail.StartTime.AddMinutes(-1)));
        Assert.Equal("e2e-trainer", detail.Provenance["service.name"]);
    }

    [Fact]
    public async Task RunningRun_MetricsStreamLive_BeforeItEnds()
    {
        await using var collector = await RunningCollector.StartAsync("sdk_live");
        var experiment = $"live-{Guid.NewGuid():N}";
        using var tracking = Tracking(collector, OtlpExportProtocol.HttpProtobuf);
        using var run = tracking.StartRun(new RunOptions { Experiment = experiment, Name = "live" });

        var visible = await RunningCollector.EventuallyAsync(() => collector.ListRunsAsync(experiment), r => r.Count == 1, TimeSpan.FromSeconds(10));
        Assert.Equal("RUNNING", visible[0].Status);
        Assert.Null(visible[0].EndTime);

        for (var step = 0; step < 100; step++)
        {
            run.LogMetric("loss", 100 - step, step);
        }

        // Default settings: points flushed every second, spans exported every second; the bound is 5 s at p95.
        var detail = await RunningCollector.EventuallyAsync(
            () => collector.GetRunAsync(run.Id),
            // History and summary are separate reads: wait until both show the last point.
            d => d.History.GetValueOrDefault("loss")?.Count == 100 && d.Metrics.GetValueOrDefault("loss", double.NaN) == 1,
            TimeSpan.FromSeconds(10));
        Assert.Equal("RUNNING", detail.Status);
        Assert.Equal(1, detail.Metrics["loss"]);
    }

    [Fact]
    public async Task UnknownRun_Returns404WithReason()
    {
        await using var collector = await RunningCollector.StartAsync("unknown_run");
        using var response = await collector.Api.GetAsync("api/runs/does-not-exist", TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("unknown run id 'does-not-exist'", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthEndpoints_AnswerOnceServing()
    {
        await using var collector = await RunningCollector.StartAsync("health");
        var ct = TestContext.Current.CancellationToken;
        using var healthz = await collector.Api.GetAsync("healthz", ct).WaitAsync(TestTimeouts.Default, ct);
        using var readyz = await collector.Api.GetAsync("readyz", ct).WaitAsync(TestTimeouts.Default, ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, readyz.StatusCode);
        Assert.Equal("ready", await readyz.Content.ReadAsStringAsync(ct));
    }

    private static MlTracking Tracking(RunningCollector collector, OtlpExportProtocol protocol) => MlTracking.Create(o =>
    {
        o.Endpoint = protocol == OtlpExportProtocol.Grpc ? collector.Host.GrpcEndpoint : collector.Host.HttpEndpoint;
        o.Protocol = protocol;
        o.ServiceName = "e2e-trainer";
        o.HandleTerminationSignals = false;
        o.BufferOffline = false;
    });
}

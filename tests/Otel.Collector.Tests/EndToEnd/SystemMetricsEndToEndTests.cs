using OpenTelemetry.Exporter;
using Otel.Tracking;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>The SDK's system metrics through its real OTLP exporter and a real collector, read back as the run's history.</summary>
public sealed class SystemMetricsEndToEndTests
{
    [Fact]
    public async Task RunningRun_SystemMetricsOn_ShowInTheRunsHistoryOneKeyPerSeries()
    {
        await using var collector = await RunningCollector.StartAsync("sdk_system_metrics");
        var experiment = $"sys-{Guid.NewGuid():N}";
        using var tracking = MlTracking.Create(o =>
        {
            o.Endpoint = collector.Host.HttpEndpoint;
            o.Protocol = OtlpExportProtocol.HttpProtobuf;
            o.ServiceName = "e2e-system-metrics";
            o.HandleTerminationSignals = false;
            o.BufferOffline = false;
            o.MetricExportInterval = TimeSpan.FromMilliseconds(200);
        });
        using var run = tracking.StartRun(new RunOptions { Experiment = experiment, Name = "with-system-metrics" });

        await RunningCollector.EventuallyAsync(() => collector.ListRunsAsync(experiment), r => r.Count == 1, TimeSpan.FromSeconds(10));
        string[] expected =
        [
            "system.cpu.utilization", "system.memory.usage.used", "system.memory.utilization.used", "system.disk.io.read",
            "system.disk.io.write", "system.network.io.receive", "system.network.io.transmit", "process.memory.usage", "process.cpu.time",
        ];
        var detail = await RunningCollector.EventuallyAsync(() => collector.GetRunAsync(run.Id),
            d => expected.All(d.History.ContainsKey) && d.History["system.cpu.utilization"].Count >= 2, TimeSpan.FromSeconds(30));

        Assert.All(detail.History["system.cpu.utilization"], p => Assert.InRange(p.Value, 0, 1));
        Assert.True(detail.History["system.memory.usage.used"][^1].Value > 1024 * 1024, "a machine running this test uses more than 1 MiB");
        Assert.Equal(experiment, detail.Experiment);
    }
}

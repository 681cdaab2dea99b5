using System.Text;
using OpenTelemetry.Exporter;
using Otel.Collector.Tests.Receivers;
using Otel.Tracking;

namespace Otel.Collector.Tests.Limits;

/// <summary>The SDK of this repository, at its largest defaults, is never refused by the collector's default limits.</summary>
public sealed class SdkWithinDefaultLimitsTests
{
    private const int Points = 25_000;
    private const int Columns = 5_000;
    private const int ParamCount = 600; // above the SDK's own default of 128 attributes per span

    [Theory]
    [InlineData(OtlpExportProtocol.HttpProtobuf)]
    [InlineData(OtlpExportProtocol.Grpc)]
    public async Task LargeRun_WithWideDatasetManyParamsAndFullMetricChunks_ArrivesWhole(OtlpExportProtocol protocol)
    {
        await using var host = await OtlpReceiverHost.StartAsync();
        var options = new RunOptions { Experiment = "limits", Name = "large" };
        for (var i = 0; i < ParamCount; i++)
        {
            options.Params[$"layer.{i}.width"] = i * 16L;
        }

        string runId;
        using (var tracking = MlTracking.Create(o =>
        {
            o.Endpoint = protocol == OtlpExportProtocol.Grpc ? host.GrpcAddress : host.HttpAddress;
            o.Protocol = protocol;
            o.ServiceName = "limits-trainer";
            o.HandleTerminationSignals = false;
            o.CaptureGitDiff = false;
            o.UploadArtifacts = false;
        }))
        {
            using var run = tracking.StartRun(options);
            runId = run.Id;
            using var wide = new MemoryStream(WideCsv());
            run.LogDataset(wide, "wide.csv");
            for (var i = 0; i < Points; i++)
            {
                run.LogMetric($"metric.{i % 10}", i, i);
            }
        }

        var spans = host.Ingest.Traces.SelectMany(LimitRequests.AllSpans).ToList();
        var runSpan = Assert.Single(spans, s => s.Name == MlSemanticConventions.RunSpan);
        Assert.Equal(ParamCount, runSpan.Attributes.Count(a => a.Key.StartsWith(MlSemanticConventions.ParamPrefix, StringComparison.Ordinal)));
        Assert.Equal(runId, runSpan.Attributes.Single(a => a.Key == MlSemanticConventions.RunId).Value.StringValue);

        // The arrays of the SDK's ml.metrics events are read from the bytes into columns, each event's range its points.
        var chunks = host.Ingest.TraceExports
            .SelectMany(export => LimitRequests.AllSpans(export.Request).SelectMany(s => s.Events)
                .Where(e => e.Name == MlSemanticConventions.MetricsEvent)
                .Select(e => export.TryGetArrayPoints(e, out _, out var count) ? count : -1))
            .ToList();
        Assert.Equal(Points, chunks.Sum());
        Assert.Contains(new MlTrackingOptions().MaxPointsPerEvent, chunks);

        var dataset = Assert.Single(spans.SelectMany(s => s.Events), e => e.Name == MlSemanticConventions.DatasetEvent);
        var schema = dataset.Attributes.Single(a => a.Key == MlSemanticConventions.DatasetSchema).Value.StringValue;
        Assert.True(Encoding.UTF8.GetByteCount(schema) > 64 * 1024, $"the schema of {Columns} columns is {schema.Length} characters: a 64 KiB value limit would refuse it");

        var resource = host.Ingest.Traces.First().ResourceSpans[0].Resource.Attributes;
        Assert.Contains(resource, a => a.Key == MlSemanticConventions.ProcessCommandLine);
    }

    private static byte[] WideCsv()
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Enumerable.Range(0, Columns).Select(i => $"feature_{i:D5}")).Append('\n');
        text.AppendJoin(',', Enumerable.Range(0, Columns).Select(i => i % 2 == 0 ? "1.5" : "7")).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}

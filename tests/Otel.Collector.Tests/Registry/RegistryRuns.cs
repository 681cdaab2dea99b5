using System.Net.Http.Json;
using System.Security.Cryptography;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking.Query;

using static Otel.Collector.Tests.EndToEnd.OtlpSpans;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Registry;

/// <summary>
/// Runs sent by hand over OTLP, as any SDK would: params, two accuracy points, a dataset and one artifact, whose bytes
/// are uploaded to the artifact API unless told otherwise. Returns once the collector shows the run.
/// </summary>
internal static class RegistryRuns
{
    public const string DatasetDigest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    public sealed record SeededRun(string RunId, string ArtifactPath, string Sha256, byte[] Bytes);

    public static async Task<SeededRun> SeedRunAsync(
        this RegistryCollector collector, string experiment, bool finished = true, bool upload = true, double accuracy = 0.9, string artifactPath = "model.bin")
    {
        var runId = Guid.NewGuid().ToString("N");
        var bytes = RandomNumberGenerator.GetBytes(4096);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (upload)
        {
            using var put = await collector.Api.PutAsync($"api/artifacts/{sha256}", new ByteArrayContent(bytes), RegistryCollector.Cancellation);
            Assert.True(put.IsSuccessStatusCode, $"artifact upload answered {(int)put.StatusCode}");
        }

        var param = Attr("ml.param.lr", 0.1);
        var records = RunSpan("ml.records", runId, experiment, "trainer");
        records.Events.Add(MetricEvent("accuracy", Dbl(0.5), 1, T0 + Second));
        records.Events.Add(MetricEvent("accuracy", Dbl(accuracy), 2, T0 + (2 * Second)));
        records.Events.Add(Event("ml.dataset", Attr("ml.dataset.name", "train.csv"), Attr("ml.dataset.digest", DatasetDigest),
            Attr("ml.dataset.uri", "file:///data/train.csv"), Attr("ml.dataset.context", "training")));
        records.Events.Add(Event("ml.artifact", Attr("ml.artifact.path", artifactPath), Attr("ml.artifact.sha256", sha256),
            Attr("ml.artifact.size", (long)bytes.Length), Attr("ml.artifact.kind", "model"), Attr("ml.artifact.uri", "otel-track://artifacts/sha256/" + sha256)));
        List<OpenTelemetry.Proto.Trace.V1.Span> spans = [RunSpan("ml.run.start", runId, experiment, "trainer", param), records];
        if (finished)
        {
            spans.Add(RunSpan("ml.run", runId, experiment, "trainer", param));
        }

        await SendAsync(collector.Api, Request([Attr("service.name", "registry-trainer")], [.. spans]), RegistryCollector.Cancellation);
        var status = finished ? "FINISHED" : "RUNNING";
        await Eventually.UntilAsync(
            () => RunAsync(collector, runId),
            run => run is not null && run.Status == status && run.Artifacts.Count == 1 && run.Datasets.Count == 1 && run.Metrics.GetValueOrDefault("accuracy") == accuracy,
            run => $"run {runId} not yet {status} with its records: {run?.Status}",
            TestTimeouts.Default);
        return new SeededRun(runId, artifactPath, sha256, bytes);
    }

    /// <summary>Logs a later, better accuracy and a new param value for the run: the run changes after the fact.</summary>
    public static async Task ChangeRunAsync(this RegistryCollector collector, string experiment, string runId)
    {
        var later = RunSpan("ml.records", runId, experiment, "trainer");
        later.Events.Add(MetricEvent("accuracy", Dbl(0.99), 5, T0 + (10 * Second)));
        await SendAsync(collector.Api, Request([Attr("service.name", "registry-trainer")], later), RegistryCollector.Cancellation);
        await Eventually.UntilAsync(() => RunAsync(collector, runId), run => run?.Metrics["accuracy"] == 0.99, run => "the later point was not stored", TestTimeouts.Default);
    }

    private static async Task<RunDetail?> RunAsync(RegistryCollector collector, string runId)
    {
        using var response = await collector.Api.GetAsync($"api/runs/{runId}", RegistryCollector.Cancellation);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<RunDetail>(QueryJson.Options, RegistryCollector.Cancellation) : null;
    }
}

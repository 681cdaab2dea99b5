using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OpenTelemetry.Exporter;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;
using Otel.Tracking.Registry;

using static Otel.Collector.Tests.EndToEnd.OtlpSpans;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Registry;

/// <summary>
/// A baseline's whole trip: a real SDK run logs a training CSV (and an output baseline) over OTLP → a real collector stores it per
/// run → registering a version freezes it → the version's baseline API, the SDK client and the run's own baseline API serve it.
/// </summary>
public sealed class BaselineEndToEndTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Baseline_SdkRunLogsTrainingCsv_FrozenAtRegistrationAndALaterBaselineDoesNotChangeIt()
    {
        var artifacts = Directory.CreateTempSubdirectory("baseline-e2e-store-").FullName;
        var data = Directory.CreateTempSubdirectory("baseline-e2e-data-").FullName;
        try
        {
            await using var collector = await RegistryCollector.StartAsync("baseline_e2e", artifactDirectory: artifacts);
            var experiment = "baseline-" + Guid.NewGuid().ToString("N");
            var csv = Path.Combine(data, "train.csv");
            await File.WriteAllTextAsync(csv, TrainingCsv(), Cancellation);
            var model = Path.Combine(data, "model.bin");
            await File.WriteAllBytesAsync(model, [1, 2, 3, 4], Cancellation);

            string runId;
            using (var tracking = Tracking(collector))
            {
                using var run = tracking.StartRun(new RunOptions { Experiment = experiment, Name = "train" });
                runId = run.Id;
                run.LogDataset(csv);
                run.LogPredictionBaseline("churn", ["no", "no", "no", "yes"]);
                await run.LogArtifactAsync(model, "model", cancellationToken: Cancellation).Within();
                run.End(RunStatus.Finished);
            }

            var logged = await Eventually.UntilAsync(
                () => RunBaselineAsync(collector, runId),
                b => b?.Distributions.Count == 3,
                b => $"the run's three baselines were not stored: {b?.Distributions.Count}",
                TestTimeouts.Default);
            await Eventually.UntilAsync(() => RunStatusAsync(collector, runId), s => s == "FINISHED", s => $"run {runId} is {s}", TestTimeouts.Default);

            var (registered, _) = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions", new ModelRegistration { RunId = runId, Artifact = "model.bin" });
            Assert.Equal(HttpStatusCode.Created, registered);
            await SendLaterBaselineAsync(collector, experiment, runId);
            await Eventually.UntilAsync(
                () => RunBaselineAsync(collector, runId),
                b => b!.Distributions.Single(d => d.Name == "x").Bounds.SequenceEqual([100.0]),
                b => "the later baseline of x did not replace the earlier one in the run",
                TestTimeouts.Default);

            var (status, body) = await collector.SendAsync(HttpMethod.Get, "api/models/churn/versions/1/baseline");
            using var sdk = new MlTracking(new MlTrackingOptions { ArtifactEndpoint = collector.Host.HttpEndpoint, HandleTerminationSignals = false });
            var fromSdk = await sdk.GetModelBaselineAsync("churn", 1, Cancellation).Within();

            Assert.Equal(HttpStatusCode.OK, status);
            var frozen = body.Deserialize<ModelBaseline>(QueryJson.Options)!;
            Assert.Equal(("churn", 1L, runId), (frozen.Name, frozen.Version, frozen.RunId));
            Assert.Equal(["color", "x", "churn"], frozen.Distributions.Select(d => d.Name));
            var x = frozen.Distributions.Single(d => d.Name == "x");
            // x = 1..20 in deciles: edges 2, 4, …, 18 (the value at index 2i - 1), two values per bin.
            Assert.Equal(("feature", "numeric"), (x.Kind, x.Type));
            Assert.Equal([2.0, 4, 6, 8, 10, 12, 14, 16, 18], x.Bounds);
            Assert.Equal(Enumerable.Repeat(2L, 10), x.Counts);
            Assert.Equal(64, x.DatasetDigest.Length);
            var color = frozen.Distributions.Single(d => d.Name == "color");
            Assert.Equal(["blue", "red"], color.Categories);
            Assert.Equal([15L, 5, 0], color.Counts);
            var churn = frozen.Distributions.Single(d => d.Name == "churn");
            Assert.Equal(("prediction", "categorical"), (churn.Kind, churn.Type));
            Assert.Equal([3L, 1, 0], churn.Counts);
            Assert.Equal(frozen.Distributions.Select(d => (d.Name, d.Counts.Sum())), fromSdk.Distributions.Select(d => (d.Name, d.Counts.Sum())));
            Assert.Equal(logged!.Distributions.Select(d => d.Name), frozen.Distributions.Select(d => d.Name));
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Baseline_RunWithoutOne_VersionAndRunAnswer404SayingHowToLogOne()
    {
        await using var collector = await RegistryCollector.StartAsync("baseline_none");
        var run = await collector.SeedRunAsync("no-baseline");
        await collector.SendAsync(HttpMethod.Post, "api/models/plain/versions", new ModelRegistration { RunId = run.RunId, Artifact = run.ArtifactPath });
        using var sdk = new MlTracking(new MlTrackingOptions { ArtifactEndpoint = collector.Host.HttpEndpoint, HandleTerminationSignals = false });

        var (versionStatus, versionBody) = await collector.SendAsync(HttpMethod.Get, "api/models/plain/versions/1/baseline");
        var (runStatus, runBody) = await collector.SendAsync(HttpMethod.Get, $"api/runs/{run.RunId}/baseline");
        var (unknownStatus, unknownBody) = await collector.SendAsync(HttpMethod.Get, "api/runs/nope/baseline");
        var fromSdk = await Assert.ThrowsAsync<ModelRegistryException>(() => sdk.GetModelBaselineAsync("plain", 1, Cancellation).Within());

        Assert.Equal(HttpStatusCode.NotFound, versionStatus);
        Assert.Contains("had logged none when it was registered", versionBody.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, runStatus);
        Assert.Contains("has logged no baseline", runBody.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownStatus);
        Assert.Contains("unknown run id 'nope'", unknownBody.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, fromSdk.StatusCode);
    }

    private static string TrainingCsv()
    {
        var csv = new StringBuilder("x,color\n");
        for (var i = 1; i <= 20; i++)
        {
            csv.Append(i).Append(',').Append(i % 4 == 0 ? "red" : "blue").Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>Another baseline of x for the run, after registration, sent as any SDK would (later than the SDK's own).</summary>
    private static async Task SendLaterBaselineAsync(RegistryCollector collector, string experiment, string runId)
    {
        var span = RunSpan("ml.baseline", runId, experiment, "train");
        var later = Event("ml.baseline", Attr("ml.baseline.name", "x"), Attr("ml.baseline.kind", "feature"), Attr("ml.baseline.type", "numeric"),
            Attr("ml.baseline.bounds", ArrayOf(Dbl(100))), Attr("ml.baseline.counts", ArrayOf(Int(5), Int(5))));
        later.TimeUnixNano = (ulong)(TimeProvider.System.GetUtcNow() - DateTimeOffset.UnixEpoch + TimeSpan.FromMinutes(1)).Ticks * 100;
        span.Events.Add(later);
        await SendAsync(collector.Api, Request([Attr("service.name", "baseline-trainer")], span), Cancellation);
    }

    private static async Task<ModelBaseline?> RunBaselineAsync(RegistryCollector collector, string runId)
    {
        using var response = await collector.Api.GetAsync($"api/runs/{runId}/baseline", Cancellation);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ModelBaseline>(QueryJson.Options, Cancellation) : null;
    }

    private static async Task<string?> RunStatusAsync(RegistryCollector collector, string runId)
    {
        using var response = await collector.Api.GetAsync($"api/runs/{runId}", Cancellation);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<RunDetail>(QueryJson.Options, Cancellation))?.Status : null;
    }

    private static MlTracking Tracking(RegistryCollector collector) => MlTracking.Create(o =>
    {
        o.Endpoint = collector.Host.HttpEndpoint;
        o.Protocol = OtlpExportProtocol.HttpProtobuf;
        o.ArtifactEndpoint = collector.Host.HttpEndpoint;
        o.ServiceName = "baseline-trainer";
        o.HandleTerminationSignals = false;
        o.BufferOffline = false;
        o.CaptureGitDiff = false;
    });
}

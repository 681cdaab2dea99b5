using System.Net;
using System.Text.Json;
using OpenTelemetry.Proto.Metrics.V1;
using Otel.Collector.ClickHouse;
using Otel.Collector.Tests.Registry;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Tests.Production.Drift;

/// <summary>
/// A real collector with registered versions that have a baseline, and serving telemetry sent to it over OTLP. The
/// baseline freeze at registration (issue 10, part 2) is not on this branch: a version is registered from a run as
/// users do, then its row is written again with the baseline and a newer UpdatedAt, as the freeze will store it.
/// </summary>
internal sealed class DriftRig : IAsyncDisposable
{
    private DriftRig(RegistryCollector collector) => Collector = collector;

    public RegistryCollector Collector { get; }

    /// <summary>Serving telemetry starts here: a few minutes before the test, so every window ending now holds it.</summary>
    public DateTimeOffset Start { get; } = TimeProvider.System.GetUtcNow().AddMinutes(-7);

    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<DriftRig> StartAsync(string name, Action<Hosting.CollectorOptions>? configure = null) =>
        new(await RegistryCollector.StartAsync(name, configure: configure));

    /// <summary>Registers a version of <paramref name="model"/> from a new run and gives it <paramref name="baseline"/> (none when null).</summary>
    public async Task<long> RegisterAsync(string model, List<BaselineDistribution>? baseline)
    {
        var run = await Collector.SeedRunAsync(model + "-training");
        var (status, body) = await Collector.SendAsync(HttpMethod.Post, $"api/models/{model}/versions", new ModelRegistration { RunId = run.RunId, Artifact = run.ArtifactPath });
        Assert.Equal(HttpStatusCode.Created, status);
        var version = body.GetProperty("version").GetInt64();
        if (baseline is not null)
        {
            var json = JsonSerializer.Serialize(new ModelBaseline { Distributions = baseline }, QueryJson.Options);
            await Collector.Store.ExecuteAsync(
                """
                INSERT INTO ml_model_versions
                SELECT * REPLACE ({baseline:String} AS Baseline, UpdatedAt + INTERVAL 1 SECOND AS UpdatedAt)
                FROM ml_model_versions WHERE Name = {name:String} AND Version = {version:UInt64} ORDER BY UpdatedAt DESC LIMIT 1
                """,
                new QueryParameters().Add("baseline", json).Add("name", model).Add("version", version),
                Cancellation).WaitAsync(Infrastructure.TestTimeouts.Default, Cancellation);
            var (served, _) = await Collector.SendAsync(HttpMethod.Get, $"api/models/{model}/versions/{version}/baseline");
            Assert.Equal(HttpStatusCode.OK, served);
        }

        return version;
    }

    public Task SendAsync(string model, long version, params Metric[] metrics) =>
        ServingTelemetry.SendAsync(Collector.Api, ServingTelemetry.Request(model, version, metrics), Cancellation).WaitAsync(Infrastructure.TestTimeouts.Default, Cancellation);

    /// <summary>Waits until <paramref name="path"/> answers 200 with every feature counted as sent, and returns the answer.</summary>
    public async Task<JsonElement> DriftWhenStoredAsync(string path, long expectedMeasurements)
    {
        var answer = await Eventually.UntilAsync(
            async () => await Collector.SendAsync(HttpMethod.Get, path),
            answer => answer.Status == HttpStatusCode.OK
                && answer.Body.EnumerateArray().Sum(r => r.GetProperty("count").GetInt64() + r.GetProperty("mismatchedCount").GetInt64()) == expectedMeasurements,
            answer => $"{path} answered {(int)answer.Status}: {answer.Body}",
            Infrastructure.TestTimeouts.Default);
        return answer.Body;
    }

    public ValueTask DisposeAsync() => Collector.DisposeAsync();
}

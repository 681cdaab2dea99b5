using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Proto.Metrics.V1;
using Otel.Collector.Jobs;
using Otel.Collector.Production;
using Otel.Collector.Production.Drift;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Production.Drift;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

using static Otel.Testing.ServingTelemetry;

namespace Otel.Collector.Tests.Production.Status;

/// <summary>
/// An incident, seeded once over OTLP and the API: model <c>churn</c> version 1 was champion, then version 2 took over.
/// Version 2 answers 20% errors over the last half hour (its availability SLO pages) and its <c>age</c> feature shifted;
/// version 1 still serves a little, healthy, on its training distributions. The drift job has run once.
/// </summary>
public sealed class ProductionScenario : IAsyncLifetime
{
    public const string SloFile = """
        slos:
          - {name: churn-availability, kind: availability, model: churn, objective: 0.99}
          - {name: other-availability, kind: availability, model: other, objective: 0.99}
        """;

    private DriftRig? _rig;

    internal DriftRig Rig => _rig ?? throw new InvalidOperationException("the scenario has not started");

    /// <summary>The registered runs of versions 1 and 2.</summary>
    public string[] RunIds { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        // The host's own drift job runs once at start only; the scenario runs it once more after the telemetry.
        _rig = await DriftRig.StartAsync("version_production", options => options.Drift.Interval = TimeSpan.FromHours(1));
        Assert.Equal(1, await Rig.RegisterAsync("churn", DriftScenario.Baseline()));
        Assert.Equal(2, await Rig.RegisterAsync("churn", DriftScenario.Baseline()));
        RunIds = [await RunIdAsync(1), await RunIdAsync(2)];
        await MoveChampionAsync(1);
        await MoveChampionAsync(2);

        var end = Slo.SloTestTime.CurrentMinute();
        await Otel.Testing.ServingTraffic.SendAsync(Rig.Collector.Api, Otel.Testing.ServingTraffic.Histogram(
            Otel.Testing.ServingTraffic.Serving("churn-scorer", "churn", "2"), [.. Otel.Testing.ServingTraffic.Repeat(30, new MinuteTraffic(80, 20))], end,
            AggregationTemporality.Delta), "v1/metrics");
        await Otel.Testing.ServingTraffic.SendAsync(Rig.Collector.Api, Otel.Testing.ServingTraffic.Histogram(
            Otel.Testing.ServingTraffic.Serving("churn-scorer", "churn", "1"), [.. Otel.Testing.ServingTraffic.Repeat(30, new MinuteTraffic(10, 0))], end,
            AggregationTemporality.Delta), "v1/metrics");
        await Rig.SendAsync("churn", 2,
            Histogram("age", DriftScenario.AgeBounds, DriftScenario.AgeShifted, AggregationTemporality.Delta, Rig.Start),
            Histogram("income", DriftScenario.IncomeBounds, [.. DriftScenario.IncomeBaseline.Select(c => c * 2)], AggregationTemporality.Delta, Rig.Start),
            Histogram("score", DriftScenario.ScoreBounds, [.. DriftScenario.ScoreBaseline.Select(c => c * 2)], AggregationTemporality.Delta, Rig.Start, prediction: true));
        await Rig.SendAsync("churn", 1,
            Histogram("age", DriftScenario.AgeBounds, [.. DriftScenario.AgeBaseline.Select(c => c * 2)], AggregationTemporality.Delta, Rig.Start));
        await Rig.DriftWhenStoredAsync("api/models/churn/drift?version=2&window=15m", 6000);
        await Rig.DriftWhenStoredAsync("api/models/churn/drift?version=1&window=15m", 2000);

        using var applied = await Rig.Collector.Api.PutAsJsonAsync("api/slos", new SloApplyRequest("slos.yaml", SloFile), QueryJson.Options, DriftRig.Cancellation)
            .WaitAsync(TestTimeouts.Default, DriftRig.Cancellation);
        Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync(DriftRig.Cancellation));
        await Eventually.UntilAsync(async () => (await Rig.Collector.SendAsync(HttpMethod.Get, "api/slos")).Body.GetArrayLength() == 2,
            "the SLOs were not stored", TestTimeouts.Default);

        // The drift job's windows all end at the current minute, after the telemetry.
        var options = new DriftOptions
        {
            Windows = [(ServingWindow.FifteenMinutes, TimeSpan.FromMinutes(1)), (ServingWindow.OneHour, TimeSpan.FromMinutes(1)), (ServingWindow.OneDay, TimeSpan.FromMinutes(1))],
        };
        var job = ActivatorUtilities.CreateInstance<DriftJob>(Rig.Collector.Host.Services, options, new FakeTimeProvider(TimeProvider.System.GetUtcNow()));
        await job.RunOnceAsync(new JobRun(job.Name, 1, "test"), DriftRig.Cancellation).WaitAsync(TestTimeouts.Default, DriftRig.Cancellation);
        await Eventually.UntilAsync(
            async () => (await Rig.Collector.Store.QueryAsync("SELECT uniqExact(ModelVersion) FROM ml_drift WHERE ModelName = 'churn' AND Window = '15m'", "TSV", null, DriftRig.Cancellation))
                .AsSpan().SequenceEqual("2\n"u8),
            "the drift job's 15m rows were not stored", TestTimeouts.Default);
    }

    public async ValueTask DisposeAsync()
    {
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }
    }

    private async Task<string> RunIdAsync(long version)
    {
        var (status, body) = await Rig.Collector.SendAsync(HttpMethod.Get, $"api/models/churn/versions/{version}");
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("runId").GetString()!;
    }

    private async Task MoveChampionAsync(long version)
    {
        var (status, body) = await Rig.Collector.SendAsync(HttpMethod.Put, "api/models/churn/aliases/champion", new ModelAliasTarget(version));
        Assert.True(status == HttpStatusCode.OK, body.ToString());
    }
}

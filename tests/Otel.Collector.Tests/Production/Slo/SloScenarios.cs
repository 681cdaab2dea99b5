using System.Globalization;
using System.Net.Http.Json;
using OpenTelemetry.Proto.Metrics.V1;
using Otel.Collector.Tests.EndToEnd;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking.Query;

using static Otel.Testing.ServingTraffic;

namespace Otel.Collector.Tests.Production.Slo;

/// <summary>
/// One collector with six hours of serving telemetry sent over OTLP for several models, each a scenario, and SLOs
/// applied for them through the API. Evaluations are pinned at <see cref="At"/>, half a minute before
/// <see cref="End"/>, the minute boundary the seeded minutes end at, so every window holds whole seeded minutes.
/// </summary>
public sealed class SloScenarios : IAsyncLifetime
{
    public const int Minutes = 360;

    public const string SloFile = """
        slos:
          - {name: healthy-availability, kind: availability, model: healthy, objective: 0.99}
          - {name: burning-delta-availability, kind: availability, model: burning-delta, objective: 0.99}
          - {name: burning-cumulative-availability, kind: availability, model: burning-cumulative, objective: 0.99}
          - {name: smoldering-availability, kind: availability, model: smoldering, objective: 0.99, window: 28d}
          - {name: slow-availability, kind: availability, model: slow, objective: 0.99}
          - {name: slow-latency, kind: latency, model: slow, threshold: 0.25, objective: 0.99}
          - {name: slow-latency-300ms, kind: latency, model: slow, threshold: 0.3, objective: 0.99}
          - {name: legacy-availability, kind: availability, service: legacy-scorer, route: /score, objective: 0.99}
          - {name: canary-availability, kind: availability, model: canary, objective: 0.99}
          - {name: idle-availability, kind: availability, model: idle, objective: 0.999}
          - {name: healthy-score-route, kind: availability, model: healthy, route: /score, objective: 0.99}
          - {name: healthy-predict-route, kind: availability, model: healthy, route: /predict, objective: 0.99}
        """;

    private RunningCollector? _collector;

    internal RunningCollector Collector => _collector ?? throw new InvalidOperationException("not started");

    /// <summary>The minute boundary the seeded telemetry ends at.</summary>
    public DateTimeOffset End { get; } = SloTestTime.CurrentMinute();

    /// <summary>When every status is evaluated.</summary>
    public DateTimeOffset At => End.AddSeconds(-30);

    public async ValueTask InitializeAsync()
    {
        _collector = await RunningCollector.StartAsync("slo_scenarios");
        var api = _collector.Api;

        // 1 error in 1000 requests, none in the last 5 minutes.
        await SendHistogramAsync("healthy", "1", Enumerable.Range(0, Minutes).Select(i => i % 10 == 0 ? new MinuteTraffic(99, 1) : new MinuteTraffic(100, 0)), AggregationTemporality.Delta);

        // 20% errors over the last hour, none before: the same by both temporalities.
        await SendHistogramAsync("burning-delta", "1", Burning(), AggregationTemporality.Delta);
        await SendHistogramAsync("burning-cumulative", "1", Burning(), AggregationTemporality.Cumulative);

        // 2% errors all along: burns the budget twice as fast as allowed.
        await SendHistogramAsync("smoldering", "1", Repeat(Minutes, new MinuteTraffic(98, 2)), AggregationTemporality.Cumulative);

        // Every request answered, 20% of them slower than 0.5 s over the last hour.
        await SendHistogramAsync("slow", "1", Repeat(Minutes - 60, new MinuteTraffic(100, 0)).Concat(Repeat(60, new MinuteTraffic(100, 0, 20))), AggregationTemporality.Cumulative);

        // The champion healthy for six hours, the canary burning since it started an hour ago.
        await SendHistogramAsync("canary", "1", Repeat(Minutes, new MinuteTraffic(100, 0)), AggregationTemporality.Delta);
        await SendHistogramAsync("canary", "2", Repeat(60, new MinuteTraffic(80, 20)), AggregationTemporality.Delta);

        // A service with server spans only: two hours, 20% errors in the last one.
        await SendAsync(api, ServerSpans(Serving("legacy-scorer", "legacy", "7"), [.. Repeat(60, new MinuteTraffic(10, 0)), .. Repeat(60, new MinuteTraffic(8, 2))], End), "v1/traces");

        using var response = await api.PutAsJsonAsync("api/slos", new SloApplyRequest("scenarios.yaml", SloFile), QueryJson.Options, TestContext.Current.CancellationToken)
            .WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await RunningCollector.EventuallyAsync(() => ListAsync(), slos => slos.Count == 12, TestTimeouts.Default);
    }

    public async Task<List<SloRecord>> ListAsync() =>
        (await Collector.Api.GetFromJsonAsync<List<SloRecord>>("api/slos", QueryJson.Options, TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Default))!;

    public async Task<SloStatus> StatusAsync(string name, string? model = null)
    {
        var path = "api/slos/status?at=" + Uri.EscapeDataString(At.ToString("O", CultureInfo.InvariantCulture))
            + (model is null ? string.Empty : "&model=" + Uri.EscapeDataString(model));
        using var response = await Collector.Api.GetAsync(path, TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Default);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        return Assert.Single(System.Text.Json.JsonSerializer.Deserialize<List<SloStatus>>(body, QueryJson.Options)!, s => s.Name == name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_collector is not null)
        {
            await _collector.DisposeAsync();
        }
    }

    private static IEnumerable<MinuteTraffic> Burning() =>
        Repeat(Minutes - 60, new MinuteTraffic(100, 0)).Concat(Repeat(60, new MinuteTraffic(80, 20)));

    private Task SendHistogramAsync(string model, string version, IEnumerable<MinuteTraffic> minutes, AggregationTemporality temporality) =>
        SendAsync(Collector.Api, Histogram(Serving(model + "-scorer", model, version), [.. minutes], End, temporality), "v1/metrics");
}

internal static class SloTestTime
{
    /// <summary>The start of the current minute: telemetry seeded up to it is recent, and evaluations pinned before it are exact.</summary>
    public static DateTimeOffset CurrentMinute()
    {
        var now = TimeProvider.System.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }
}

using System.Net;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.ClickHouse;
using Otel.Collector.Jobs;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Registry;

namespace Otel.Grafana.Tests.Harness.Scenarios;

/// <summary>
/// One scenario's real collector over its own embedded database: OTLP and API calls in, background jobs run on
/// demand, and reads that wait until the spooled rows have landed.
/// </summary>
internal sealed class ScenarioCollector(RegistryCollector collector, DateTimeOffset now) : IAsyncDisposable
{
    /// <summary>The seeding's "now": the minute boundary every seeded time is relative to.</summary>
    public DateTimeOffset Now { get; } = now;

    public RegistryCollector Registry { get; } = collector;

    public IClickHouseStore Store => Registry.Store;

    /// <summary>Starts a collector over <paramref name="store"/>, which outlives it (the fixture reads it after seeding).</summary>
    public static async Task<ScenarioCollector> StartAsync(Scenario scenario, DateTimeOffset now, string pricesFile, IClickHouseStore store)
    {
        var collector = await RegistryCollector.StartAsync("grafana_" + scenario, store, waitForLease: false, configure: options =>
        {
            // The collector stores its own metrics often, so the scenario holds several points of each series.
            options.SelfMetricsInterval = TimeSpan.FromMilliseconds(500);
            options.Cost.PricesFile = pricesFile;
        });
        // The registry's writes need the writer's lease; a starved machine takes longer than the usual 30 s to claim it.
        await Eventually.UntilAsync(() => collector.Lease.HeldTerm is not null, $"the {scenario} collector did not take the registry writer's lease", StepTimeout);
        return new ScenarioCollector(collector, now);
    }

    /// <summary>
    /// How long one seeding step may wait for its rows: generous, because the fixture seeds four collectors at once on
    /// a machine that may be busy with other builds.
    /// </summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A registry API call, repeated while it answers 503 (the writer's lease is being claimed, as under load it may be
    /// again after a renewal came late), as a client honouring Retry-After does; nothing was written by a 503.
    /// </summary>
    public Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null, HttpClient? client = null) =>
        Eventually.UntilAsync(
            () => Registry.SendAsync(method, path, body, client),
            answer => answer.Status != HttpStatusCode.ServiceUnavailable,
            answer => $"{method} {path} kept answering 503: {answer.Body}",
            StepTimeout);

    public Task SendTracesAsync(IMessage request) => ServingTraffic.SendAsync(Registry.Api, request, "v1/traces");

    public Task SendMetricsAsync(IMessage request) => ServingTraffic.SendAsync(Registry.Api, request, "v1/metrics");

    /// <summary>One run of a fresh instance of <typeparamref name="TJob"/> from the collector's own services (<paramref name="arguments"/> replace some).</summary>
    public Task RunJobAsync<TJob>(params object[] arguments)
        where TJob : IJob
    {
        var job = ActivatorUtilities.CreateInstance<TJob>(Registry.Host.Services, arguments);
        return job.RunOnceAsync(new JobRun(job.Name, 1, "grafana-scenarios"), RegistryCollector.Cancellation)
            .WaitAsync(TestTimeouts.Default, RegistryCollector.Cancellation);
    }

    public async Task<QueryResult> QueryAsync(string sql) =>
        QueryResult.Parse(await Store.QueryAsync(sql, "JSON", null, RegistryCollector.Cancellation).WaitAsync(TestTimeouts.Default, RegistryCollector.Cancellation));

    /// <summary>Waits until <paramref name="countSql"/> (one number) reaches <paramref name="atLeast"/>: the rows went through the spool.</summary>
    public Task WhenStoredAsync(string countSql, long atLeast, Func<Task>? retry = null) =>
        Eventually.UntilAsync(
            async () =>
            {
                var result = await QueryAsync(countSql);
                var count = (long)QueryResult.Number(result.Rows[0].Values.First());
                if (count < atLeast && retry is not null)
                {
                    await retry();
                }

                return count;
            },
            count => count >= atLeast,
            count => $"{countSql} gave {count}, expected at least {atLeast}",
            StepTimeout);

    public ValueTask DisposeAsync() => Registry.DisposeAsync();
}

using System.Diagnostics;
using OpenTelemetry.Exporter;
using Otel.Cli.Client;
using Otel.Tracking.Query;
using Otel.Tracking;

namespace Otel.Cli.Bench;

/// <summary>
/// Measures freshness with the SDK's default settings: the time from <c>LogMetric</c> to the point
/// being visible through the query API, while the run is still running.
/// </summary>
internal sealed class FreshnessBenchmark(Uri exportEndpoint, OtlpExportProtocol protocol, int points, TimeSpan interval)
{
    public async Task<FreshnessResult> RunAsync(Uri apiEndpoint, CancellationToken cancellationToken)
    {
        using var tracking = MlTracking.Create(o =>
        {
            o.Endpoint = exportEndpoint;
            o.Protocol = protocol;
            o.ServiceName = "otel-track-bench";
        });
        using var client = new TrackingApiClient(apiEndpoint);
        using var run = tracking.StartRun(new RunOptions { Experiment = "bench-freshness", Name = $"freshness-{protocol}" });

        // Wait until the run is visible, so that start-up is not measured as freshness.
        while ((await client.GetRunsJsonAsync("bench-freshness", 10_000, cancellationToken)).EnumerateArray().All(r => r.GetProperty("id").GetString() != run.Id))
        {
            await Task.Delay(50, cancellationToken);
        }

        var loggedAt = new long[points];
        var visibleAt = new long[points];
        var seen = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var poller = Task.Run(async () =>
        {
            while (seen < points && !stop.IsCancellationRequested)
            {
                var detail = TrackingApiClient.Read<RunDetail>(await client.GetRunJsonAsync(run.Id, stop.Token));
                var now = Stopwatch.GetTimestamp();
                foreach (var point in detail.History.GetValueOrDefault("freshness") ?? [])
                {
                    var step = (int)point.Step;
                    if (step < points && loggedAt[step] != 0 && visibleAt[step] == 0)
                    {
                        visibleAt[step] = now;
                        seen++;
                    }
                }

                await Task.Delay(20, stop.Token);
            }
        }, stop.Token);

        for (var step = 0; step < points; step++)
        {
            loggedAt[step] = Stopwatch.GetTimestamp();
            run.LogMetric("freshness", step, step);
            await Task.Delay(interval, cancellationToken);
        }

        await poller.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        var latencies = Enumerable.Range(0, points).Select(i => Stopwatch.GetElapsedTime(loggedAt[i], visibleAt[i]).TotalMilliseconds).Order().ToArray();
        return new FreshnessResult(protocol.ToString(), points, Percentile(latencies, 0.5), Percentile(latencies, 0.95), latencies[^1]);
    }

    private static double Percentile(double[] sorted, double p) => Percentiles.NearestRank(sorted, p);
}

internal sealed record FreshnessResult(string Protocol, int Points, double FreshnessP50Ms, double FreshnessP95Ms, double FreshnessMaxMs);

using System.Diagnostics;
using System.Text.Json;
using Otel.Collector.Time;

namespace Otel.Cli.Bench;

/// <summary>
/// Freshness under load and idle: logs one marker point (its own OTLP request) every <c>interval</c> while the
/// load runs, then <c>minMarkers</c> more after it, and polls the query API for them. A marker's freshness is
/// the time from the moment it is handed to the exporter to the poll that first returns it.
/// </summary>
internal sealed class FreshnessProbe(IngestPlan plan, OtlpTraceSender sender, HttpClient api, TimeSpan interval, TimeSpan pollInterval)
{
    private static readonly TimeSpan VisibleTimeout = TimeSpan.FromSeconds(120);

    public async Task<FreshnessSamples> RunAsync(Func<bool> loadRunning, int minMarkers, CancellationToken cancellationToken)
    {
        var logged = new List<(long At, bool UnderLoad)>();
        var visibleAt = new Dictionary<int, long>();
        var sends = new List<Task<SendResult>>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var poller = PollAsync(logged, visibleAt, stop.Token);
        try
        {
            for (int i = 0, idle = 0; ; i++)
            {
                var underLoad = loadRunning();
                if (!underLoad && idle++ >= minMarkers)
                {
                    break;
                }

                lock (logged)
                {
                    logged.Add((Stopwatch.GetTimestamp(), underLoad));
                }

                sends.Add(sender.SendAsync(plan.EncodeMarker(i, TimeProvider.System.NowNanos()), cancellationToken));
                await Task.Delay(interval, cancellationToken);
            }

            await Task.WhenAll(sends);
            var waiting = Stopwatch.GetTimestamp();
            while (true)
            {
                lock (logged)
                {
                    if (visibleAt.Count == logged.Count)
                    {
                        break;
                    }
                }

                if (Stopwatch.GetElapsedTime(waiting) > VisibleTimeout || poller.IsCompleted)
                {
                    await poller; // Surfaces the poller's failure, if that is what stopped it.
                    throw new CliException($"freshness: only {visibleAt.Count} of {logged.Count} markers became visible within {VisibleTimeout.TotalSeconds:0} s");
                }

                await Task.Delay(pollInterval, cancellationToken);
            }
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await poller;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }

        lock (logged)
        {
            var loaded = new List<double>();
            var idle = new List<double>();
            for (var i = 0; i < logged.Count; i++)
            {
                (logged[i].UnderLoad ? loaded : idle).Add(Stopwatch.GetElapsedTime(logged[i].At, visibleAt[i]).TotalMilliseconds);
            }

            loaded.Sort();
            idle.Sort();
            return new FreshnessSamples(loaded, idle, minMarkers);
        }
    }

    private async Task PollAsync(List<(long At, bool UnderLoad)> logged, Dictionary<int, long> visibleAt, CancellationToken cancellationToken)
    {
        var path = $"api/runs/{Uri.EscapeDataString(plan.MarkerRunId)}/history?key={Uri.EscapeDataString(IngestPlan.MarkerKey)}&maxPoints=100000";
        while (true)
        {
            await Task.Delay(pollInterval, cancellationToken);
            using var response = await api.GetAsync(path, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var now = Stopwatch.GetTimestamp();
            lock (logged)
            {
                foreach (var point in json.RootElement.EnumerateArray())
                {
                    var step = (int)point.GetProperty("step").GetInt64();
                    if (step < logged.Count)
                    {
                        visibleAt.TryAdd(step, now);
                    }
                }
            }
        }
    }
}

/// <summary>
/// Marker latencies in milliseconds, sorted: those logged while the load ran and those logged after it. The
/// headline is the markers under load when there are at least <paramref name="MinMarkers"/> of them (a load
/// too short for that is reported over all markers).
/// </summary>
internal sealed record FreshnessSamples(IReadOnlyList<double> UnderLoad, IReadOnlyList<double> Idle, int MinMarkers)
{
    public bool HeadlineUnderLoad => UnderLoad.Count >= MinMarkers;

    /// <summary>No probe ran (<c>bench ingest --markers 0</c>).</summary>
    public static FreshnessSamples NotProbed { get; } = new([], [], 0);

    public IReadOnlyList<double> Headline => HeadlineUnderLoad ? UnderLoad : [.. UnderLoad.Concat(Idle).Order()];

    /// <summary>Which markers the headline figures are over: "under-load", "all", or "off" when no probe ran.</summary>
    public string Basis => MinMarkers == 0 ? "off" : HeadlineUnderLoad ? "under-load" : "all";

    public static double? Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? null : Math.Round(Percentiles.NearestRank(sorted, p), 1);
}

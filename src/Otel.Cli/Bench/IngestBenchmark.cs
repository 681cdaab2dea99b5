using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Time;

namespace Otel.Cli.Bench;

/// <summary>What <c>bench ingest</c> was asked to do.</summary>
internal sealed record IngestSettings(
    IngestForm Form,
    string Protocol,
    long Points,
    int PointsPerRequest,
    int Senders,
    int Runs,
    int WarmUpRequests,
    int MinMarkers,
    Uri? Endpoint,
    Uri? GrpcEndpoint,
    string WorkDirectory);

/// <summary>
/// Drives a real OTLP load against a collector with embedded ClickHouse (a child <c>otel-track serve</c>, or
/// <c>--endpoint</c>), measures freshness under that load, then inserts the same rows straight into an embedded
/// ClickHouse of its own: the collector's throughput against the storage's own ceiling.
/// </summary>
internal sealed class IngestBenchmark(IngestSettings settings, Action<string> progress)
{
    private static readonly TimeSpan VisibleTimeout = TimeSpan.FromSeconds(180);

    public async Task<IngestBenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        var plan = new IngestPlan(settings.Form, settings.Points, settings.PointsPerRequest, settings.Runs, TimeProvider.System);
        progress($"bench ingest: encoding {plan.Points:N0} {Name(settings.Form)} points in {plan.RequestCount:N0} OTLP requests of up to {plan.PointsPerRequest:N0} points…");
        var encoding = Stopwatch.GetTimestamp();
        var bodies = new byte[plan.RequestCount][];
        Parallel.For(0, plan.RequestCount, new ParallelOptions { CancellationToken = cancellationToken }, () => (Points: new List<MetricPoint>(), Writer: new ProtoWriter()),
            (j, _, scratch) =>
            {
                bodies[j] = plan.Encode(j, scratch.Points, scratch.Writer);
                return scratch;
            },
            _ => { });

        // The direct encoder must say exactly what the OTLP message classes say.
        if (!ExportTraceServiceRequest.Parser.ParseFrom(bodies[0]).Equals(plan.EncodeWithMessages(0)))
        {
            throw new InvalidOperationException("bench ingest: the direct OTLP encoder disagrees with the OTLP message classes");
        }

        var requestBytes = bodies.Sum(b => (long)b.Length);
        progress($"bench ingest: {requestBytes / 1048576.0:0.0} MiB of OTLP/protobuf encoded in {Stopwatch.GetElapsedTime(encoding).TotalSeconds:0.0} s");

        var loadAverage = ProcStatus.LoadAverage();
        Directory.CreateDirectory(settings.WorkDirectory);
        try
        {
            var load = await LoadAsync(plan, bodies, cancellationToken);
            bodies = null;
            var raw = await RawInsertBenchmark.RunAsync(plan, Path.Combine(settings.WorkDirectory, "raw"), progress, cancellationToken);
            var pointsPerSecond = Math.Round(load.Accepted / load.Seconds, 1);
            var rawPerSecond = Math.Round(raw.RowsPerSecond, 1);
            return new IngestBenchmarkResult(
                pointsPerSecond,
                rawPerSecond,
                pointsPerSecond / rawPerSecond,
                FreshnessSamples.Percentile(load.Freshness.Headline, 0.50),
                FreshnessSamples.Percentile(load.Freshness.Headline, 0.95),
                load.PeakRssBytes,
                Name(settings.Form),
                settings.Protocol,
                settings.Endpoint is null ? "child" : settings.Endpoint.ToString(),
                plan.Points,
                load.Accepted,
                load.RejectedSpans,
                plan.RequestCount,
                plan.PointsPerRequest,
                requestBytes,
                settings.Senders,
                settings.WarmUpRequests,
                load.Retries,
                Math.Round(load.Seconds, 3),
                Math.Round(load.VisibleAfter.TotalMilliseconds, 1),
                load.Freshness.Basis,
                load.Freshness.UnderLoad.Count,
                FreshnessSamples.Percentile(load.Freshness.UnderLoad, 0.50),
                FreshnessSamples.Percentile(load.Freshness.UnderLoad, 0.95),
                load.Freshness.Idle.Count,
                FreshnessSamples.Percentile(load.Freshness.Idle, 0.50),
                FreshnessSamples.Percentile(load.Freshness.Idle, 0.95),
                FreshnessSamples.Percentile(load.Freshness.Headline, 1.0),
                load.CollectorCpuSeconds is { } cpu ? Math.Round(cpu, 2) : null,
                Math.Round(load.GeneratorCpuSeconds, 2),
                raw.Rows,
                raw.Inserts,
                Math.Round(raw.Seconds, 3),
                Math.Round(raw.CpuSeconds, 2),
                load.CollectorCpuSeconds is { } collectorCpu && collectorCpu > 0 ? Math.Round(raw.CpuSeconds / collectorCpu, 3) : null,
                loadAverage,
                Environment.ProcessorCount,
                load.PerProtocol);
        }
        finally
        {
            TryDelete(settings.WorkDirectory);
        }
    }

    private async Task<LoadOutcome> LoadAsync(IngestPlan plan, byte[][] bodies, CancellationToken cancellationToken)
    {
        CollectorChildProcess? child = null;
        var senders = new List<OtlpTraceSender>();
        try
        {
            if (settings.Endpoint is null)
            {
                progress("bench ingest: starting the collector (otel-track serve) as a child process…");
                child = await CollectorChildProcess.StartAsync(Path.Combine(settings.WorkDirectory, "collector"), cancellationToken);
                progress($"bench ingest: collector pid {child.Pid}, OTLP gRPC {child.GrpcEndpoint}, OTLP HTTP and API {child.HttpEndpoint}");
            }

            var http = child?.HttpEndpoint ?? settings.Endpoint!;
            var grpc = child?.GrpcEndpoint ?? settings.GrpcEndpoint!;
            string[] protocols = settings.Protocol == "both" ? ["grpc", "http"] : [settings.Protocol];
            senders.AddRange(Enumerable.Range(0, settings.Senders).Select(i => OtlpTraceSender.Create(protocols[i % protocols.Length], http, grpc)));
            using var api = new HttpClient { BaseAddress = http, Timeout = TimeSpan.FromMinutes(2) };
            using var markerSender = OtlpTraceSender.Create(protocols[^1], http, grpc, connections: 64);

            // Untimed: announce the runs, then full-size requests from every sender on the warm-up run, so that the
            // collector's JIT, connections and storage path are warm, as in a collector that has been serving for a
            // while. Those points are not counted.
            await senders[0].SendAsync(plan.EncodeRunSpans(end: false, TimeProvider.System.NowNanos()), cancellationToken);
            var warmUp = plan.EncodeWarmUp((int)Math.Min(plan.PointsPerRequest, plan.Points), TimeProvider.System.NowNanos());
            await Task.WhenAll(senders.Select(async s =>
            {
                for (var i = 0; i < settings.WarmUpRequests; i++)
                {
                    await s.SendAsync(warmUp, cancellationToken);
                }
            }));
            await markerSender.SendAsync(plan.EncodeWarmUp(1, TimeProvider.System.NowNanos()), cancellationToken);

            progress($"bench ingest: sending with {senders.Count} sender(s) ({string.Join(", ", senders.GroupBy(s => s.Protocol).Select(g => $"{g.Count()} {g.Key}"))}), markers over {markerSender.Protocol}…");
            var loadRunning = 1;

            // The probe costs the collector CPU of its own (a request every 100 ms, a query every 20 ms): --markers 0
            // leaves it out, to measure throughput alone.
            var probing = settings.MinMarkers > 0
                ? new FreshnessProbe(plan, markerSender, api, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(20))
                    .RunAsync(() => Volatile.Read(ref loadRunning) == 1, settings.MinMarkers, cancellationToken)
                : Task.FromResult(FreshnessSamples.NotProbed);

            var collectorCpuBefore = child?.CpuTime();
            var selfCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var stats = senders.Select(_ => new SenderStats()).ToArray();
            var next = -1;
            var started = Stopwatch.GetTimestamp();
            var lastReport = started;
            await Task.WhenAll(senders.Select((sender, s) => Task.Run(async () =>
            {
                int j;
                while ((j = Interlocked.Increment(ref next)) < bodies.Length)
                {
                    var result = await sender.SendAsync(bodies[j], cancellationToken);
                    stats[s].Add(plan.PointsIn(j), result, SpansIn(plan, j));
                    var reported = Volatile.Read(ref lastReport);
                    if (Stopwatch.GetElapsedTime(reported).TotalSeconds >= 1 && Interlocked.CompareExchange(ref lastReport, Stopwatch.GetTimestamp(), reported) == reported)
                    {
                        var sent = stats.Sum(x => x.Points);
                        progress($"bench ingest: {sent:N0} points acknowledged, {sent / Stopwatch.GetElapsedTime(started).TotalSeconds:N0} points/s");
                    }
                }
            }, cancellationToken)));
            var elapsed = Stopwatch.GetElapsedTime(started);
            Volatile.Write(ref loadRunning, 0);
            var collectorCpu = child?.CpuTime() - collectorCpuBefore;
            var selfCpu = Process.GetCurrentProcess().TotalProcessorTime - selfCpuBefore;

            var accepted = stats.Sum(x => x.Points - x.RejectedPoints);
            progress($"bench ingest: {accepted:N0} points acknowledged in {elapsed.TotalSeconds:0.00} s = {accepted / elapsed.TotalSeconds:N0} points/s ({stats.Sum(x => x.Retries)} throttled retries); waiting until all are visible…");
            var visibleAfter = await WaitVisibleAsync(api, plan, accepted, cancellationToken);
            var freshness = await probing;
            progress($"bench ingest: all visible {visibleAfter.TotalMilliseconds:0} ms after the last acknowledgement; freshness under load p50 {FreshnessSamples.Percentile(freshness.UnderLoad, 0.5)} ms, p95 {FreshnessSamples.Percentile(freshness.UnderLoad, 0.95)} ms ({freshness.UnderLoad.Count} markers), idle p50 {FreshnessSamples.Percentile(freshness.Idle, 0.5)} ms, p95 {FreshnessSamples.Percentile(freshness.Idle, 0.95)} ms ({freshness.Idle.Count} markers)");

            await senders[0].SendAsync(plan.EncodeRunSpans(end: true, TimeProvider.System.NowNanos()), cancellationToken);
            var peakRss = child?.PeakRssBytes();
            if (peakRss is { } rss)
            {
                progress($"bench ingest: collector peak RSS {rss / 1048576.0:N0} MiB, {collectorCpu?.TotalSeconds:0.0} s CPU during the load (load generator {selfCpu.TotalSeconds:0.0} s)");
            }

            var perProtocol = senders.Select((sender, s) => (sender.Protocol, stats[s]))
                .GroupBy(x => x.Protocol)
                .ToDictionary(g => g.Key, g => new ProtocolStats(g.Sum(x => x.Item2.Requests), g.Sum(x => x.Item2.Points), g.Sum(x => x.Item2.Retries)));
            return new LoadOutcome(accepted, stats.Sum(x => x.RejectedSpans), stats.Sum(x => x.Retries), elapsed.TotalSeconds, visibleAfter, freshness,
                peakRss, collectorCpu?.TotalSeconds, selfCpu.TotalSeconds, perProtocol);
        }
        catch (Exception) when (child is not null)
        {
            var output = child.RecentOutput;
            if (output.Length > 0)
            {
                progress("bench ingest: the collector's last output:\n" + output);
            }

            throw;
        }
        finally
        {
            foreach (var sender in senders)
            {
                sender.Dispose();
            }

            child?.Dispose();
        }
    }

    /// <summary>Polls the query API (each series' point count through /history) until every accepted point is there.</summary>
    private static async Task<TimeSpan> WaitVisibleAsync(HttpClient api, IngestPlan plan, long accepted, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var series = plan.ExpectedSeries().Keys.ToList();
        long visible = 0;
        while (true)
        {
            visible = 0;
            foreach (var (run, key) in series)
            {
                var path = $"api/runs/{Uri.EscapeDataString(run)}/history?key={Uri.EscapeDataString(key)}&maxPoints=1";
                using var response = await api.GetAsync(path, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new CliException($"GET {path} answered {(int)response.StatusCode}: {body}");
                }

                using var json = JsonDocument.Parse(body);
                visible += json.RootElement.EnumerateArray().Sum(p => p.GetProperty("points").GetInt64());
            }

            if (visible >= accepted)
            {
                return Stopwatch.GetElapsedTime(started);
            }

            if (Stopwatch.GetElapsedTime(started) > VisibleTimeout)
            {
                throw new CliException($"only {visible:N0} of {accepted:N0} acknowledged points became visible within {VisibleTimeout.TotalSeconds:0} s");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static int SpansIn(IngestPlan plan, int request)
    {
        var perSpan = plan.Form == IngestForm.Batched ? new Tracking.MlTrackingOptions().MaxPointsPerEvent : IngestPlan.EventsPerSingleSpan;
        return (plan.PointsIn(request) + perSpan - 1) / perSpan;
    }

    public static string Name(IngestForm form) => form == IngestForm.Batched ? "batched" : "single";

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed class SenderStats
    {
        public long Requests { get; private set; }
        public long Points { get; private set; }
        public long RejectedSpans { get; private set; }
        public long RejectedPoints { get; private set; }
        public long Retries { get; private set; }

        public void Add(int points, SendResult result, int spans)
        {
            Requests++;
            Points += points;
            Retries += result.Retries;
            RejectedSpans += result.RejectedSpans;

            // Partial success names a span count, not which spans: count their points at the request's average.
            RejectedPoints += Math.Min(points, result.RejectedSpans * points / Math.Max(1, spans));
        }
    }

    private sealed record LoadOutcome(
        long Accepted, long RejectedSpans, long Retries, double Seconds, TimeSpan VisibleAfter, FreshnessSamples Freshness,
        long? PeakRssBytes, double? CollectorCpuSeconds, double GeneratorCpuSeconds, Dictionary<string, ProtocolStats> PerProtocol);
}

internal sealed record ProtocolStats(
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("points")] long Points,
    [property: JsonPropertyName("retries")] long Retries);

/// <summary>
/// The JSON of <c>bench ingest</c>. The first six fields are the contract of issue #4 (extend, never rename);
/// <c>ratio</c> is <c>pointsPerSecond / rawInsertPointsPerSecond</c> of the values printed. The freshness figures
/// are null only under <c>--markers 0</c> (<c>freshnessBasis</c> "off").
/// </summary>
internal sealed record IngestBenchmarkResult(
    [property: JsonPropertyName("pointsPerSecond")] double PointsPerSecond,
    [property: JsonPropertyName("rawInsertPointsPerSecond")] double RawInsertPointsPerSecond,
    [property: JsonPropertyName("ratio")] double Ratio,
    [property: JsonPropertyName("freshnessP50Ms")] double? FreshnessP50Ms,
    [property: JsonPropertyName("freshnessP95Ms")] double? FreshnessP95Ms,
    [property: JsonPropertyName("peakRssBytes")] long? PeakRssBytes,
    [property: JsonPropertyName("form")] string Form,
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("collector")] string Collector,
    [property: JsonPropertyName("points")] long Points,
    [property: JsonPropertyName("acceptedPoints")] long AcceptedPoints,
    [property: JsonPropertyName("rejectedSpans")] long RejectedSpans,
    [property: JsonPropertyName("requests")] int Requests,
    [property: JsonPropertyName("pointsPerRequest")] int PointsPerRequest,
    [property: JsonPropertyName("requestBytes")] long RequestBytes,
    [property: JsonPropertyName("senders")] int Senders,
    [property: JsonPropertyName("warmUpRequestsPerSender")] int WarmUpRequestsPerSender,
    [property: JsonPropertyName("throttledRetries")] long ThrottledRetries,
    [property: JsonPropertyName("loadSeconds")] double LoadSeconds,
    [property: JsonPropertyName("visibleAfterLastAckMs")] double VisibleAfterLastAckMs,
    [property: JsonPropertyName("freshnessBasis")] string FreshnessBasis,
    [property: JsonPropertyName("freshnessSamplesUnderLoad")] int FreshnessSamplesUnderLoad,
    [property: JsonPropertyName("freshnessP50UnderLoadMs")] double? FreshnessP50UnderLoadMs,
    [property: JsonPropertyName("freshnessP95UnderLoadMs")] double? FreshnessP95UnderLoadMs,
    [property: JsonPropertyName("freshnessSamplesIdle")] int FreshnessSamplesIdle,
    [property: JsonPropertyName("freshnessP50IdleMs")] double? FreshnessP50IdleMs,
    [property: JsonPropertyName("freshnessP95IdleMs")] double? FreshnessP95IdleMs,
    [property: JsonPropertyName("freshnessMaxMs")] double? FreshnessMaxMs,
    [property: JsonPropertyName("collectorCpuSeconds")] double? CollectorCpuSeconds,
    [property: JsonPropertyName("loadGeneratorCpuSeconds")] double LoadGeneratorCpuSeconds,
    [property: JsonPropertyName("rawInsertRows")] long RawInsertRows,
    [property: JsonPropertyName("rawInserts")] int RawInserts,
    [property: JsonPropertyName("rawInsertSeconds")] double RawInsertSeconds,
    [property: JsonPropertyName("rawInsertCpuSeconds")] double RawInsertCpuSeconds,
    [property: JsonPropertyName("cpuRatio")] double? CpuRatio,
    [property: JsonPropertyName("hostLoadAverage1m")] double? HostLoadAverage1m,
    [property: JsonPropertyName("processorCount")] int ProcessorCount,
    [property: JsonPropertyName("perProtocol")] Dictionary<string, ProtocolStats> PerProtocol)
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
}

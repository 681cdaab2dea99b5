using System.Globalization;
using System.Net;
using Google.Protobuf;
using Grpc.Net.Client;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Metrics.V1;
using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.ClickHouse;
using Otel.Collector.Telemetry;
using Otel.Collector.Tests.EndToEnd;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Telemetry;

/// <summary>The collector watching itself on a real collector: served at <c>/metrics</c>, stored in its own tables.</summary>
public sealed class SelfMetricsEndToEndTests
{
    private const string Experiment = "self-metrics";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_AfterTrafficRefusalAndQuery_ServesOwnSeries()
    {
        await using var collector = await StartAsync("self_prometheus");
        await SendTrafficAsync(collector);

        var text = await ScrapeAsync(collector);

        Assert.Contains("otel_track_ingest_items_accepted_total{signal=\"traces\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("otel_track_ingest_items_refused_total{reason=\"invalid\",signal=\"traces\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("otel_track_ingest_requests_accepted_total{signal=\"traces\",transport=\"http\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("otel_track_ingest_requests_refused_total{reason=\"invalid\",signal=\"traces\",transport=\"http\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("otel_track_ingest_requests_refused_total{reason=\"unsupported_media_type\",signal=\"metrics\",transport=\"http\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE otel_track_ingest_request_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE otel_track_spool_pending_size_bytes gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE otel_track_spool_pending_records gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE otel_track_spool_oldest_pending_age_seconds gauge\n", text, StringComparison.Ordinal);
        Assert.Matches("otel_track_storage_insert_duration_seconds_count\\{outcome=\"stored\",table=\"otel_traces\"\\} [1-9]", text);
        Assert.Matches("otel_track_storage_rows_total(\\{\\})? [1-9]", text);
        Assert.Matches("otel_track_query_duration_seconds_count\\{http_response_status_code=\"200\",http_route=\"/api/runs\"\\} 1\n", text);
        Assert.Contains("otel_track_redactions_total{rule=\"secret-key-name\"} 0\n", text, StringComparison.Ordinal);
        Assert.All(
            text.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("target_info", StringComparison.Ordinal)),
            line => Assert.StartsWith("otel_track_", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SelfExport_AfterForceFlush_StoredUnderCollectorServiceName()
    {
        await using var collector = await StartAsync("self_stored");
        await SendTrafficAsync(collector);

        Assert.True(collector.Host.Services.GetRequiredService<SelfMetricsStorage>().Flush(TestTimeouts.Default));

        var accepted = await ScalarAsync(collector.Store, """
            SELECT max(Value) FROM otel_metrics_sum
            WHERE ServiceName = 'otel-track-collector' AND MetricName = 'otel_track.ingest.items.accepted' AND Attributes['signal'] = 'traces'
              AND IsMonotonic AND AggregationTemporality = 2 AND MetricUnit = '{item}'
            """);
        Assert.Equal(2, accepted);
        var spoolGauges = await ScalarAsync(collector.Store, """
            SELECT count() FROM otel_metrics_gauge
            WHERE ServiceName = 'otel-track-collector' AND MetricUnit = 'By' AND MetricName = 'otel_track.spool.pending.size'
            """);
        Assert.True(spoolGauges >= 1);
        Assert.True(await ScalarAsync(collector.Store, """
            SELECT count() FROM otel_metrics_gauge
            WHERE ServiceName = 'otel-track-collector' AND MetricName IN ('otel_track.spool.pending.records', 'otel_track.spool.oldest_pending.age')
            """) >= 2);
        var inserts = await ScalarAsync(collector.Store, """
            SELECT max(Count) FROM otel_metrics_histogram
            WHERE ServiceName = 'otel-track-collector' AND MetricName = 'otel_track.storage.insert.duration' AND Attributes['table'] = 'otel_traces'
              AND MetricUnit = 's' AND length(BucketCounts) = length(ExplicitBounds) + 1
            """);
        Assert.True(inserts >= 1);

        // Its own export is not client traffic: no client sent metrics, so no metric items were counted.
        Assert.Equal(0, await ScalarAsync(collector.Store, """
            SELECT count() FROM otel_metrics_sum
            WHERE ServiceName = 'otel-track-collector' AND MetricName = 'otel_track.ingest.items.accepted' AND Attributes['signal'] = 'metrics'
            """));
    }

    [Fact]
    public async Task Stop_AfterTraffic_FinalFlushStored()
    {
        await using var collector = await StartAsync("self_final_flush");
        await SendTrafficAsync(collector);

        await collector.Host.StopAsync(Ct).WaitAsync(TestTimeouts.Default, Ct);

        Assert.Equal(2, await ScalarAsync(collector.Store, """
            SELECT max(Value) FROM otel_metrics_sum
            WHERE ServiceName = 'otel-track-collector' AND MetricName = 'otel_track.ingest.items.accepted' AND Attributes['signal'] = 'traces'
            """));
    }

    [Fact]
    public async Task Metrics_GrpcExport_CountedUnderGrpcTransport()
    {
        await using var collector = await StartAsync("self_grpc");
        using var channel = GrpcChannel.ForAddress(collector.Host.GrpcEndpoint);
        var request = new ExportMetricsServiceRequest
        {
            ResourceMetrics =
            {
                new ResourceMetrics
                {
                    ScopeMetrics =
                    {
                        new ScopeMetrics
                        {
                            Metrics =
                            {
                                new Metric { Name = "queue.depth", Gauge = new Gauge { DataPoints = { new NumberDataPoint { AsInt = 3, TimeUnixNano = OtlpRequests.T0 }, new NumberDataPoint { AsInt = 4, TimeUnixNano = OtlpRequests.T0 + 1 } } } },
                            },
                        },
                    },
                },
            },
        };

        await new MetricsService.MetricsServiceClient(channel).ExportAsync(request, cancellationToken: Ct).ResponseAsync.WaitAsync(TestTimeouts.Default, Ct);

        var text = await ScrapeAsync(collector);
        Assert.Contains("otel_track_ingest_items_accepted_total{signal=\"metrics\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("otel_track_ingest_requests_accepted_total{signal=\"metrics\",transport=\"grpc\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("otel_track_ingest_request_duration_seconds_count{outcome=\"accepted\",signal=\"metrics\",transport=\"grpc\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_StorageDown_SpoolGrowsRetriesCountedThenDrains()
    {
        SwitchableStore? storage = null;
        await using var collector = await RunningCollector.StartAsync(
            "self_backpressure",
            options => options.SelfMetricsInterval = TimeSpan.FromHours(1),
            store => storage = new SwitchableStore(store));
        storage!.Down = true;

        await OtlpSpans.SendAsync(collector.Api, OtlpSpans.Request([], OtlpSpans.RunSpan("ml.run.start", Guid.NewGuid().ToString("N"), Experiment, "r")), Ct);

        var backlog = await EventuallyScrapeAsync(collector, text => Gauge(text, "otel_track_spool_pending_records") >= 1 && Counter(text, "otel_track_shipper_retries_total") >= 1);
        Assert.True(Gauge(backlog, "otel_track_spool_pending_size_bytes") > 0);
        Assert.True(Gauge(backlog, "otel_track_spool_oldest_pending_age_seconds") > 0);
        Assert.Matches("otel_track_storage_insert_duration_seconds_count\\{outcome=\"failed\",table=\"[a-z_]+\"\\} [1-9]", backlog);

        storage.Down = false;

        var drained = await EventuallyScrapeAsync(collector, text => Gauge(text, "otel_track_spool_pending_records") == 0);
        Assert.Equal(0, Gauge(drained, "otel_track_spool_pending_size_bytes"));
        Assert.Equal(0, Gauge(drained, "otel_track_spool_oldest_pending_age_seconds"));
    }

    /// <summary>A collector whose periodic self-export never fires by itself during a test: tests drive it with ForceFlush or stop.</summary>
    private static Task<RunningCollector> StartAsync(string name) =>
        RunningCollector.StartAsync(name, options => options.SelfMetricsInterval = TimeSpan.FromHours(1));

    /// <summary>Two accepted trace requests (one with an invalid span), one wholly refused, one of the wrong type, and a query.</summary>
    private static async Task SendTrafficAsync(RunningCollector collector)
    {
        var runId = Guid.NewGuid().ToString("N");
        await OtlpSpans.SendAsync(collector.Api, OtlpSpans.Request([OtlpRequests.Attr("service.name", "trainer")], OtlpSpans.RunSpan("ml.run", runId, Experiment, "r")), Ct);
        var invalid = OtlpSpans.RunSpan("ml.run.start", runId, Experiment, "r");
        invalid.TraceId = ByteString.Empty;
        var partial = OtlpSpans.Request([], OtlpSpans.RunSpan("ml.run.start", runId, Experiment, "r"), invalid).ToByteArray();
        Assert.Equal(HttpStatusCode.OK, await PostAsync(collector, "v1/traces", partial, "application/x-protobuf"));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(collector, "v1/traces", "not protobuf"u8.ToArray(), "application/x-protobuf"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, await PostAsync(collector, "v1/metrics", [1, 2, 3], "text/csv"));
        using var runs = await collector.Api.GetAsync($"api/runs?experiment={Experiment}", Ct).WaitAsync(TestTimeouts.Default, Ct);
        Assert.Equal(HttpStatusCode.OK, runs.StatusCode);
    }

    private static async Task<HttpStatusCode> PostAsync(RunningCollector collector, string path, byte[] body, string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await collector.Api.PostAsync(path, content, Ct).WaitAsync(TestTimeouts.Default, Ct);
        return response.StatusCode;
    }

    private static async Task<string> ScrapeAsync(RunningCollector collector)
    {
        using var response = await collector.Api.GetAsync("metrics", Ct).WaitAsync(TestTimeouts.Default, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>Scrapes until <paramref name="condition"/> holds: the served values are the synchronisation, bounded by a timeout.</summary>
    private static Task<string> EventuallyScrapeAsync(RunningCollector collector, Func<string, bool> condition) =>
        Eventually.UntilAsync(() => ScrapeAsync(collector), condition, last => "the scrape never met the condition; last:\n" + last);

    /// <summary>The value of a series without attributes (served as <c>name{} value</c> or <c>name value</c>).</summary>
    private static double Gauge(string text, string name)
    {
        var line = text.Split('\n').SingleOrDefault(l => l.StartsWith(name + "{} ", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    private static double Counter(string text, string name) => Gauge(text, name) is var value && double.IsNaN(value) ? 0 : value;

    private static async Task<double> ScalarAsync(IClickHouseStore store, string sql)
    {
        var bytes = await store.QueryAsync(sql, "TabSeparated", cancellationToken: Ct).WaitAsync(TestTimeouts.Default, Ct);
        var text = System.Text.Encoding.UTF8.GetString(bytes).Trim();
        return text.Length == 0 || text == "\\N" ? 0 : double.Parse(text, CultureInfo.InvariantCulture);
    }
}

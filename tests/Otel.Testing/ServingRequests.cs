using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Metrics.V1;
using OpenTelemetry.Proto.Resource.V1;

using static Otel.Testing.OtlpRequests;

namespace Otel.Testing;

/// <summary>
/// What a model-serving process exports, built by hand as any OpenTelemetry SDK would: the standard
/// <c>http.server.request.duration</c> histogram (delta temporality) under a resource naming its model, sent to
/// <c>/v1/metrics</c> as protobuf.
/// </summary>
internal static class ServingRequests
{
    private static readonly double[] Bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    /// <summary>The resource of a serving process; attributes left out when null.</summary>
    public static List<KeyValue> Resource(string service, string? model, string? version, string? runId, string environment = "production", params KeyValue[] more)
    {
        List<KeyValue> resource = [Attr("service.name", service), Attr("deployment.environment.name", environment)];
        if (model is not null) { resource.Add(Attr("ml.model.name", model)); }
        if (version is not null) { resource.Add(Attr("ml.model.version", version)); }
        if (runId is not null) { resource.Add(Attr("ml.run.id", runId)); }
        resource.AddRange(more);
        return resource;
    }

    /// <summary>One export of <paramref name="requests"/> requests (all 200, within 10 ms) in the interval ending at <paramref name="at"/>.</summary>
    public static ExportMetricsServiceRequest Export(IEnumerable<KeyValue> resource, DateTimeOffset at, ulong requests, TimeSpan? interval = null)
    {
        var end = (ulong)at.ToUnixTimeMilliseconds() * 1_000_000;
        var start = end - ((ulong)(interval ?? TimeSpan.FromSeconds(60)).TotalMilliseconds * 1_000_000);
        var point = new HistogramDataPoint
        {
            StartTimeUnixNano = start,
            TimeUnixNano = end,
            Count = requests,
            Sum = requests * 0.008,
            ExplicitBounds = { Bounds },
            BucketCounts = { 0, requests, 0, 0, 0, 0, 0, 0, 0 },
            Attributes = { Attr("http.request.method", "POST"), Attr("http.route", "/predict"), Attr("http.response.status_code", 200L) },
        };
        var metric = new Metric
        {
            Name = "http.server.request.duration",
            Unit = "s",
            Histogram = new Histogram { AggregationTemporality = AggregationTemporality.Delta, DataPoints = { point } },
        };
        return new ExportMetricsServiceRequest
        {
            ResourceMetrics =
            {
                new ResourceMetrics
                {
                    Resource = new Resource { Attributes = { resource } },
                    ScopeMetrics = { new ScopeMetrics { Scope = new InstrumentationScope { Name = "Microsoft.AspNetCore.Hosting" }, Metrics = { metric } } },
                },
            },
        };
    }

    public static async Task SendAsync(HttpClient client, ExportMetricsServiceRequest request, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        using var response = await client.PostAsync("v1/metrics", content, cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"/v1/metrics answered {(int)response.StatusCode}");
    }
}

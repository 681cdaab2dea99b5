using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Metrics.V1;
using OpenTelemetry.Proto.Resource.V1;
using Otel.Tracking;

using static Otel.Testing.OtlpRequests;

namespace Otel.Testing;

/// <summary>
/// A serving process's distributions as any OpenTelemetry SDK exports them (docs/semantic-conventions.md): one histogram
/// stream per feature on its baseline's bounds, one counter stream per category, spread over one export a minute,
/// either as deltas or as cumulative totals since <c>start</c>.
/// </summary>
internal static class ServingTelemetry
{
    public static Metric Histogram(string feature, double[] bounds, long[] counts, AggregationTemporality temporality, DateTimeOffset start, int exports = 3, bool prediction = false)
    {
        var histogram = new Histogram { AggregationTemporality = temporality };
        foreach (var (from, time, buckets) in Exports(counts, temporality, start, exports))
        {
            var point = new HistogramDataPoint
            {
                StartTimeUnixNano = Nanos(from),
                TimeUnixNano = Nanos(time),
                Count = (ulong)buckets.Sum(),
                Sum = 0,
                Attributes = { Attr(prediction ? MlSemanticConventions.PredictionName : MlSemanticConventions.FeatureName, feature) },
            };
            point.BucketCounts.AddRange(buckets.Select(b => (ulong)b));
            point.ExplicitBounds.AddRange(bounds);
            histogram.DataPoints.Add(point);
        }

        return new Metric { Name = prediction ? MlSemanticConventions.ServingPrediction : MlSemanticConventions.ServingFeature, Histogram = histogram };
    }

    /// <summary>One counter stream per category of <paramref name="counts"/>.</summary>
    public static Metric Categories(string feature, IReadOnlyDictionary<string, long> counts, AggregationTemporality temporality, DateTimeOffset start, int exports = 3)
    {
        var sum = new Sum { AggregationTemporality = temporality, IsMonotonic = true };
        foreach (var (category, total) in counts)
        {
            foreach (var (from, time, value) in Exports([total], temporality, start, exports))
            {
                sum.DataPoints.Add(new NumberDataPoint
                {
                    StartTimeUnixNano = Nanos(from),
                    TimeUnixNano = Nanos(time),
                    AsInt = value[0],
                    Attributes = { Attr(MlSemanticConventions.FeatureName, feature), Attr(MlSemanticConventions.FeatureCategory, category) },
                });
            }
        }

        return new Metric { Name = MlSemanticConventions.ServingFeatureCategory, Sum = sum };
    }

    public static ExportMetricsServiceRequest Request(string model, long version, params Metric[] metrics) => new()
    {
        ResourceMetrics =
        {
            new ResourceMetrics
            {
                Resource = new Resource
                {
                    Attributes =
                    {
                        Attr("service.name", "scorer"),
                        Attr(MlSemanticConventions.ModelName, model),
                        Attr(MlSemanticConventions.ModelVersion, version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    },
                },
                ScopeMetrics = { new ScopeMetrics { Scope = new InstrumentationScope { Name = "Otel.Tracking.Serving" }, Metrics = { metrics } } },
            },
        },
    };

    public static async Task SendAsync(HttpClient api, ExportMetricsServiceRequest request, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        using var response = await api.PostAsync("v1/metrics", content, cancellationToken);
        var answer = ExportMetricsServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        Assert.True(response.IsSuccessStatusCode && answer.PartialSuccess is null or { RejectedDataPoints: 0 },
            $"export failed: {(int)response.StatusCode} {answer.PartialSuccess?.ErrorMessage}");
    }

    /// <summary>
    /// <paramref name="totals"/> spread over exports one minute apart, the first a minute after <paramref name="start"/>:
    /// each point's own counts (delta) or the running totals since start (cumulative). The points add up to the totals exactly.
    /// </summary>
    private static IEnumerable<(DateTimeOffset From, DateTimeOffset Time, long[] Counts)> Exports(long[] totals, AggregationTemporality temporality, DateTimeOffset start, int exports)
    {
        for (var i = 0; i < exports; i++)
        {
            var before = totals.Select(t => t * i / exports).ToArray();
            var after = totals.Select(t => t * (i + 1) / exports).ToArray();
            var time = start.AddMinutes(i + 1);
            yield return temporality == AggregationTemporality.Delta
                ? (start.AddMinutes(i), time, after.Zip(before, (a, b) => a - b).ToArray())
                : (start, time, after);
        }
    }

    private static ulong Nanos(DateTimeOffset time) => (ulong)time.ToUnixTimeMilliseconds() * 1_000_000;
}

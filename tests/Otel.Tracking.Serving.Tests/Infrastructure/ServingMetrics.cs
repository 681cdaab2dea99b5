using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Otel.Tracking.Serving.Tests.Infrastructure;

/// <summary>
/// A meter provider listening to the serving meters, exporting in memory, and what it saw. Meters are process-wide, so a
/// test reads only the distributions it named (names unique per test).
/// </summary>
internal sealed class ServingMetrics : IDisposable
{
    private readonly List<Metric> _exported = [];
    private readonly MeterProvider _provider;

    public ServingMetrics()
    {
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(ServingTelemetryNames.MeterNames)
            .AddInMemoryExporter(_exported)
            .Build();
    }

    /// <summary>The bounds and bucket counts of the histogram of <paramref name="name"/>.</summary>
    public (double[] Bounds, long[] Counts) Histogram(string instrument, string nameKey, string name)
    {
        Flush();
        foreach (var point in Points(instrument, nameKey, name))
        {
            var buckets = new List<HistogramBucket>();
            foreach (var bucket in point.GetHistogramBuckets())
            {
                buckets.Add(bucket);
            }

            return ([.. buckets.Select(b => b.ExplicitBound).Where(double.IsFinite)], [.. buckets.Select(b => (long)b.BucketCount)]);
        }

        return ([], []);
    }

    /// <summary>The counts of <paramref name="name"/> by category.</summary>
    public Dictionary<string, long> Categories(string instrument, string nameKey, string name, string categoryKey)
    {
        Flush();
        return Points(instrument, nameKey, name).ToDictionary(point => (string)Tag(point, categoryKey)!, point => point.GetSumLong());
    }

    /// <summary>The library's own drop counter by error.type (every recorder of the process counts there).</summary>
    public long Dropped(string errorType)
    {
        Flush();
        return Points(ServingTelemetryNames.ValuesDropped, ServingTelemetryNames.ErrorType, errorType).Sum(point => point.GetSumLong());
    }

    public void Dispose() => _provider.Dispose();

    private void Flush()
    {
        _exported.Clear();
        Assert.True(_provider.ForceFlush(10_000), "the in-memory export did not finish");
    }

    private List<MetricPoint> Points(string instrument, string key, string value)
    {
        var points = new List<MetricPoint>();
        foreach (var metric in _exported.Where(m => m.Name == instrument))
        {
            foreach (var point in metric.GetMetricPoints())
            {
                if (Equals(Tag(point, key), value))
                {
                    points.Add(point);
                }
            }
        }

        return points;
    }

    private static object? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value;
            }
        }

        return null;
    }
}

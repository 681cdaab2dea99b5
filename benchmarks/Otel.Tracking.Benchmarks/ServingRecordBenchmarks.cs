using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Otel.Tracking.Query.Registry;
using Otel.Tracking.Serving;

namespace Otel.Tracking.Benchmarks;

/// <summary>
/// The serving library's request path, <see cref="PredictionRecorder.Record(ServingSlot, double)"/> and friends,
/// against what it wraps: <see cref="Histogram{T}.Record(T, KeyValuePair{string, object?})"/> with one tag, listened to
/// by an OpenTelemetry <see cref="MeterProvider"/> with a periodic reader whose exporter sends nothing. The recorder's
/// instruments are on their own meters, subscribed by the same provider. One benchmark call is one value, except
/// <see cref="RecordPrediction"/>: a whole prediction of 10 numeric and 2 categorical features and one output.
/// </summary>
public class ServingRecordBenchmarks : IDisposable
{
    private const int NumericFeatures = 10;
    private static readonly string[] Plans = ["basic", "gold", "platinum"];

    private Meter? _meter;
    private Histogram<double>? _histogram;
    private MeterProvider? _provider;
    private PredictionRecorder? _recorder;
    private ServingSlot[] _numeric = [];
    private double[] _values = [];
    private ServingSlot _plan;
    private ServingSlot _region;
    private ServingSlot _score;
    private ServingSlot _unknown;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        _meter = new Meter(new MeterOptions("Otel.Tracking.Benchmarks.Serving") { Version = "1.0.0" });
        _histogram = _meter.CreateHistogram("ml.serving.feature", unit: null, description: null, tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Deciles() });
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(_meter.Name)
            .AddMeter(["Otel.Tracking.Serving", "Otel.Tracking.Serving.*"])
            .AddReader(new PeriodicExportingMetricReader(new NoopExporter(), exportIntervalMilliseconds: 1000))
            .Build();

        List<BaselineDistribution> distributions = [.. Enumerable.Range(0, NumericFeatures).Select(i => Numeric("f" + i, "feature"))];
        distributions.Add(Categorical("plan", "feature", ["basic", "gold"]));
        distributions.Add(Categorical("region", "feature", ["eu", "us", "apac"]));
        distributions.Add(Numeric("score", "prediction"));
        _recorder = new PredictionRecorder(new ServedModel("models:/bench@champion", new ModelVersion
        {
            Name = "bench", Version = 1, RunId = "run", Experiment = "bench", Artifact = new("m.bin", "", 1),
            CreatedBy = "bench", CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
        }, new ModelBaseline { Distributions = distributions }, deploymentEnvironment: null));
        _numeric = [.. Enumerable.Range(0, NumericFeatures).Select(i => _recorder.Feature("f" + i))];
        _values = [.. Enumerable.Range(0, NumericFeatures).Select(i => i / 10.0)];
        _plan = _recorder.Feature("plan");
        _region = _recorder.Feature("region");
        _score = _recorder.Prediction("score");
        _unknown = _recorder.Feature("not-in-the-baseline");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _recorder?.Dispose();
        _provider?.Dispose();
        _meter?.Dispose();
        _recorder = null;
        _provider = null;
        _meter = null;
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Cleanup();
        }
    }

    [Benchmark(Baseline = true, Description = "Histogram<double>.Record, 1 tag, 10 buckets, OpenTelemetry MeterProvider")]
    public void HistogramRecord() => _histogram!.Record((_i++ & 15) / 16.0, new KeyValuePair<string, object?>("ml.feature.name", "f0"));

    [Benchmark(Description = "PredictionRecorder.Record(slot, double)")]
    public void RecordNumeric() => _recorder!.Record(_numeric[0], (_i++ & 15) / 16.0);

    [Benchmark(Description = "PredictionRecorder.Record(slot, string), top-K or __other__")]
    public void RecordCategory() => _recorder!.Record(_plan, Plans[_i++ % 3]);

    [Benchmark(Description = "PredictionRecorder.Record(slot, NaN): counted and dropped")]
    public void RecordNaN() => _recorder!.Record(_numeric[0], double.NaN);

    [Benchmark(Description = "PredictionRecorder.Record(unknown slot, double): counted and dropped")]
    public void RecordUnknown() => _recorder!.Record(_unknown, 1.0);

    [Benchmark(Description = "One prediction: 10 numeric + 2 categorical features, 1 output")]
    public void RecordPrediction()
    {
        var i = _i++;
        _values[i % NumericFeatures] = (i & 15) / 16.0;
        _recorder!.Record(_numeric, _values);
        _recorder.Record(_plan, Plans[i % 3]);
        _recorder.Record(_region, "eu".AsSpan());
        _recorder.Record(_score, (i & 7) / 8.0);
    }

    private static double[] Deciles() => [.. Enumerable.Range(1, 9).Select(i => i / 10.0)];

    private static BaselineDistribution Numeric(string name, string kind) =>
        new() { Name = name, Kind = kind, Type = "numeric", Bounds = [.. Deciles()], Counts = [.. Enumerable.Repeat(10L, 10)] };

    private static BaselineDistribution Categorical(string name, string kind, List<string> categories) =>
        new() { Name = name, Kind = kind, Type = "categorical", Categories = categories, Counts = [.. Enumerable.Repeat(10L, categories.Count + 1)] };

    /// <summary>An exporter that accepts everything and sends nothing.</summary>
    private sealed class NoopExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}

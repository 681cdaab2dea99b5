using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Otel.Tracking.Benchmarks;

/// <summary>
/// The SDK's hot path, <see cref="MlRun.LogMetric"/>, against the standard way to record a number in .NET:
/// <see cref="Histogram{T}.Record(T, KeyValuePair{string, object?}, KeyValuePair{string, object?}, KeyValuePair{string, object?})"/>
/// with three tags (run id, experiment, metric key: what a point of a run is keyed by), listened to by an
/// OpenTelemetry <see cref="MeterProvider"/>. That is the fair baseline: the provider aggregates every
/// measurement into its histogram point on the caller's thread, as it does in production, while a bare
/// <see cref="MeterListener"/> with an empty callback would time only the dispatch (reported too, for scale).
/// Both sides export in the background: the MeterProvider through a periodic reader, the run through its flush
/// timer into <c>ml.run.metrics</c> spans of a TracerProvider. Neither exporter sends anything anywhere.
/// MemoryDiagnoser counts the bytes of every thread, so LogMetric's column includes what the flush timer
/// allocates to build those spans; <see cref="LogMetricNoSpans"/> (no TracerProvider) shows the caller's path alone.
/// </summary>
public class LogMetricBenchmarks : IDisposable
{
    private const string Experiment = "bench";
    private static readonly string[] Keys = ["loss", "accuracy", "learning_rate", "grad_norm"];

    private MeterProvider? _meterProvider;
    private Meter? _meter;
    private Histogram<double>? _histogram;
    private MeterListener? _listener;
    private Histogram<double>? _listenedHistogram;
    private Meter? _listenedMeter;
    private TracerProvider? _tracerProvider;
    private MlTracking? _tracking;
    private MlRun? _run;
    private string _runId = "run";
    private int _i;
    private double _sink;

    [GlobalSetup(Targets = [nameof(HistogramRecord), nameof(HistogramRecordListener), nameof(LogMetric), nameof(LogMetricAutoStep)])]
    public void Setup() => Setup(exportSpans: true);

    /// <summary>No TracerProvider: the flush timer still drains the buffer but builds no spans, so only the hot path allocates.</summary>
    [GlobalSetup(Target = nameof(LogMetricNoSpans))]
    public void SetupWithoutSpans() => Setup(exportSpans: false);

    private void Setup(bool exportSpans)
    {
        _meter = new Meter(new MeterOptions("Otel.Tracking.Benchmarks.Baseline") { Version = "1.0.0" });
        _histogram = _meter.CreateHistogram<double>("ml.metric.value");
        _meterProvider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(_meter.Name)
            .AddReader(new PeriodicExportingMetricReader(new NoopExporter<Metric>(), exportIntervalMilliseconds: 1000))
            .Build();

        _listenedMeter = new Meter(new MeterOptions("Otel.Tracking.Benchmarks.Listener") { Version = "1.0.0" });
        _listenedHistogram = _listenedMeter.CreateHistogram<double>("ml.metric.value");
        _listener = new MeterListener { InstrumentPublished = (instrument, listener) => { if (instrument.Meter == _listenedMeter) { listener.EnableMeasurementEvents(instrument); } } };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => _sink = value);
        _listener.Start();

        _tracerProvider = exportSpans
            ? Sdk.CreateTracerProviderBuilder()
                .AddMlTracking()
                .AddProcessor(new SimpleActivityExportProcessor(new NoopExporter<Activity>()))
                .Build()
            : null;

        // Every 10 ms rather than every second: at tens of millions of points per second a 1 s flush would fill
        // the 1,000,000-point buffer and time the drop path instead. Setup counts drops to prove there were none.
        _tracking = new MlTracking(new MlTrackingOptions
        {
            MetricFlushInterval = TimeSpan.FromMilliseconds(10),
            HeartbeatInterval = TimeSpan.FromSeconds(30),
            CaptureEnvironment = false,
            CaptureGitDiff = false,
            HandleTerminationSignals = false,
            UploadArtifacts = false,
        });
        _run = _tracking.StartRun(new RunOptions { Experiment = Experiment, Name = "bench" });
        _runId = _run.Id;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var dropped = DroppedPoints();
        Console.WriteLine($"// ml.sdk.points.dropped after the run: {dropped}{(dropped > 0 ? " (buffer full: LogMetric timed partly on its drop path)" : string.Empty)}");
        _run?.Dispose();
        _tracking?.Dispose();
        _tracerProvider?.Dispose();
        _meterProvider?.Dispose();
        _meter?.Dispose();
        _listener?.Dispose();
        _listenedMeter?.Dispose();
        GC.KeepAlive(_sink);
        _run = null;
        _tracking = null;
        _tracerProvider = null;
        _meterProvider = null;
        _meter = null;
        _listener = null;
        _listenedMeter = null;
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _tracking is not null)
        {
            Cleanup();
        }
    }

    [Benchmark(Baseline = true, Description = "Histogram<double>.Record, 3 tags, OpenTelemetry MeterProvider")]
    public void HistogramRecord()
    {
        var i = _i++;
        _histogram!.Record(i, new("ml.run.id", _runId), new("ml.experiment.name", Experiment), new("ml.metric.key", Keys[i & 3]));
    }

    [Benchmark(Description = "Histogram<double>.Record, 3 tags, bare MeterListener")]
    public void HistogramRecordListener()
    {
        var i = _i++;
        _listenedHistogram!.Record(i, new("ml.run.id", _runId), new("ml.experiment.name", Experiment), new("ml.metric.key", Keys[i & 3]));
    }

    [Benchmark(Description = "MlRun.LogMetric(key, value, step)")]
    public void LogMetric()
    {
        var i = _i++;
        _run!.LogMetric(Keys[i & 3], i, i);
    }

    [Benchmark(Description = "MlRun.LogMetric(key, value), automatic step")]
    public void LogMetricAutoStep()
    {
        var i = _i++;
        _run!.LogMetric(Keys[i & 3], i);
    }

    [Benchmark(Description = "MlRun.LogMetric(key, value, step), no span listener")]
    public void LogMetricNoSpans()
    {
        var i = _i++;
        _run!.LogMetric(Keys[i & 3], i, i);
    }

    private static long DroppedPoints()
    {
        long dropped = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Otel.Tracking" && instrument.Name == "ml.sdk.points.dropped")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => dropped += value);
        listener.Start();
        listener.RecordObservableInstruments();
        return dropped;
    }

    /// <summary>An exporter that accepts everything and sends nothing.</summary>
    private sealed class NoopExporter<T> : BaseExporter<T>
        where T : class
    {
        public override ExportResult Export(in Batch<T> batch) => ExportResult.Success;
    }
}

using BenchmarkDotNet.Attributes;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Otel.Tracking.SystemMetrics;

namespace Otel.Tracking.Benchmarks;

/// <summary>
/// The cost of the system metrics: one reading of the machine (/proc; nvidia-smi where present, absent here), and one
/// whole metric collection of the SDK's meter with one active run, with system metrics on and off.
/// </summary>
[Config(typeof(BenchConfig))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes in [GlobalCleanup]; benchmark classes cannot be sealed.")]
public class SystemMetricsBenchmarks
{
    private readonly SystemSampler _sampler = new("/", "nvidia-smi", new SteppingTime());
    private MeterProvider? _provider;
    private MlTracking? _tracking;
    private MlRun? _run;

    [Params(true, false)]
    public bool SystemMetrics { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _provider = Sdk.CreateMeterProviderBuilder().AddMlTracking().AddReader(new BaseExportingMetricReader(new DiscardingExporter())).Build();
        _tracking = new MlTracking(new MlTrackingOptions { SystemMetrics = SystemMetrics, HandleTerminationSignals = false, CaptureGitDiff = false });
        _run = _tracking.StartRun(new RunOptions { Experiment = "bench" });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _run?.Dispose();
        _tracking?.Dispose();
        _provider?.Dispose();
    }

    /// <summary>Reads /proc afresh every time (the clock steps past the one-second reuse on each call).</summary>
    [Benchmark]
    public object ReadMachine() => _sampler.Current();

    /// <summary>What the periodic reader does every interval: observe every instrument and export (to nowhere).</summary>
    [Benchmark(Baseline = true)]
    public bool Collect() => _provider!.ForceFlush();

    private sealed class DiscardingExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }

    /// <summary>Each reading of the clock is two seconds after the previous one.</summary>
    private sealed class SteppingTime : TimeProvider
    {
        private long _ticks;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, 2 * TimestampFrequency);
    }
}

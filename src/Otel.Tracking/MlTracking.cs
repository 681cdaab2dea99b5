using Microsoft.Extensions.Configuration;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Otel.Tracking.Diagnostics;
using Otel.Tracking.EnvironmentCapture;
using Otel.Tracking.Export;
using Otel.Tracking.Lifecycle;

namespace Otel.Tracking;

/// <summary>
/// Starts and tracks runs. Either batteries included, with <see cref="Create"/> (its own OTLP pipeline), or over
/// the host's own OpenTelemetry setup with <c>new MlTracking()</c> plus <c>AddMlTracking()</c> on the host's
/// tracer and meter provider builders. Disposing ends every active run as FINISHED and flushes.
/// </summary>
public sealed partial class MlTracking : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TracerProvider? _ownedTracerProvider;
    private readonly MeterProvider? _ownedMeterProvider;
    private readonly Lock _sync = new();
    private readonly HashSet<MlRun> _active = [];
    private OfflineDelivery? _offlineDelivery;
    private bool _disposed;

    /// <summary>A tracker over the host's OpenTelemetry pipeline, with default options.</summary>
    public MlTracking()
        : this(new MlTrackingOptions())
    {
    }

    /// <summary>A tracker over the host's OpenTelemetry pipeline; the exporter options are not used here.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names every one.</exception>
    public MlTracking(MlTrackingOptions options)
        : this(options, TimeProvider.System, ownedTracerProvider: null, ownedMeterProvider: null)
    {
    }

    internal MlTracking(MlTrackingOptions options, TimeProvider timeProvider, TracerProvider? ownedTracerProvider, MeterProvider? ownedMeterProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ThrowIfInvalid(options);
        Options = options.Clone();
        _time = timeProvider;
        _ownedTracerProvider = ownedTracerProvider;
        _ownedMeterProvider = ownedMeterProvider;
        TrackingTelemetry.EnsureInitialized();
        TrackerRegistry.Register(this);
    }

    internal MlTrackingOptions Options { get; }

    /// <summary>
    /// A tracker with its own OpenTelemetry pipeline: a tracer and a meter provider exporting through the standard
    /// OTLP exporter, honouring <c>OTEL_EXPORTER_OTLP_*</c>, <c>OTEL_SERVICE_NAME</c> and
    /// <c>OTEL_RESOURCE_ATTRIBUTES</c>. Spans are exported every second (see
    /// <see cref="MlTrackingOptions.SpanExportDelay"/>), metrics every 10 s, and every run is recorded (no sampling).
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names every one.</exception>
    public static MlTracking Create(Action<MlTrackingOptions>? configure = null)
    {
        var options = new MlTrackingOptions();
        configure?.Invoke(options);
        return CreateCore(options, TimeProvider.System, new ConfigurationBuilder().AddEnvironmentVariables().Build());
    }

    /// <summary>The seam for tests: configuration stands in for the environment variables.</summary>
    internal static MlTracking CreateCore(MlTrackingOptions options, TimeProvider timeProvider, IConfiguration configuration)
    {
        ThrowIfInvalid(options);
        // Artifact uploads send the exporter's headers (an API key) from the same configuration the exporter reads.
        options = options.Clone();
        options.Headers ??= configuration[OtlpHeaders.Variable];
        var offlineDirectory = OfflineBuffer.Directory(options, configuration);
        var monitor = new ExportMonitor(
            new ExportProblemReport(options.ProblemOutput ?? Console.Error, offlineDirectory),
            offlineDirectory is null ? null : new OfflineStore(offlineDirectory, timeProvider));
        var (tracerProvider, meterProvider) = OtlpPipeline.Build(options, configuration, monitor);
        var tracking = new MlTracking(options, timeProvider, tracerProvider, meterProvider);
        if (offlineDirectory is not null)
        {
            Func<string, string?> environment = name => configuration[name];
            tracking._offlineDelivery = new OfflineDelivery(offlineDirectory, monitor, OtlpHeaders.Resolve(options, environment),
                options.OfflineRetryInterval, timeProvider);
            monitor.OnAccepted = tracking._offlineDelivery.Nudge;
        }

        return tracking;
    }

    /// <summary>
    /// Starts a run: its <c>ml.run</c> span starts and a short <c>ml.run.start</c> span announces it at once.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The tracker was disposed.</exception>
    public MlRun StartRun(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        return Begin(new MlRun(this, options, Options, _time));
    }

    /// <summary>Tracks a run that has just started (or resumed) as active.</summary>
    private MlRun Begin(MlRun run)
    {
        lock (_sync)
        {
            _active.Add(run);
        }

        if (Options.CaptureEnvironment && Options.CaptureGitDiff && Options.UploadArtifacts)
        {
            run.LogUncommittedDiff(GitSnapshot.Current);
        }

        return run;
    }

    /// <summary>Ends every active run as FINISHED, flushes, and shuts down the pipeline of <see cref="Create"/>.</summary>
    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        TrackerRegistry.Unregister(this);
        EndActiveRuns(RunStatus.Finished, description: null, exception: null);
        OwnedProviders.Shutdown(_ownedTracerProvider, _ownedMeterProvider, TimeoutMilliseconds);
        _offlineDelivery?.Stop(Options.ShutdownTimeout);
        _offlineDelivery?.Dispose();
    }

    internal IReadOnlyList<MlRun> ActiveRuns()
    {
        lock (_sync)
        {
            return [.. _active];
        }
    }

    internal void OnRunEnded(MlRun run)
    {
        lock (_sync)
        {
            _active.Remove(run);
        }
    }

    /// <summary>What the process hooks do: end every active run with <paramref name="status"/> and export.</summary>
    internal void Terminate(RunStatus status, string? description, Exception? exception)
    {
        EndActiveRuns(status, description, exception);
        OwnedProviders.Flush(_ownedTracerProvider, _ownedMeterProvider, TimeoutMilliseconds);
    }

    private int TimeoutMilliseconds => (int)Options.ShutdownTimeout.TotalMilliseconds;

    private void EndActiveRuns(RunStatus status, string? description, Exception? exception)
    {
        foreach (var run in ActiveRuns())
        {
            run.EndCore(status, description, exception);
        }
    }

    private static void ThrowIfInvalid(MlTrackingOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid MlTrackingOptions: " + string.Join(" ", errors), nameof(options));
        }
    }
}

using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace Otel.Tracking.Tests.Infrastructure;

/// <summary>
/// A tracer provider of its own (AddMlTracking + the InMemory exporter) that keeps only the spans of one
/// uniquely named experiment: the SDK's ActivitySource is static and shared by tests running in parallel.
/// </summary>
internal sealed class SpanCapture : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly TracerProvider _provider;

    public SpanCapture(Func<Activity, bool>? throwOnEnd = null)
    {
        Experiment = "exp-" + Guid.NewGuid().ToString("N");
        var exporter = new SimpleActivityExportProcessor(new InMemoryExporter<Activity>(_spans));
        _provider = Sdk.CreateTracerProviderBuilder()
            .AddMlTracking()
            .AddProcessor(new ExperimentFilter(Experiment, exporter, throwOnEnd))
            .Build();
    }

    public string Experiment { get; }

    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    public IReadOnlyList<Activity> Named(string name) => [.. Spans.Where(s => s.OperationName == name)];

    public Activity Single(string name) => Assert.Single(Named(name));

    public RunOptions RunOptions(string? name = null) => new() { Experiment = Experiment, Name = name };

    public void Dispose() => _provider.Dispose();

    /// <summary>Passes on only this test's spans; can throw for some of them to stand in for a failing pipeline.</summary>
    private sealed class ExperimentFilter(string experiment, BaseProcessor<Activity> inner, Func<Activity, bool>? throwOnEnd)
        : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (data.GetTagItem(MlSemanticConventions.ExperimentName) as string != experiment)
            {
                return;
            }

            if (throwOnEnd?.Invoke(data) == true)
            {
                throw new InvalidOperationException("pipeline failure for " + data.OperationName);
            }

            lock (inner)
            {
                inner.OnEnd(data);
            }
        }

        protected override void Dispose(bool disposing)
        {
            inner.Dispose();
            base.Dispose(disposing);
        }
    }
}

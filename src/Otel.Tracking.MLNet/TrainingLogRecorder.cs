using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace Otel.Tracking.MLNet;

/// <summary>
/// While alive, turns the training messages of one <see cref="MLContext"/> into metrics and tags of one run (see
/// <see cref="TrainingLogParser"/> for what is read). Messages may arrive on training threads; the run is thread-safe.
/// </summary>
internal sealed class TrainingLogRecorder : IDisposable
{
    /// <summary>Tag prefix of values a trainer chose itself, e.g. <c>mlnet.auto_tuned.maxIterations</c>.</summary>
    internal const string AutoTunedTagPrefix = "mlnet.auto_tuned.";

    private readonly MLContext _mlContext;
    private readonly MlRun _run;
    private readonly Lock _sync = new();
    private long _iteration;

    public TrainingLogRecorder(MLContext mlContext, MlRun run)
    {
        _mlContext = mlContext;
        _run = run;
        _mlContext.Log += OnLog;
    }

    public void Dispose() => _mlContext.Log -= OnLog;

    private void OnLog(object? sender, LoggingEventArgs e)
    {
        // Cursor and channel chatter is Trace; training metrics come as Info, and FastTree's iteration marker as Trace.
        if (e.Kind is not (ChannelMessageKind.Info or ChannelMessageKind.Trace) || string.IsNullOrEmpty(e.RawMessage))
        {
            return;
        }

        foreach (var line in TrainingLogParser.Parse(e.RawMessage))
        {
            lock (_sync)
            {
                Record(line);
            }
        }
    }

    private void Record(TrainingLogLine line)
    {
        switch (line)
        {
            case TrainingLogLine.IterationStarted:
                _iteration++;
                break;
            case TrainingLogLine.Metric metric:
                // Iteration metrics take the boosting iteration as step; a trainer without iterations lets the run count.
                _run.LogMetric(metric.Key, metric.Value, _iteration > 0 ? _iteration : null);
                break;
            case TrainingLogLine.AutoTuned tuned:
                _run.SetTag(AutoTunedTagPrefix + tuned.Name, tuned.Value);
                break;
        }
    }
}

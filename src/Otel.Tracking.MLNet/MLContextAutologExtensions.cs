using Microsoft.ML;

namespace Otel.Tracking.MLNet;

/// <summary>
/// The one-line entry points: <c>mlContext.Autolog(tracking)</c> (a run per Fit), <c>mlContext.Autolog(run)</c> (into a run
/// of your own), or <c>mlContext.LogTrainingTo(run)</c> for only the trainer's log.
/// </summary>
public static class MLContextAutologExtensions
{
    /// <summary>
    /// Autologs the training done through the returned <see cref="MlNetAutolog"/>: each of its <c>Fit</c> calls is a
    /// run started from <paramref name="runOptions"/> (experiment, name, tags, params) plus the pipeline's params.
    /// </summary>
    public static MlNetAutolog Autolog(this MLContext mlContext, MlTracking tracking, RunOptions? runOptions = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(tracking);
        return new MlNetAutolog(mlContext, tracking, runOptions ?? new RunOptions(), TimeProvider.System);
    }

    /// <summary>
    /// Autologs into <paramref name="run"/>, a run you started (MLflow's autolog inside <c>start_run</c>): each <c>Fit</c>
    /// of the returned <see cref="MlNetAutolog"/> logs the pipeline's params into it with <see cref="MlRun.LogParams"/> (a
    /// param keeps its first value: a second <c>Fit</c> with other settings throws before training; the same settings are
    /// fine), records the trainer's log and <c>train.duration_seconds</c>, and <c>SaveModel</c> logs the model into it. It
    /// never starts or ends the run: end it yourself, as FAILED if a <c>Fit</c> throws and you give up.
    /// </summary>
    public static MlNetAutolog Autolog(this MLContext mlContext, MlRun run)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(run);
        return new MlNetAutolog(mlContext, run, TimeProvider.System);
    }

    /// <summary>
    /// Until disposed, records what this context's trainers log into <paramref name="run"/>: iteration metrics
    /// (<c>train.error_rate</c> per FastTree iteration when <c>TestFrequency</c> is set), <c>train.best_iteration</c>
    /// (SDCA), <c>train.selected_weights</c> (L-BFGS with L1) and tags <c>mlnet.auto_tuned.*</c>. One run per context
    /// at a time: the context's log does not say which training a message belongs to.
    /// </summary>
    public static IDisposable LogTrainingTo(this MLContext mlContext, MlRun run)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(run);
        return new TrainingLogRecorder(mlContext, run);
    }
}

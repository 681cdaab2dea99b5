using Microsoft.ML;
using Otel.Tracking.Artifacts;

namespace Otel.Tracking.MLNet;

/// <summary>
/// ML.NET autologging, made by <see cref="MLContextAutologExtensions.Autolog"/>. Like MLflow's autolog, each
/// <see cref="Fit"/> starts a run (ending the previous one) whose params are the pipeline's
/// (<see cref="PipelineParams"/>), records what the trainer logs while it trains (<c>train.*</c> metrics, auto-tuned
/// values) and <c>train.duration_seconds</c>. Evaluate into <see cref="Run"/> with <c>LogEvaluation</c>, and save the model
/// with <see cref="SaveModel"/>. Disposing ends the last run as FINISHED; a Fit that throws ends its run as FAILED.
/// </summary>
public sealed class MlNetAutolog : IDisposable
{
    private readonly MLContext _mlContext;
    private readonly MlTracking _tracking;
    private readonly RunOptions _template;
    private readonly TimeProvider _time;
    private MlRun? _run;

    internal MlNetAutolog(MLContext mlContext, MlTracking tracking, RunOptions template, TimeProvider time)
    {
        _mlContext = mlContext;
        _tracking = tracking;
        _template = template;
        _time = time;
    }

    /// <summary>The run of the latest <see cref="Fit"/>.</summary>
    /// <exception cref="InvalidOperationException">Nothing was fitted yet.</exception>
    public MlRun Run => _run ?? throw new InvalidOperationException(
        "No run yet: MlNetAutolog.Fit starts the run, with the pipeline's parameters. Call Fit first, or start a run yourself and use mlContext.LogTrainingTo(run).");

    /// <summary>Starts a run with the pipeline's params, trains <paramref name="estimator"/> on <paramref name="trainingData"/>, and returns the model.</summary>
    public TTransformer Fit<TTransformer>(IEstimator<TTransformer> estimator, IDataView trainingData)
        where TTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(trainingData);
        _run?.Dispose();
        _run = _tracking.StartRun(CopyTemplate().AddPipelineParams(estimator));
        var started = _time.GetTimestamp();
        try
        {
            using (new TrainingLogRecorder(_mlContext, _run))
            {
                var model = estimator.Fit(trainingData);
                _run.LogMetric("train.duration_seconds", _time.GetElapsedTime(started).TotalSeconds, step: 0);
                return model;
            }
        }
        catch (Exception e)
        {
            _run.Fail(e);
            throw;
        }
    }

    /// <summary>Saves the model to <paramref name="path"/> and logs it as the run's <c>model</c> artifact (see <see cref="ModelArtifactExtensions.LogModel"/>).</summary>
    public ArtifactUpload SaveModel(ITransformer model, DataViewSchema inputSchema, string path) =>
        Run.LogModel(_mlContext, model, inputSchema, path);

    /// <summary>Ends the last run as FINISHED (a no-op if it already ended).</summary>
    public void Dispose() => _run?.Dispose();

    private RunOptions CopyTemplate()
    {
        var copy = new RunOptions
        {
            Experiment = _template.Experiment,
            Name = _template.Name,
            ParentRunId = _template.ParentRunId,
            Seed = _template.Seed,
            MakeRunSpanCurrent = _template.MakeRunSpanCurrent,
        };
        foreach (var (key, value) in _template.Params)
        {
            copy.Params[key] = value;
        }

        foreach (var (key, value) in _template.Tags)
        {
            copy.Tags[key] = value;
        }

        return copy;
    }
}

using Microsoft.ML;
using Otel.Tracking.Artifacts;

namespace Otel.Tracking.MLNet;

/// <summary>
/// ML.NET autologging, made by <see cref="MLContextAutologExtensions.Autolog(MLContext, MlTracking, RunOptions?)"/>. Like
/// MLflow's autolog, each <see cref="Fit"/> starts a run (ending the previous one) whose params are the pipeline's
/// (<see cref="PipelineParams"/>), records what the trainer logs while it trains (<c>train.*</c> metrics, auto-tuned
/// values) and <c>train.duration_seconds</c>. Evaluate into <see cref="Run"/> with <c>LogEvaluation</c>, and save the model
/// with <see cref="SaveModel"/>. Disposing ends the last run as FINISHED; a Fit that throws ends its run as FAILED.
/// Made by <see cref="MLContextAutologExtensions.Autolog(MLContext, MlRun)"/>, it records into a run of yours instead
/// (MLflow's autolog inside <c>start_run</c>): it never starts or ends that run.
/// </summary>
public sealed class MlNetAutolog : IDisposable
{
    private readonly MLContext _mlContext;
    private readonly MlTracking? _tracking;
    private readonly RunOptions _template = new();
    private readonly TimeProvider _time;
    private MlRun? _run;

    /// <summary>Each Fit starts a run of <paramref name="tracking"/> from <paramref name="template"/>.</summary>
    internal MlNetAutolog(MLContext mlContext, MlTracking tracking, RunOptions template, TimeProvider time)
    {
        _mlContext = mlContext;
        _tracking = tracking;
        _template = template;
        _time = time;
    }

    /// <summary>Each Fit records into <paramref name="run"/>, the caller's.</summary>
    internal MlNetAutolog(MLContext mlContext, MlRun run, TimeProvider time)
    {
        _mlContext = mlContext;
        _run = run;
        _time = time;
    }

    /// <summary>The run of the latest <see cref="Fit"/>, or the run this autolog records into.</summary>
    /// <exception cref="InvalidOperationException">Nothing was fitted yet.</exception>
    public MlRun Run => _run ?? throw new InvalidOperationException(
        "No run yet: MlNetAutolog.Fit starts the run, with the pipeline's parameters. Call Fit first, or start a run yourself and use mlContext.Autolog(run).");

    /// <summary>
    /// Trains <paramref name="estimator"/> on <paramref name="trainingData"/> and returns the model: in a new run with the
    /// pipeline's params, or, in a run of yours, after logging the pipeline's params into it with
    /// <see cref="MlRun.LogParams"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// In a run of yours: it has ended, or holds a param of the pipeline with another value (a second Fit of other
    /// settings, as MLflow refuses it); nothing is trained then.
    /// </exception>
    public TTransformer Fit<TTransformer>(IEstimator<TTransformer> estimator, IDataView trainingData)
        where TTransformer : class, ITransformer
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(trainingData);
        if (_tracking is null)
        {
            // The caller's run: a Fit that throws leaves ending it to the caller, whose other work in the run may go on.
            Run.LogParams(new Dictionary<string, object?>(PipelineParams.Describe(estimator), StringComparer.Ordinal));
            return Train(Run, estimator, trainingData);
        }

        _run?.Dispose();
        _run = _tracking.StartRun(CopyTemplate().AddPipelineParams(estimator));
        try
        {
            return Train(_run, estimator, trainingData);
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

    /// <summary>Ends the last run it started as FINISHED (a no-op if it already ended); a run of yours is left as it is.</summary>
    public void Dispose()
    {
        if (_tracking is not null)
        {
            _run?.Dispose();
        }
    }

    private TTransformer Train<TTransformer>(MlRun run, IEstimator<TTransformer> estimator, IDataView trainingData)
        where TTransformer : class, ITransformer
    {
        var started = _time.GetTimestamp();
        using (new TrainingLogRecorder(_mlContext, run))
        {
            var model = estimator.Fit(trainingData);
            // The run's next step: 0 in a run of its own, one more per Fit in a run of yours.
            run.LogMetric("train.duration_seconds", _time.GetElapsedTime(started).TotalSeconds);
            return model;
        }
    }

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

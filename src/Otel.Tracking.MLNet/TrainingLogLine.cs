namespace Otel.Tracking.MLNet;

/// <summary>What one ML.NET log message says about training, if anything.</summary>
internal abstract record TrainingLogLine
{
    private TrainingLogLine()
    {
    }

    /// <summary>A metric the trainer computed during training, e.g. FastTree's <c>train.ErrorRate=0.02</c>.</summary>
    public sealed record Metric(string Key, double Value) : TrainingLogLine;

    /// <summary>A boosting iteration began (FastTree family); iteration metrics that follow belong to it.</summary>
    public sealed record IterationStarted : TrainingLogLine;

    /// <summary>A value the trainer chose itself, e.g. SDCA's auto-tuned <c>maxIterations</c>.</summary>
    public sealed record AutoTuned(string Name, string Value) : TrainingLogLine;
}

using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Model;
using Otel.Tracking;

namespace Otel.Collector.Ingest.Decoding;

/// <summary>The run events of one valid span of an ML run: its start or end, params, tags, and its metric points' segment.</summary>
internal static class RunSpanEvents
{
    public static string ExperimentOf(RunSpanFacts facts) =>
        string.IsNullOrEmpty(facts.Experiment) ? RunEvents.DefaultExperiment : facts.Experiment;

    /// <summary>Adds the span's run events; its metric points, read while validating it, start at <paramref name="pointsStart"/> in the batch's columns.</summary>
    public static void Add(IngestBatch batch, Span span, SpanRow row, RunSpanFacts facts, int pointsStart)
    {
        var experiment = ExperimentOf(facts);
        var isStart = span.Name == MlSemanticConventions.RunStartSpan;
        var isEnd = span.Name == MlSemanticConventions.RunSpan;
        if (isStart || isEnd)
        {
            batch.Runs.Add(isEnd ? Ended(span, row, facts, experiment) : Started(span, row, facts, experiment));
            foreach (var (attributeKey, value, type) in facts.Params)
            {
                batch.Params.Add(new RunParam(facts.RunId, experiment, attributeKey[MlSemanticConventions.ParamPrefix.Length..], value, type, attributeKey));
            }
        }

        var tagTime = isStart ? span.StartTimeUnixNano : span.EndTimeUnixNano;
        foreach (var (attributeKey, value) in facts.Tags)
        {
            batch.Tags.Add(new RunTag(facts.RunId, attributeKey[MlSemanticConventions.TagPrefix.Length..], value, tagTime, attributeKey));
        }

        batch.MetricHistory.EndSegment(pointsStart, facts.RunId, experiment, MetricSource.Event);
    }

    private static RunStarted Started(Span span, SpanRow row, RunSpanFacts facts, string experiment) => new()
    {
        RunId = facts.RunId,
        Experiment = experiment,
        RunName = facts.RunName ?? string.Empty,
        ParentRunId = facts.ParentRunId ?? string.Empty,
        Reproduces = facts.Reproduces ?? string.Empty,
        Seed = facts.Seed,
        TotalSteps = facts.TotalSteps,
        StartTimeUnixNano = StartOf(span, facts),
        ResumedAtUnixNano = facts.Resumed ? span.StartTimeUnixNano : 0,
        TraceId = row.TraceId,
        Resource = row.Resource,
    };

    private static RunEnded Ended(Span span, SpanRow row, RunSpanFacts facts, string experiment) => new()
    {
        RunId = facts.RunId,
        Experiment = experiment,
        RunName = facts.RunName ?? string.Empty,
        ParentRunId = facts.ParentRunId ?? string.Empty,
        Reproduces = facts.Reproduces ?? string.Empty,
        Seed = facts.Seed,
        TotalSteps = facts.TotalSteps,
        StartTimeUnixNano = StartOf(span, facts),
        ResumedAtUnixNano = facts.Resumed ? span.StartTimeUnixNano : 0,
        TraceId = row.TraceId,
        Resource = row.Resource,
        EndTimeUnixNano = span.EndTimeUnixNano,
        Status = TerminalStatus(span, facts.ReportedStatus),
        StatusMessage = span.Status?.Message ?? string.Empty,
    };

    /// <summary>A resumed run keeps its first start; a first start later than this span's own start is not believed.</summary>
    private static ulong StartOf(Span span, RunSpanFacts facts) =>
        facts.Resumed && facts.FirstStartTimeUnixNano is > 0 and var first && first <= span.StartTimeUnixNano ? first : span.StartTimeUnixNano;

    /// <summary>Unset or Ok → FINISHED, Error → FAILED, unless the run reported KILLED (or another terminal status) itself.</summary>
    private static string TerminalStatus(Span span, string? reported) => reported switch
    {
        MlSemanticConventions.Status.Finished or MlSemanticConventions.Status.Failed or MlSemanticConventions.Status.Killed => reported,
        _ => span.Status?.Code == Status.Types.StatusCode.Error ? MlSemanticConventions.Status.Failed : MlSemanticConventions.Status.Finished,
    };
}

using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Tracking;

using static Otel.Testing.OtlpRequests;

namespace Otel.Grafana.Tests.Harness.Scenarios;

/// <summary>What one seeded run sends, as the .NET SDK would (docs/semantic-conventions.md).</summary>
internal sealed record SeededRun
{
    public required string RunId { get; init; }

    public string Name { get; init; } = "";

    public string Experiment { get; init; } = "";

    public string ParentRunId { get; init; } = "";

    public required DateTimeOffset Start { get; init; }

    /// <summary>When the run ended; null for a run still RUNNING (no <c>ml.run</c> span).</summary>
    public DateTimeOffset? End { get; init; }

    public bool Failed { get; init; }

    /// <summary>Commit, clean tree, runtime, CI, container and instance type: every mandatory field of completeness.</summary>
    public bool CompleteProvenance { get; init; } = true;

    public Dictionary<string, object> Params { get; init; } = [];

    public Dictionary<string, string> Tags { get; init; } = [];

    /// <summary>Points as (key, step, value, time).</summary>
    public List<(string Key, long Step, double Value, DateTimeOffset Time)> Points { get; init; } = [];

    public bool Datasets { get; init; } = true;

    /// <summary>The model file's bytes, uploaded and recorded as artifact model.json; none when null.</summary>
    public byte[]? Model { get; init; }

    public bool Baselines { get; init; }

    /// <summary>Send an <c>ml.run.heartbeat</c> at this time (a sign of life with no points).</summary>
    public DateTimeOffset? Heartbeat { get; init; }

    public long Seed { get; init; } = 7;

    /// <summary>The run this one re-runs (<c>ml.run.reproduces</c>); none when empty.</summary>
    public string Reproduces { get; init; } = "";

    /// <summary>The commit the run trained at (with complete provenance).</summary>
    public string Commit { get; init; } = "3f2a9c1d4e5b6a7f8091a2b3c4d5e6f708192a3b";

    public string Host { get; init; } = "trainer-1";
}

/// <summary>Turns <see cref="SeededRun"/>s into one OTLP trace request each: run spans, metric, dataset and baseline events, artifact spans.</summary>
internal static class TrainingRuns
{
    public const string TrainDigest = "sha256:6a1f0c3e8b9d2a4c5e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5";
    public const string ValidationDigest = "sha256:0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c";

    /// <summary>How long each seeded model file took from the log call to its bytes stored (the ml.artifact span).</summary>
    public static readonly TimeSpan ArtifactUploadLatency = TimeSpan.FromMilliseconds(1500);

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static byte[] ModelBytes(string runId) => Encoding.UTF8.GetBytes($"{{\"model\":\"logistic_regression\",\"run\":\"{runId}\"}}");

    public static ExportTraceServiceRequest Request(SeededRun run)
    {
        var traceId = NewTraceId();
        var runSpanId = NewSpanId();
        var start = Nanos(run.Start);
        var end = run.End is { } e ? Nanos(e) : start + 1_000_000;
        List<Span> spans = [Span(MlSemanticConventions.RunStartSpan, traceId, start, start + 1_000_000, RunAttributes(run))];

        var records = Child(MlSemanticConventions.RunMetricsSpan, traceId, runSpanId, run, start, end);
        foreach (var group in run.Points.GroupBy(p => p.Time).OrderBy(g => g.Key))
        {
            records.Events.Add(MetricsEvent(Nanos(group.Key), [.. group.Select(p => p.Key)], [.. group.Select(p => p.Value)],
                [.. group.Select(p => p.Step)], [.. group.Select(p => (long)Nanos(p.Time))]));
        }

        if (run.Datasets)
        {
            records.Events.Add(Dataset("train", TrainDigest, "training", start));
            records.Events.Add(Dataset("validation", ValidationDigest, "validation", start));
        }

        if (run.Baselines)
        {
            records.Events.Add(ScenarioDistributions.BaselineEvents(end));
        }

        if (records.Events.Count > 0)
        {
            spans.Add(records);
        }

        if (run.Model is { } model)
        {
            // As MlRun.LogArtifactAsync sends it: a child span named ml.artifact from the log call to the bytes stored
            // (the upload latency, M2), holding one ml.artifact event per file.
            var sha = Sha256(model);
            var artifact = Child(MlSemanticConventions.ArtifactEvent, traceId, runSpanId, run, end - (ulong)ArtifactUploadLatency.Ticks * 100UL, end);
            artifact.Events.Add(Event(MlSemanticConventions.ArtifactEvent, end,
                Attr(MlSemanticConventions.ArtifactPath, "model.json"), Attr(MlSemanticConventions.ArtifactSha256, sha),
                Attr(MlSemanticConventions.ArtifactSize, (long)model.Length), Attr(MlSemanticConventions.ArtifactKind, "model"),
                Attr(MlSemanticConventions.ArtifactUri, "otel-track://artifacts/sha256/" + sha)));
            spans.Add(artifact);
        }

        if (run.Heartbeat is { } beat)
        {
            spans.Add(Child(MlSemanticConventions.RunHeartbeatSpan, traceId, runSpanId, run, Nanos(beat), Nanos(beat) + 1_000_000));
        }

        if (run.End is not null)
        {
            var runSpan = Span(MlSemanticConventions.RunSpan, traceId, start, end, RunAttributes(run));
            runSpan.SpanId = runSpanId;
            runSpan.Status = new Status { Code = run.Failed ? Status.Types.StatusCode.Error : Status.Types.StatusCode.Ok, Message = run.Failed ? "CUDA out of memory" : "" };
            spans.Add(runSpan);
        }

        return TracesRequest(Resource(run), [.. spans]);
    }

    private static Resource Resource(SeededRun run)
    {
        List<KeyValue> attributes = [Attr("service.name", "grafana-trainer"), Attr("host.type", "m5.xlarge"), Attr("host.name", run.Host)];
        if (run.CompleteProvenance)
        {
            attributes.AddRange(
            [
                Attr(MlSemanticConventions.VcsRepositoryUrlFull, "https://github.com/example/churn"),
                Attr(MlSemanticConventions.VcsRefHeadName, "main"),
                Attr(MlSemanticConventions.VcsRefHeadRevision, run.Commit),
                Attr(MlSemanticConventions.VcsDirty, false),
                Attr("process.runtime.name", ".NET"),
                Attr("process.runtime.version", "10.0.0"),
                Attr(MlSemanticConventions.CicdPipelineName, "train"),
                Attr(MlSemanticConventions.CicdPipelineRunId, "4242"),
                Attr(MlSemanticConventions.ContainerImageName, "ghcr.io/example/churn-trainer"),
            ]);
        }

        return new Resource { Attributes = { attributes } };
    }

    private static List<KeyValue> RunAttributes(SeededRun run)
    {
        List<KeyValue> attributes =
        [
            Attr(MlSemanticConventions.RunId, run.RunId),
            Attr(MlSemanticConventions.ExperimentName, run.Experiment),
            Attr(MlSemanticConventions.RunName, run.Name),
            Attr(MlSemanticConventions.RunParentId, run.ParentRunId),
            Attr(MlSemanticConventions.RunReproduces, run.Reproduces),
        ];
        if (run.CompleteProvenance)
        {
            attributes.Add(Attr(MlSemanticConventions.RunSeed, run.Seed));
        }

        foreach (var (key, value) in run.Params)
        {
            attributes.Add(Attr(MlSemanticConventions.ParamPrefix + key, value switch
            {
                double d => Dbl(d),
                int i => Int(i),
                long l => Int(l),
                bool b => Bool(b),
                _ => Str(value.ToString()!),
            }));
        }

        attributes.AddRange(run.Tags.Select(t => Attr(MlSemanticConventions.TagPrefix + t.Key, t.Value)));
        return attributes;
    }

    private static Span Span(string name, ByteString traceId, ulong start, ulong end, IEnumerable<KeyValue> attributes) => new()
    {
        TraceId = traceId,
        SpanId = NewSpanId(),
        Name = name,
        Kind = OpenTelemetry.Proto.Trace.V1.Span.Types.SpanKind.Internal,
        StartTimeUnixNano = start,
        EndTimeUnixNano = end,
        Attributes = { attributes },
    };

    private static Span Child(string name, ByteString traceId, ByteString parent, SeededRun run, ulong start, ulong end)
    {
        // The SDK's run identity on every child span (MlRun's _identity).
        var span = Span(name, traceId, start, end, [Attr(MlSemanticConventions.RunId, run.RunId), Attr(MlSemanticConventions.ExperimentName, run.Experiment)]);
        span.ParentSpanId = parent;
        return span;
    }

    private static Span.Types.Event Dataset(string name, string digest, string context, ulong time) =>
        Event(MlSemanticConventions.DatasetEvent, time, Attr(MlSemanticConventions.DatasetName, name), Attr(MlSemanticConventions.DatasetDigest, digest),
            Attr(MlSemanticConventions.DatasetUri, $"s3://example-data/churn/{name}.parquet"), Attr(MlSemanticConventions.DatasetContext, context),
            Attr(MlSemanticConventions.DatasetRows, 4000L));

    public static Span.Types.Event Event(string name, ulong time, params KeyValue[] attributes) =>
        new() { Name = name, TimeUnixNano = time, Attributes = { attributes } };

    public static ulong Nanos(DateTimeOffset time) => (ulong)time.ToUnixTimeMilliseconds() * 1_000_000UL;
}

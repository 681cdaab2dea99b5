using System.Globalization;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Model;
using Otel.Tracking;

namespace Otel.Collector.Ingest.Decoding;

/// <summary>Reads the dataset and artifact events of wire contract v1.</summary>
internal static class RunAssetEvents
{
    public static bool IsAssetEvent(Span.Types.Event e) =>
        e.Name is MlSemanticConventions.DatasetEvent or MlSemanticConventions.ArtifactEvent;

    /// <summary>Adds the event's dataset or artifact to the batch; returns an error message when it breaks the contract.</summary>
    public static string? Read(Span.Types.Event e, ulong fallbackTime, string runId, string experiment, IngestBatch batch)
    {
        var time = e.TimeUnixNano != 0 ? e.TimeUnixNano : fallbackTime;
        // The last of repeated keys wins, as in every attribute map (a repeated key is legal OTLP).
        var values = new Dictionary<string, AnyValue>(StringComparer.Ordinal);
        foreach (var attribute in e.Attributes)
        {
            values[attribute.Key] = attribute.Value;
        }

        if (e.Name == MlSemanticConventions.DatasetEvent)
        {
            var name = Text(values, MlSemanticConventions.DatasetName);
            var digest = Text(values, MlSemanticConventions.DatasetDigest);
            if (name.Length == 0 && digest.Length == 0)
            {
                return $"event {MlSemanticConventions.DatasetEvent}: needs {MlSemanticConventions.DatasetName} or {MlSemanticConventions.DatasetDigest}";
            }

            batch.Datasets.Add(new DatasetLogged
            {
                RunId = runId,
                Experiment = experiment,
                Name = name.Length > 0 ? name : digest,
                Digest = digest,
                Uri = Text(values, MlSemanticConventions.DatasetUri),
                Context = Text(values, MlSemanticConventions.DatasetContext) is { Length: > 0 } context ? context : "training",
                Rows = Integer(values, MlSemanticConventions.DatasetRows),
                Size = Integer(values, MlSemanticConventions.DatasetSize),
                Format = Text(values, MlSemanticConventions.DatasetFormat),
                Schema = Text(values, MlSemanticConventions.DatasetSchema),
                LoggedAtUnixNano = time,
            });
            return null;
        }

        var path = Text(values, MlSemanticConventions.ArtifactPath);
        var sha256 = Text(values, MlSemanticConventions.ArtifactSha256).ToLowerInvariant();
        if (path.Length == 0)
        {
            return $"event {MlSemanticConventions.ArtifactEvent}: {MlSemanticConventions.ArtifactPath} is required";
        }

        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigit))
        {
            return $"event {MlSemanticConventions.ArtifactEvent} '{path}': {MlSemanticConventions.ArtifactSha256} must be 64 hex digits";
        }

        batch.Artifacts.Add(new ArtifactLogged
        {
            RunId = runId,
            Experiment = experiment,
            Path = path,
            Sha256 = sha256,
            Size = Integer(values, MlSemanticConventions.ArtifactSize) ?? 0,
            Uri = Text(values, MlSemanticConventions.ArtifactUri),
            Kind = Text(values, MlSemanticConventions.ArtifactKind),
            LoggedAtUnixNano = time,
        });
        return null;
    }

    private static string Text(Dictionary<string, AnyValue> values, string key) =>
        values.TryGetValue(key, out var value) ? AttributeText.ToText(value) : string.Empty;

    private static long? Integer(Dictionary<string, AnyValue> values, string key) =>
        values.TryGetValue(key, out var value) && value is not null
            ? value.ValueCase switch
            {
                AnyValue.ValueOneofCase.IntValue => value.IntValue,
                AnyValue.ValueOneofCase.DoubleValue when double.IsFinite(value.DoubleValue) => (long)value.DoubleValue,
                AnyValue.ValueOneofCase.StringValue when long.TryParse(value.StringValue, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => null,
            }
            : null;
}

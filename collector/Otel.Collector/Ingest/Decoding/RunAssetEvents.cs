using System.Globalization;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Redaction;
using Otel.Tracking;

namespace Otel.Collector.Mapping;

/// <summary>A dataset a run read (event <c>ml.dataset</c>).</summary>
internal sealed record DatasetRecord(string Name, string Digest, string Uri, string Context, long? Rows, long? Size, string Format, string Schema, ulong LoggedAt);

/// <summary>An artifact a run produced (event <c>ml.artifact</c>).</summary>
internal sealed record ArtifactRecord(string Path, string Sha256, long Size, string Uri, string Kind, ulong LoggedAt);

/// <summary>Reads the dataset and artifact events of wire contract v1.</summary>
internal static class RunAssetEvents
{
    public static bool IsAssetEvent(Span.Types.Event e) =>
        e.Name is MlSemanticConventions.DatasetEvent or MlSemanticConventions.ArtifactEvent;

    /// <summary>Adds the event's record to the lists; returns an error message when it breaks the contract.</summary>
    public static string? Read(Span.Types.Event e, ulong fallbackTime, List<DatasetRecord> datasets, List<ArtifactRecord> artifacts, SecretRedactor redactor)
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

            datasets.Add(new DatasetRecord(
                name.Length > 0 ? name : digest, digest, redactor.Redact(MlSemanticConventions.DatasetUri, Text(values, MlSemanticConventions.DatasetUri)),
                Text(values, MlSemanticConventions.DatasetContext) is { Length: > 0 } context ? context : "training",
                Integer(values, MlSemanticConventions.DatasetRows), Integer(values, MlSemanticConventions.DatasetSize),
                Text(values, MlSemanticConventions.DatasetFormat), Text(values, MlSemanticConventions.DatasetSchema), time));
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

        artifacts.Add(new ArtifactRecord(path, sha256, Integer(values, MlSemanticConventions.ArtifactSize) ?? 0,
            redactor.Redact(MlSemanticConventions.ArtifactUri, Text(values, MlSemanticConventions.ArtifactUri)), Text(values, MlSemanticConventions.ArtifactKind), time));
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

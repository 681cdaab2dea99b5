namespace Otel.Collector.Model;

/// <summary>
/// The resource of a group of spans, metric points or log records, shared by every row under it. Attributes are
/// text (scalars as text, arrays and maps as JSON), sorted by key, the last of a repeated key winning.
/// </summary>
internal sealed class OtelResource(List<KeyValuePair<string, string>> attributes, string schemaUrl)
{
    private string? _serviceName;

    public List<KeyValuePair<string, string>> Attributes { get; } = attributes;

    public string SchemaUrl { get; } = schemaUrl;

    /// <summary><c>service.name</c> as stored: read by the sinks, after redaction, so it matches <see cref="Attributes"/>.</summary>
    public string ServiceName => _serviceName ??= Attributes.Find(kv => kv.Key == "service.name").Value ?? string.Empty;
}

/// <summary>
/// The instrumentation scope of a group of spans, metric points or log records. <c>Attributes</c> are empty for spans:
/// <c>otel_traces</c> has no column for them, so they are not read.
/// </summary>
internal sealed record OtelScope(string Name, string Version, List<KeyValuePair<string, string>> Attributes, uint DroppedAttributesCount, string SchemaUrl);

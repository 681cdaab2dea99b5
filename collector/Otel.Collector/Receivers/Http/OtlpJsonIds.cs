using System.Buffers;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Otel.Collector.Receivers.Http;

/// <summary>
/// OTLP/JSON writes trace and span ids as hex (any case) where proto3 JSON expects base64: this
/// rewrites them in place, at the places the OTLP messages have them (spans, span links, log
/// records, exemplars), under the lowerCamelCase or the proto field name. An empty string is an
/// absent id, as a zero-length protobuf field is; any other length, or a non-hex character, is an
/// error naming the field and where it is.
/// </summary>
internal static class OtlpJsonIds
{
    private const int TraceIdBytes = 16;
    private const int SpanIdBytes = 8;

    // Summary points carry no exemplars.
    private static readonly string[] ExemplarMetricKinds = ["gauge", "sum", "histogram", "exponentialHistogram", "exponential_histogram"];

    public static void RewriteTraces(JsonObject root)
    {
        foreach (var (resource, r, rName) in Items(root, "resourceSpans", "resource_spans"))
        {
            foreach (var (scope, s, sName) in Items(resource, "scopeSpans", "scope_spans"))
            {
                foreach (var (span, i, iName) in Items(scope, "spans", "spans"))
                {
                    var error = Convert(span, "traceId", "trace_id", TraceIdBytes)
                        ?? Convert(span, "spanId", "span_id", SpanIdBytes)
                        ?? Convert(span, "parentSpanId", "parent_span_id", SpanIdBytes);
                    if (error is not null)
                    {
                        throw At($"{rName}[{r}].{sName}[{s}].{iName}[{i}]", error);
                    }

                    foreach (var (link, l, lName) in Items(span, "links", "links"))
                    {
                        error = Convert(link, "traceId", "trace_id", TraceIdBytes) ?? Convert(link, "spanId", "span_id", SpanIdBytes);
                        if (error is not null)
                        {
                            throw At($"{rName}[{r}].{sName}[{s}].{iName}[{i}].{lName}[{l}]", error);
                        }
                    }
                }
            }
        }
    }

    public static void RewriteLogs(JsonObject root)
    {
        foreach (var (resource, r, rName) in Items(root, "resourceLogs", "resource_logs"))
        {
            foreach (var (scope, s, sName) in Items(resource, "scopeLogs", "scope_logs"))
            {
                foreach (var (record, i, iName) in Items(scope, "logRecords", "log_records"))
                {
                    var error = Convert(record, "traceId", "trace_id", TraceIdBytes) ?? Convert(record, "spanId", "span_id", SpanIdBytes);
                    if (error is not null)
                    {
                        throw At($"{rName}[{r}].{sName}[{s}].{iName}[{i}]", error);
                    }
                }
            }
        }
    }

    public static void RewriteMetrics(JsonObject root)
    {
        foreach (var (resource, r, rName) in Items(root, "resourceMetrics", "resource_metrics"))
        {
            foreach (var (scope, s, sName) in Items(resource, "scopeMetrics", "scope_metrics"))
            {
                foreach (var (metric, m, mName) in Items(scope, "metrics", "metrics"))
                {
                    foreach (var kind in ExemplarMetricKinds)
                    {
                        if (metric[kind] is not JsonObject data)
                        {
                            continue;
                        }

                        foreach (var (point, p, pName) in Items(data, "dataPoints", "data_points"))
                        {
                            foreach (var (exemplar, e, eName) in Items(point, "exemplars", "exemplars"))
                            {
                                var error = Convert(exemplar, "traceId", "trace_id", TraceIdBytes) ?? Convert(exemplar, "spanId", "span_id", SpanIdBytes);
                                if (error is not null)
                                {
                                    throw At($"{rName}[{r}].{sName}[{s}].{mName}[{m}].{kind}.{pName}[{p}].{eName}[{e}]", error);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The objects of an array field under either spelling of its name, with index and name.</summary>
    private static IEnumerable<(JsonObject Item, int Index, string Name)> Items(JsonObject parent, string camel, string snake)
    {
        for (var n = 0; n < (camel == snake ? 1 : 2); n++)
        {
            var name = n == 0 ? camel : snake;

            // Anything but an array of objects is left for the protobuf JSON parser to reject.
            if (parent[name] is not JsonArray array)
            {
                continue;
            }

            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is JsonObject item)
                {
                    yield return (item, i, name);
                }
            }
        }
    }

    /// <summary>Rewrites one id field (either spelling); returns what is wrong with it, or null.</summary>
    private static string? Convert(JsonObject owner, string camel, string snake, int byteLength) =>
        ConvertOne(owner, camel, byteLength) ?? ConvertOne(owner, snake, byteLength);

    private static string? ConvertOne(JsonObject owner, string name, int byteLength)
    {
        if (!owner.TryGetPropertyValue(name, out var node) || node is null)
        {
            return null;
        }

        if (node is not JsonValue value || !value.TryGetValue<string>(out var hex))
        {
            return $"{name} must be a string of hex digits";
        }

        if (hex.Length == 0)
        {
            return null;
        }

        if (hex.Length != byteLength * 2)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{name} must be {byteLength * 2} hex digits ({byteLength} bytes) but has {hex.Length} characters");
        }

        Span<byte> bytes = stackalloc byte[TraceIdBytes];
        bytes = bytes[..byteLength];
        if (System.Convert.FromHexString(hex, bytes, out _, out _) != OperationStatus.Done)
        {
            return $"{name} must contain only hex digits (0-9, a-f, A-F) but is \"{hex}\"";
        }

        owner[name] = System.Convert.ToBase64String(bytes);
        return null;
    }

    private static OtlpJsonException At(string location, string error) => new($"{location}.{error}");
}

using System.Globalization;
using System.Text;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Metrics.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Ingest.Decoding;
using Otel.Tracking;

namespace Otel.Collector.Limits;

/// <summary>
/// Applies <see cref="EdgeLimits"/> to a decoded export request: takes every span, data point or
/// log record over a limit out of the request (a resource or scope over a limit takes every item
/// under it) and says why, or refuses the request whole. Reads each value once; recursion into
/// nested values stops one level past <see cref="EdgeLimits.MaxValueDepth"/>, and every message
/// quotes at most a short prefix of a client's text.
/// </summary>
internal sealed class EdgeLimitChecker(EdgeLimits limits)
{
    private const int MaxQuotedChars = 64;

    public EdgeLimits Limits { get; } = limits;

    public EdgeVerdict Enforce(ExportTraceServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var verdict = new EdgeVerdict("span");
        for (var r = 0; r < request.ResourceSpans.Count; r++)
        {
            var resourceSpans = request.ResourceSpans[r];
            var resourceError = CheckAttributes(resourceSpans.Resource?.Attributes, "the resource");
            for (var s = 0; s < resourceSpans.ScopeSpans.Count; s++)
            {
                var scopeSpans = resourceSpans.ScopeSpans[s];
                var outer = resourceError ?? CheckAttributes(scopeSpans.Scope?.Attributes, "the instrumentation scope");
                if (outer is not null)
                {
                    RejectAll(verdict, scopeSpans.Spans, $"resourceSpans[{r}].scopeSpans[{s}]", "span", outer);
                    continue;
                }

                Filter(verdict, scopeSpans.Spans, CheckSpan, static (span, _) => $"span '{Quote(span.Name)}' {Hex(span.SpanId)}");
            }
        }

        return verdict;
    }

    public EdgeVerdict Enforce(ExportMetricsServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var verdict = new EdgeVerdict("data point");
        var points = CountDataPoints(request);
        if (points > Limits.MaxDataPointsPerRequest)
        {
            verdict.Refuse(RequestItemCounts.DataPointsOver(points, Limits.MaxDataPointsPerRequest));
            return verdict;
        }

        for (var r = 0; r < request.ResourceMetrics.Count; r++)
        {
            var resourceMetrics = request.ResourceMetrics[r];
            var resourceError = CheckAttributes(resourceMetrics.Resource?.Attributes, "the resource");
            for (var s = 0; s < resourceMetrics.ScopeMetrics.Count; s++)
            {
                var scopeMetrics = resourceMetrics.ScopeMetrics[s];
                var scopeError = resourceError ?? CheckAttributes(scopeMetrics.Scope?.Attributes, "the instrumentation scope");
                foreach (var metric in scopeMetrics.Metrics)
                {
                    var outer = scopeError ?? CheckAttributes(metric.Metadata, "the metric's metadata");
                    EnforceMetric(verdict, metric, outer);
                }
            }
        }

        return verdict;
    }

    public EdgeVerdict Enforce(ExportLogsServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var verdict = new EdgeVerdict("log record");
        for (var r = 0; r < request.ResourceLogs.Count; r++)
        {
            var resourceLogs = request.ResourceLogs[r];
            var resourceError = CheckAttributes(resourceLogs.Resource?.Attributes, "the resource");
            for (var s = 0; s < resourceLogs.ScopeLogs.Count; s++)
            {
                var scopeLogs = resourceLogs.ScopeLogs[s];
                var path = $"resourceLogs[{r}].scopeLogs[{s}]";
                var outer = resourceError ?? CheckAttributes(scopeLogs.Scope?.Attributes, "the instrumentation scope");
                if (outer is not null)
                {
                    RejectAll(verdict, scopeLogs.LogRecords, path, "log record", outer);
                    continue;
                }

                Filter(
                    verdict,
                    scopeLogs.LogRecords,
                    record => CheckAttributes(record.Attributes, "the log record") ?? CheckValue(record.Body, "the log body", 0),
                    (_, i) => $"{path}.logRecords[{i}]");
            }
        }

        return verdict;
    }

    /// <summary>Every data point of the request, of every metric kind.</summary>
    public static long CountDataPoints(ExportMetricsServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        long count = 0;
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                foreach (var metric in scopeMetrics.Metrics)
                {
                    count += MetricDecoder.PointCount(metric);
                }
            }
        }

        return count;
    }

    private void EnforceMetric(EdgeVerdict verdict, Metric metric, string? outer)
    {
        var name = Quote(metric.Name);
        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Gauge:
                EnforcePoints(verdict, metric.Gauge.DataPoints, name, outer, CheckNumberPoint);
                break;
            case Metric.DataOneofCase.Sum:
                EnforcePoints(verdict, metric.Sum.DataPoints, name, outer, CheckNumberPoint);
                break;
            case Metric.DataOneofCase.Histogram:
                EnforcePoints(verdict, metric.Histogram.DataPoints, name, outer, CheckHistogramPoint);
                break;
            case Metric.DataOneofCase.ExponentialHistogram:
                EnforcePoints(verdict, metric.ExponentialHistogram.DataPoints, name, outer, CheckExponentialHistogramPoint);
                break;
            case Metric.DataOneofCase.Summary:
                EnforcePoints(verdict, metric.Summary.DataPoints, name, outer, CheckSummaryPoint);
                break;
        }
    }

    private static void EnforcePoints<T>(EdgeVerdict verdict, RepeatedField<T> points, string metricName, string? outer, Func<T, string?> check)
    {
        if (outer is not null)
        {
            RejectAll(verdict, points, $"metric '{metricName}'", "data point", outer);
            return;
        }

        Filter(verdict, points, check, (_, i) => $"metric '{metricName}' dataPoints[{i}]");
    }

    private string? CheckSpan(Span span)
    {
        var error = CheckAttributes(span.Attributes, "the span");
        if (error is not null)
        {
            return error;
        }

        var prefix = MlSemanticConventions.ParamPrefix;
        var runParams = 0;
        foreach (var attribute in span.Attributes)
        {
            if (attribute.Key.Length > prefix.Length && attribute.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                runParams++;
            }
        }

        if (runParams > Limits.MaxParamsPerRun)
        {
            return Over($"the span carries {runParams} run params ({prefix}*)", nameof(EdgeLimits.MaxParamsPerRun), Limits.MaxParamsPerRun, "log fewer params, or group related settings into one JSON-valued param");
        }

        if (span.Events.Count > Limits.MaxEventsPerSpan)
        {
            return Over($"the span has {span.Events.Count} events", nameof(EdgeLimits.MaxEventsPerSpan), Limits.MaxEventsPerSpan, "spread the events over several spans");
        }

        for (var i = 0; i < span.Events.Count; i++)
        {
            error = CheckAttributes(span.Events[i].Attributes, $"event {i} '{Quote(span.Events[i].Name)}'");
            if (error is not null)
            {
                return error;
            }
        }

        if (span.Links.Count > Limits.MaxLinksPerSpan)
        {
            return Over($"the span has {span.Links.Count} links", nameof(EdgeLimits.MaxLinksPerSpan), Limits.MaxLinksPerSpan, "link fewer spans");
        }

        for (var i = 0; i < span.Links.Count; i++)
        {
            error = CheckAttributes(span.Links[i].Attributes, $"link {i}");
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private string? CheckNumberPoint(NumberDataPoint point) =>
        CheckAttributes(point.Attributes, "the data point") ?? CheckExemplars(point.Exemplars);

    private string? CheckHistogramPoint(HistogramDataPoint point) =>
        CheckAttributes(point.Attributes, "the data point")
        ?? CheckLength(point.BucketCounts.Count, "bucket_counts")
        ?? CheckLength(point.ExplicitBounds.Count, "explicit_bounds")
        ?? CheckExemplars(point.Exemplars);

    private string? CheckExponentialHistogramPoint(ExponentialHistogramDataPoint point) =>
        CheckAttributes(point.Attributes, "the data point")
        ?? CheckLength(point.Positive?.BucketCounts.Count ?? 0, "positive.bucket_counts")
        ?? CheckLength(point.Negative?.BucketCounts.Count ?? 0, "negative.bucket_counts")
        ?? CheckExemplars(point.Exemplars);

    private string? CheckSummaryPoint(SummaryDataPoint point) =>
        CheckAttributes(point.Attributes, "the data point") ?? CheckLength(point.QuantileValues.Count, "quantile_values");

    private string? CheckExemplars(RepeatedField<Exemplar> exemplars)
    {
        var error = CheckLength(exemplars.Count, "exemplars");
        for (var i = 0; error is null && i < exemplars.Count; i++)
        {
            error = CheckAttributes(exemplars[i].FilteredAttributes, $"exemplar {i}");
        }

        return error;
    }

    private string? CheckLength(int count, string field) =>
        count > Limits.MaxArrayLength
            ? Over($"{field} has {count} entries", nameof(EdgeLimits.MaxArrayLength), Limits.MaxArrayLength, "send fewer buckets or values")
            : null;

    /// <summary>The first limit an attribute list breaks (count, keys, values), or null.</summary>
    private string? CheckAttributes(RepeatedField<KeyValue>? attributes, string owner)
    {
        if (attributes is null)
        {
            return null;
        }

        if (attributes.Count > Limits.MaxAttributeCount)
        {
            return Over($"{owner} has {attributes.Count} attributes", nameof(EdgeLimits.MaxAttributeCount), Limits.MaxAttributeCount, "send fewer attributes");
        }

        foreach (var attribute in attributes)
        {
            var error = CheckKey(attribute.Key, $"an attribute key of {owner}")
                ?? CheckValue(attribute.Value, $"attribute '{Quote(attribute.Key)}' of {owner}", 0);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private string? CheckKey(string key, string what)
    {
        var bytes = Utf8Length(key, Limits.MaxAttributeKeyBytes);
        return bytes > Limits.MaxAttributeKeyBytes
            ? Over($"{what} ('{Quote(key)}') is {bytes} bytes", nameof(EdgeLimits.MaxAttributeKeyBytes), Limits.MaxAttributeKeyBytes, "use a shorter key")
            : null;
    }

    /// <summary>
    /// Checks one value and everything nested in it. <paramref name="depth"/> is the number of
    /// arrays and key-value lists around it, so recursion stops at <see cref="EdgeLimits.MaxValueDepth"/> + 1.
    /// </summary>
    private string? CheckValue(AnyValue? value, string what, int depth)
    {
        switch (value?.ValueCase)
        {
            case AnyValue.ValueOneofCase.StringValue:
                var bytes = Utf8Length(value.StringValue, Limits.MaxAttributeValueBytes);
                return bytes > Limits.MaxAttributeValueBytes ? ValueTooLong(what, bytes) : null;
            case AnyValue.ValueOneofCase.BytesValue:
                return value.BytesValue.Length > Limits.MaxAttributeValueBytes ? ValueTooLong(what, value.BytesValue.Length) : null;
            case AnyValue.ValueOneofCase.ArrayValue:
            case AnyValue.ValueOneofCase.KvlistValue:
                if (depth + 1 > Limits.MaxValueDepth)
                {
                    return Over($"{what} nests arrays or key-value lists more than {Limits.MaxValueDepth} levels deep", nameof(EdgeLimits.MaxValueDepth), Limits.MaxValueDepth, "flatten the value");
                }

                return value.ValueCase == AnyValue.ValueOneofCase.ArrayValue
                    ? CheckArray(value.ArrayValue.Values, what, depth + 1)
                    : CheckKeyValueList(value.KvlistValue.Values, what, depth + 1);
            default:
                return null;
        }
    }

    private string? CheckArray(RepeatedField<AnyValue> values, string what, int depth)
    {
        if (values.Count > Limits.MaxArrayLength)
        {
            return Over($"{what} is an array of {values.Count} elements", nameof(EdgeLimits.MaxArrayLength), Limits.MaxArrayLength, "split it over several events or spans (the SDK: a lower MaxPointsPerEvent)");
        }

        foreach (var item in values)
        {
            var error = CheckValue(item, what, depth);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private string? CheckKeyValueList(RepeatedField<KeyValue> values, string what, int depth)
    {
        if (values.Count > Limits.MaxArrayLength)
        {
            return Over($"{what} is a key-value list of {values.Count} entries", nameof(EdgeLimits.MaxArrayLength), Limits.MaxArrayLength, "send fewer entries");
        }

        foreach (var item in values)
        {
            var error = CheckKey(item.Key, $"a key inside {what}") ?? CheckValue(item.Value, what, depth);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private string ValueTooLong(string what, long bytes) =>
        Over($"{what} has a value of {bytes} bytes", nameof(EdgeLimits.MaxAttributeValueBytes), Limits.MaxAttributeValueBytes, "shorten it, or log large content as an artifact");

    private static string Over(string what, string limit, int value, string advice) =>
        string.Create(CultureInfo.InvariantCulture, $"{what}, over the collector's limit {limit} = {value}: {advice}");

    /// <summary>UTF-8 length of <paramref name="text"/>, counted only when it could be over <paramref name="limit"/>.</summary>
    private static long Utf8Length(string text, int limit) =>
        text.Length <= limit / 3 ? text.Length : Encoding.UTF8.GetByteCount(text);

    private static void RejectAll<T>(EdgeVerdict verdict, RepeatedField<T> items, string path, string noun, string error)
    {
        if (items.Count > 0)
        {
            verdict.Reject(items.Count, string.Create(CultureInfo.InvariantCulture, $"all {items.Count} {noun}(s) of {path}: {error}"));
            items.Clear();
        }
    }

    /// <summary>Takes the items that fail <paramref name="check"/> out of <paramref name="items"/>, keeping the order of the rest.</summary>
    private static void Filter<T>(EdgeVerdict verdict, RepeatedField<T> items, Func<T, string?> check, Func<T, int, string> describe)
    {
        List<T>? kept = null;
        for (var i = 0; i < items.Count; i++)
        {
            var error = check(items[i]);
            if (error is null)
            {
                kept?.Add(items[i]);
                continue;
            }

            if (kept is null)
            {
                kept = new List<T>(items.Count);
                for (var j = 0; j < i; j++)
                {
                    kept.Add(items[j]);
                }
            }

            verdict.Reject(1, $"{describe(items[i], i)}: {error}");
        }

        if (kept is not null)
        {
            items.Clear();
            items.Add(kept);
        }
    }

    private static string Hex(Google.Protobuf.ByteString id) => id.IsEmpty ? "(no id)" : Convert.ToHexStringLower(id.Span[..Math.Min(id.Length, 16)]);

    /// <summary>A client's text as quoted in a message: at most <see cref="MaxQuotedChars"/> characters, never half a surrogate pair.</summary>
    private static string Quote(string text)
    {
        if (text.Length <= MaxQuotedChars)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[MaxQuotedChars - 1]) ? MaxQuotedChars - 1 : MaxQuotedChars;
        return string.Concat(text.AsSpan(0, cut), "…");
    }
}

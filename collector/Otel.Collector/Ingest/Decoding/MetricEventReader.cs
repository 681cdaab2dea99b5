using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Model;
using Otel.Tracking;

namespace Otel.Collector.Ingest.Decoding;

/// <summary>
/// Reads metric points from the span events of wire contract v1: single points (<c>ml.metric</c>)
/// and the batched parallel-array form (<c>ml.metrics</c>), into the columns of metric history.
/// </summary>
internal static class MetricEventReader
{
    public static bool IsMetricEvent(Span.Types.Event e) =>
        e.Name is MlSemanticConventions.MetricEvent or MlSemanticConventions.MetricsEvent;

    /// <summary>
    /// Appends the event's points to <paramref name="points"/>, from <paramref name="export"/>'s columns when its arrays
    /// were read there; returns an error message when the event breaks the contract.
    /// </summary>
    public static string? Read(Span.Types.Event e, ulong fallbackTime, TraceExport export, MetricColumns points)
    {
        var time = e.TimeUnixNano != 0 ? e.TimeUnixNano : fallbackTime;
        if (e.Name == MlSemanticConventions.MetricEvent)
        {
            return ReadSingle(e.Attributes, time, points);
        }

        if (export.TryGetArrayPoints(e, out var start, out var count))
        {
            CopyArrayPoints(export.ArrayPoints, start, count, time, points);
            return null;
        }

        return ReadBatch(e.Attributes, time, points);
    }

    /// <summary>Points read from the bytes already passed every check of <see cref="ReadBatch"/>; a timestamp of 0 is the event's time.</summary>
    private static void CopyArrayPoints(MetricColumns source, int start, int count, ulong time, MetricColumns points)
    {
        var keys = source.Keys.Slice(start, count);
        var values = source.Values.Slice(start, count);
        var steps = source.Steps.Slice(start, count);
        var timestamps = source.Timestamps.Slice(start, count);
        points.Reserve(count);
        for (var i = 0; i < count; i++)
        {
            points.Add(keys[i], values[i], steps[i], timestamps[i] != 0 ? timestamps[i] : time);
        }
    }

    private static string? ReadSingle(RepeatedField<KeyValue> attributes, ulong time, MetricColumns points)
    {
        string? key = null;
        double? value = null;
        long step = 0;
        foreach (var attribute in attributes)
        {
            switch (attribute.Key)
            {
                case MlSemanticConventions.MetricKey:
                    key = attribute.Value?.ValueCase == AnyValue.ValueOneofCase.StringValue ? attribute.Value.StringValue : null;
                    break;
                case MlSemanticConventions.MetricValue:
                    value = AsDouble(attribute.Value);
                    break;
                case MlSemanticConventions.MetricStep:
                    if (attribute.Value?.ValueCase != AnyValue.ValueOneofCase.IntValue)
                    {
                        return $"event {MlSemanticConventions.MetricEvent}: {MlSemanticConventions.MetricStep} must be an integer";
                    }

                    step = attribute.Value.IntValue;
                    break;
            }
        }

        if (string.IsNullOrEmpty(key))
        {
            return $"event {MlSemanticConventions.MetricEvent}: {MlSemanticConventions.MetricKey} must be a non-empty string";
        }

        if (value is null)
        {
            return $"event {MlSemanticConventions.MetricEvent} '{key}': {MlSemanticConventions.MetricValue} must be a number";
        }

        points.Add(key, value.Value, step, time);
        return null;
    }

    private static string? ReadBatch(RepeatedField<KeyValue> attributes, ulong time, MetricColumns points)
    {
        RepeatedField<AnyValue>? keys = null, values = null, steps = null, timestamps = null;
        foreach (var attribute in attributes)
        {
            if (attribute.Key is not (MlSemanticConventions.MetricKeys or MlSemanticConventions.MetricValues
                or MlSemanticConventions.MetricSteps or MlSemanticConventions.MetricTimestamps))
            {
                continue;
            }

            if (attribute.Value?.ValueCase != AnyValue.ValueOneofCase.ArrayValue)
            {
                return $"event {MlSemanticConventions.MetricsEvent}: {attribute.Key} must be an array";
            }

            var array = attribute.Value.ArrayValue.Values;
            switch (attribute.Key)
            {
                case MlSemanticConventions.MetricKeys: keys = array; break;
                case MlSemanticConventions.MetricValues: values = array; break;
                case MlSemanticConventions.MetricSteps: steps = array; break;
                default: timestamps = array; break;
            }
        }

        if (keys is null || values is null)
        {
            return $"event {MlSemanticConventions.MetricsEvent}: arrays {MlSemanticConventions.MetricKeys} and {MlSemanticConventions.MetricValues} are required";
        }

        var count = keys.Count;
        if (values.Count != count || (steps is not null && steps.Count != count) || (timestamps is not null && timestamps.Count != count))
        {
            return $"event {MlSemanticConventions.MetricsEvent}: the arrays must have equal lengths (keys {count}, values {values.Count}, steps {steps?.Count}, timestamps {timestamps?.Count})";
        }

        var start = points.Count;
        points.Reserve(count);
        for (var i = 0; i < count; i++)
        {
            var key = keys[i].ValueCase == AnyValue.ValueOneofCase.StringValue ? keys[i].StringValue : null;
            var value = AsDouble(values[i]);
            long step = 0;
            var pointTime = time;
            if (string.IsNullOrEmpty(key) || value is null
                || (steps is not null && !TryInt(steps[i], out step))
                || (timestamps is not null && !TryTime(timestamps[i], ref pointTime)))
            {
                points.Truncate(start);
                return $"event {MlSemanticConventions.MetricsEvent}: element {i} needs a non-empty string key, a numeric value and integer step and timestamp";
            }

            points.Add(key, value.Value, step, pointTime);
        }

        return null;
    }

    private static double? AsDouble(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue,
        _ => null,
    };

    private static bool TryInt(AnyValue value, out long result)
    {
        result = value.ValueCase == AnyValue.ValueOneofCase.IntValue ? value.IntValue : 0;
        return value.ValueCase == AnyValue.ValueOneofCase.IntValue;
    }

    private static bool TryTime(AnyValue value, ref ulong time)
    {
        if (value.ValueCase != AnyValue.ValueOneofCase.IntValue || value.IntValue < 0)
        {
            return false;
        }

        if (value.IntValue > 0)
        {
            time = (ulong)value.IntValue;
        }

        return true;
    }
}

using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Common.V1;
using Otel.Tracking;

namespace Otel.Collector.Ingest.Decoding;

/// <summary>What a span says about an ML run under wire contract v1, read in one pass over its attributes.</summary>
internal sealed class RunSpanFacts
{
    public string RunId { get; private set; } = string.Empty;
    public string? Experiment { get; private set; }
    public string? RunName { get; private set; }
    public string? ParentRunId { get; private set; }
    public string? ReportedStatus { get; private set; }
    public string? Reproduces { get; private set; }
    public string? Seed { get; private set; }

    /// <summary>The steps the run declared (<c>ml.run.total_steps</c>), when it declared a positive whole number.</summary>
    public long? TotalSteps { get; private set; }

    /// <summary>The span comes from a process that resumed the run (<c>ml.run.resumed</c>).</summary>
    public bool Resumed { get; private set; }

    /// <summary>When a resumed run first started (<c>ml.run.first_start_time</c>, unix ns); 0 when not sent.</summary>
    public ulong FirstStartTimeUnixNano { get; private set; }
    /// <summary>Params as sent, under their whole attribute key (<c>ml.param.&lt;key&gt;</c>); redaction comes later.</summary>
    public List<(string AttributeKey, string Value, string Type)> Params { get; } = [];

    /// <summary>Tags as sent, under their whole attribute key (<c>ml.tag.&lt;key&gt;</c>); redaction comes later.</summary>
    public List<(string AttributeKey, string Value)> Tags { get; } = [];

    public bool IsRunSpan => RunId.Length > 0;

    /// <summary>Reads the run attributes; returns an error message when the span breaks the contract.</summary>
    public static string? TryRead(RepeatedField<KeyValue> attributes, out RunSpanFacts facts)
    {
        facts = new RunSpanFacts();
        foreach (var attribute in attributes)
        {
            var key = attribute.Key;
            if (!key.StartsWith("ml.", StringComparison.Ordinal))
            {
                continue;
            }

            var value = attribute.Value;
            switch (key)
            {
                case MlSemanticConventions.RunId:
                    var runId = value?.ValueCase == AnyValue.ValueOneofCase.StringValue ? value.StringValue : string.Empty;
                    if (RunIdRule.Reason(MlSemanticConventions.RunId, runId) is { } runIdError)
                    {
                        return runIdError;
                    }

                    facts.RunId = runId;
                    break;
                case MlSemanticConventions.ExperimentName: facts.Experiment = AttributeText.ToText(value); break;
                case MlSemanticConventions.RunName: facts.RunName = AttributeText.ToText(value); break;
                case MlSemanticConventions.RunParentId: facts.ParentRunId = AttributeText.ToText(value); break;
                case MlSemanticConventions.RunStatus: facts.ReportedStatus = AttributeText.ToText(value); break;
                case MlSemanticConventions.RunReproduces: facts.Reproduces = AttributeText.ToText(value); break;
                case MlSemanticConventions.RunSeed: facts.Seed = AttributeText.ToText(value); break;
                case MlSemanticConventions.RunTotalSteps:
                    if (TotalStepsOf(value) is not { } totalSteps)
                    {
                        return $"{MlSemanticConventions.RunTotalSteps} must be a positive whole number (an int attribute), not '{AttributeText.ToText(value)}'";
                    }

                    facts.TotalSteps = totalSteps;
                    break;
                case MlSemanticConventions.RunResumed: facts.Resumed = value?.ValueCase == AnyValue.ValueOneofCase.BoolValue && value.BoolValue; break;
                case MlSemanticConventions.RunFirstStartTime:
                    facts.FirstStartTimeUnixNano = value?.ValueCase == AnyValue.ValueOneofCase.IntValue && value.IntValue > 0 ? (ulong)value.IntValue : 0;
                    break;
                default:
                    if (key.StartsWith(MlSemanticConventions.ParamPrefix, StringComparison.Ordinal) && key.Length > MlSemanticConventions.ParamPrefix.Length)
                    {
                        facts.Params.Add((key, AttributeText.ToText(value), TypeName(value)));
                    }
                    else if (key.StartsWith(MlSemanticConventions.TagPrefix, StringComparison.Ordinal) && key.Length > MlSemanticConventions.TagPrefix.Length)
                    {
                        facts.Tags.Add((key, AttributeText.ToText(value)));
                    }

                    break;
            }
        }

        if (!facts.IsRunSpan && (facts.Params.Count > 0 || facts.Experiment is not null))
        {
            return $"span has ml.* run attributes but no {MlSemanticConventions.RunId}";
        }

        return RunIdRule.CheckReference(MlSemanticConventions.RunParentId, facts.ParentRunId)
            ?? RunIdRule.CheckReference(MlSemanticConventions.RunReproduces, facts.Reproduces);
    }

    /// <summary>An int, or a double or string that holds a whole number (SDKs without int attributes send those), when positive.</summary>
    private static long? TotalStepsOf(AnyValue? value)
    {
        long? steps = value?.ValueCase switch
        {
            AnyValue.ValueOneofCase.IntValue => value.IntValue,
            AnyValue.ValueOneofCase.DoubleValue when value.DoubleValue == Math.Floor(value.DoubleValue) && Math.Abs(value.DoubleValue) < 9e18 => (long)value.DoubleValue,
            AnyValue.ValueOneofCase.StringValue when long.TryParse(value.StringValue, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        return steps > 0 ? steps : null;
    }

    public static string TypeName(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.BoolValue => "bool",
        AnyValue.ValueOneofCase.IntValue => "int",
        AnyValue.ValueOneofCase.DoubleValue => "double",
        _ => "string",
    };
}

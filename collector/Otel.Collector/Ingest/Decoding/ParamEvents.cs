using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Model;
using Otel.Tracking;

namespace Otel.Collector.Ingest.Decoding;

/// <summary>Reads <c>ml.params</c> events: params logged after the run started, as <c>ml.param.&lt;key&gt;</c> attributes.</summary>
internal static class ParamEvents
{
    public static bool IsParamsEvent(Span.Types.Event e) => e.Name == MlSemanticConventions.ParamsEvent;

    /// <summary>Adds the event's params to the batch; an event without one breaks the contract.</summary>
    public static string? Read(Span.Types.Event e, string runId, string experiment, IngestBatch batch)
    {
        var found = false;
        foreach (var attribute in e.Attributes)
        {
            var key = attribute.Key;
            if (key.Length > MlSemanticConventions.ParamPrefix.Length && key.StartsWith(MlSemanticConventions.ParamPrefix, StringComparison.Ordinal))
            {
                batch.Params.Add(new RunParam(runId, experiment, key[MlSemanticConventions.ParamPrefix.Length..],
                    AttributeText.ToText(attribute.Value), RunSpanFacts.TypeName(attribute.Value), key));
                found = true;
            }
        }

        return found ? null : $"event {MlSemanticConventions.ParamsEvent} has no {MlSemanticConventions.ParamPrefix}<key> attribute";
    }
}

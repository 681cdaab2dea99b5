using OpenTelemetry.Resources;

namespace Otel.Tracking.EnvironmentCapture;

/// <summary>
/// The captured environment as an OpenTelemetry resource. Keys the user set in <c>OTEL_RESOURCE_ATTRIBUTES</c> are
/// left out, so explicit configuration beats detection whatever the order of detectors on the builder.
/// </summary>
internal sealed class EnvironmentResourceDetector : IResourceDetector
{
    private readonly Func<IReadOnlyList<KeyValuePair<string, object>>> _attributes;
    private readonly Func<string, string?> _variable;

    public EnvironmentResourceDetector()
        : this(() => EnvironmentSnapshot.Current, System.Environment.GetEnvironmentVariable)
    {
    }

    internal EnvironmentResourceDetector(Func<IReadOnlyList<KeyValuePair<string, object>>> attributes, Func<string, string?> variable)
    {
        _attributes = attributes;
        _variable = variable;
    }

    public Resource Detect()
    {
        try
        {
            var configured = ConfiguredKeys(_variable("OTEL_RESOURCE_ATTRIBUTES"));
            return new Resource(_attributes().Where(attribute => !configured.Contains(attribute.Key)));
        }
        catch (Exception exception)
        {
            Diagnostics.TrackingEventSource.Log.CaptureFailed("resource", exception);
            return Resource.Empty;
        }
    }

    /// <summary>Keys of <c>key1=value1,key2=value2</c>.</summary>
    internal static HashSet<string> ConfiguredKeys(string? resourceAttributes)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in (resourceAttributes ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                keys.Add(pair[..equals].Trim());
            }
        }

        return keys;
    }
}

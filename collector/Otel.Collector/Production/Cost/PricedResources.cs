using System.Globalization;
using Otel.Tracking;

namespace Otel.Collector.Production.Cost;

/// <summary>
/// What a workload ran on, from its resource attributes (a run's provenance, a serving process's resource): the
/// OpenTelemetry <c>host.type</c>, <c>cloud.provider</c>, <c>cloud.region</c> and the SDK's <c>ml.gpu.model</c> and
/// <c>ml.gpu.count</c>. Empty strings where an attribute is absent.
/// </summary>
internal sealed record PricedResources(string HostType, string CloudProvider, string CloudRegion, string GpuModel, int GpuCount)
{
    public const string HostTypeKey = "host.type";
    public const string CloudProviderKey = "cloud.provider";
    public const string CloudRegionKey = "cloud.region";
    public const string GpuModelKey = MlSemanticConventions.GpuModel;
    public const string GpuCountKey = MlSemanticConventions.GpuCount;

    /// <summary>A GPU model without a usable count is one GPU.</summary>
    public static PricedResources From(IReadOnlyDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        string Get(string key) => attributes.TryGetValue(key, out var value) ? value.Trim() : string.Empty;
        var count = int.TryParse(Get(GpuCountKey), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        return new PricedResources(Get(HostTypeKey), Get(CloudProviderKey), Get(CloudRegionKey), Get(GpuModelKey), count);
    }
}

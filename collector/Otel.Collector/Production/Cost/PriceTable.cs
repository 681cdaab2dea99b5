namespace Otel.Collector.Production.Cost;

/// <summary>
/// A validated price file (<c>serve --prices</c>, docs/linkage-and-cost.md): hourly prices of instance types and of
/// GPUs, in one currency. Names compare without regard to case.
/// </summary>
internal sealed class PriceTable(string currency, IReadOnlyList<InstancePrice> instances, IReadOnlyList<GpuPrice> gpus, string digest)
{
    public string Currency { get; } = currency;

    public IReadOnlyList<InstancePrice> Instances { get; } = instances;

    public IReadOnlyList<GpuPrice> Gpus { get; } = gpus;

    /// <summary>SHA-256 of the file's bytes: rows computed at these prices carry it, so a new file recomputes them.</summary>
    public string Digest { get; } = digest;

    /// <summary>
    /// The hourly price of <paramref name="resources"/>: the instance type's (the entry naming its provider and region
    /// first, then its provider, then the type alone) plus each GPU's; or null and what had no price.
    /// </summary>
    public (double? Hourly, string? Reason) HourlyPrice(PricedResources resources)
    {
        if (resources.HostType.Length == 0 && resources.GpuModel.Length == 0)
        {
            return (null, $"its resources name no instance type ({PricedResources.HostTypeKey}) and no GPU ({PricedResources.GpuModelKey})");
        }

        var missing = new List<string>();
        var hourly = 0.0;
        if (resources.HostType.Length > 0)
        {
            if (InstanceFor(resources) is { } instance)
            {
                hourly += instance.Hourly;
            }
            else
            {
                missing.Add($"no price for {PricedResources.HostTypeKey} '{resources.HostType}'" + Where(resources));
            }
        }

        if (resources.GpuModel.Length > 0)
        {
            if (Gpus.FirstOrDefault(g => Same(g.Model, resources.GpuModel)) is { } gpu)
            {
                hourly += gpu.Hourly * resources.GpuCount;
            }
            else
            {
                missing.Add($"no price for {PricedResources.GpuModelKey} '{resources.GpuModel}'");
            }
        }

        return missing.Count > 0 ? (null, string.Join("; ", missing)) : (hourly, null);
    }

    private InstancePrice? InstanceFor(PricedResources resources) =>
        Instances.Where(i => Same(i.Type, resources.HostType)
                && (i.Provider.Length == 0 || Same(i.Provider, resources.CloudProvider))
                && (i.Region.Length == 0 || Same(i.Region, resources.CloudRegion)))
            .OrderByDescending(i => (i.Provider.Length > 0 ? 2 : 0) + (i.Region.Length > 0 ? 1 : 0))
            .FirstOrDefault();

    private static string Where(PricedResources resources) =>
        (resources.CloudProvider.Length > 0 ? $", {PricedResources.CloudProviderKey} '{resources.CloudProvider}'" : string.Empty)
        + (resources.CloudRegion.Length > 0 ? $", {PricedResources.CloudRegionKey} '{resources.CloudRegion}'" : string.Empty);

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>An instance type's hourly price; empty <see cref="Provider"/> or <see cref="Region"/> match any.</summary>
internal sealed record InstancePrice(string Type, string Provider, string Region, double Hourly);

/// <summary>The hourly price of one GPU of a model.</summary>
internal sealed record GpuPrice(string Model, double Hourly);

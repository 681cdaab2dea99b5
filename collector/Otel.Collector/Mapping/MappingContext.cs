using Otel.Collector.Provenance;

namespace Otel.Collector.Mapping;

/// <summary>The processors that mapping applies on the way to storage.</summary>
internal sealed class MappingContext(ProvenanceProcessor provenance)
{
    /// <summary>Default processors: provenance normalisation and stamps.</summary>
    public static MappingContext Default { get; } = new(new ProvenanceProcessor());

    public ProvenanceProcessor Provenance { get; } = provenance;
}

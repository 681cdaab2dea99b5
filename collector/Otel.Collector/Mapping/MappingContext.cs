using Otel.Collector.Provenance;
using Otel.Collector.Redaction;

namespace Otel.Collector.Mapping;

/// <summary>The processors that mapping applies on the way to storage.</summary>
internal sealed class MappingContext(ProvenanceProcessor provenance, SecretRedactor redactor)
{
    /// <summary>Default processors: provenance normalisation and stamps, default redaction rules.</summary>
    public static MappingContext Default { get; } = new(new ProvenanceProcessor(), SecretRedactor.CreateDefault());

    public ProvenanceProcessor Provenance { get; } = provenance;

    /// <summary>Applied to every attribute, param, tag, URI and free text before anything is stored.</summary>
    public SecretRedactor Redactor { get; } = redactor;
}

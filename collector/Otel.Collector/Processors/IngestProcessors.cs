using Otel.Collector.Model;
using Otel.Collector.Redaction;

namespace Otel.Collector.Processors;

/// <summary>
/// The processor chain, in order. Limits are not here: the receivers apply them to the protobuf request (see
/// docs/architecture.md), before decoding spends memory on what they refuse.
/// </summary>
internal static class IngestProcessors
{
    /// <summary>
    /// Redaction comes first, so provenance is built from redacted resource values and each secret is counted once;
    /// completeness inputs last, from the finished events.
    /// </summary>
    public static IReadOnlyList<IIngestProcessor> InOrder(SecretRedactor redactor) =>
    [
        new RedactionProcessor(redactor),
        new ProvenanceProcessor(),
        new CompletenessInputProcessor(),
    ];

    /// <summary>The chain with the default redaction rules.</summary>
    public static IReadOnlyList<IIngestProcessor> Default { get; } = InOrder(SecretRedactor.CreateDefault());

    public static void Run(this IReadOnlyList<IIngestProcessor> chain, IngestBatch batch)
    {
        foreach (var processor in chain)
        {
            processor.Process(batch);
        }
    }
}

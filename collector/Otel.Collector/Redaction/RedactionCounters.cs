using System.Collections.Concurrent;

namespace Otel.Collector.Redaction;

/// <summary>
/// How many secrets each rule replaced since the redactor was created (rule name → count), for the
/// collector's own metrics. Holds names and numbers only, never a secret.
/// </summary>
internal sealed class RedactionCounters
{
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    public long this[string rule] => counts.TryGetValue(rule, out var count) ? count : 0;

    public long Total => counts.Values.Sum();

    /// <summary>A copy of the non-zero counts.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(counts, StringComparer.Ordinal);

    public void Add(string rule, long count)
    {
        if (count > 0)
        {
            counts.AddOrUpdate(rule, static (_, added) => added, static (_, old, added) => old + added, count);
        }
    }
}

using System.Collections.Concurrent;

namespace Otel.Collector.Redaction;

/// <summary>
/// Remembers which rule (or none) makes an attribute key secret: the same few keys arrive on every
/// span. Keys come from clients, so the cache is bounded in entries and in key length; keys beyond
/// the bounds are computed each time.
/// </summary>
internal sealed class KeyVerdictCache(Func<string, string?> compute)
{
    public const int MaxEntries = 4096;
    public const int MaxKeyLength = 256;

    /// <summary>Stands for "not secret": the dictionary's values cannot be null.</summary>
    private const string NotSecret = "";

    private readonly ConcurrentDictionary<string, string> verdicts = new(StringComparer.Ordinal);
    private int count;

    public string? Get(string key)
    {
        if (verdicts.TryGetValue(key, out var known))
        {
            return known.Length == 0 ? null : known;
        }

        var verdict = compute(key);
        if (key.Length <= MaxKeyLength && Volatile.Read(ref count) < MaxEntries && verdicts.TryAdd(key, verdict ?? NotSecret))
        {
            Interlocked.Increment(ref count);
        }

        return verdict;
    }
}

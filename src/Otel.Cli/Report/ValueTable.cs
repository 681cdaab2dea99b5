namespace Otel.Cli.Report;

/// <summary>
/// One kind of key/value the runs carry (params, tags, environment), keyed by name across the runs, with the keys whose
/// values differ between them: a key one run lacks differs too. A single run has nothing that differs.
/// </summary>
internal sealed record ValueTable(string Title, IReadOnlyList<string> Keys, IReadOnlyList<IReadOnlyDictionary<string, string>> ByRun)
{
    public static ValueTable Of(string title, IEnumerable<IReadOnlyDictionary<string, string>> byRun)
    {
        var runs = byRun.ToList();
        return new ValueTable(title, runs.SelectMany(r => r.Keys).Distinct().Order(StringComparer.Ordinal).ToList(), runs);
    }

    public IReadOnlyList<string> Differing => Keys
        .Where(key => ByRun.Select(r => r.TryGetValue(key, out var value) ? value : null).Distinct(StringComparer.Ordinal).Skip(1).Any())
        .ToList();

    public string? ValueOf(int run, string key) => ByRun[run].TryGetValue(key, out var value) ? value : null;
}

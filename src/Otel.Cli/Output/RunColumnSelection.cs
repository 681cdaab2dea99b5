using Otel.Tracking.Query;

namespace Otel.Cli.Output;

/// <summary>
/// <c>runs list --columns LIST</c>: comma-separated <c>metrics.K</c>, <c>params.K</c> and <c>tags.K</c> (keys may be in
/// backticks or double quotes, as in filters); a bare name is the metric or the param of that name among the listed runs,
/// and an error when it is both or neither (tags always take their prefix, as in MLflow's <c>search_runs</c> columns).
/// </summary>
internal static class RunColumnSelection
{
    public sealed record Columns(IReadOnlyList<string> Metrics, IReadOnlyList<string> Params, IReadOnlyList<string> Tags);

    public static Columns Resolve(string list, IReadOnlyList<RunSummary> runs)
    {
        var metricKeys = runs.SelectMany(r => r.Metrics.Keys).ToHashSet(StringComparer.Ordinal);
        var paramKeys = runs.SelectMany(r => r.Params.Keys).ToHashSet(StringComparer.Ordinal);
        var tagKeys = runs.SelectMany(r => r.Tags.Keys).ToHashSet(StringComparer.Ordinal);
        var metrics = new List<string>();
        var parameters = new List<string>();
        var tags = new List<string>();
        foreach (var item in Split(list))
        {
            if (item.StartsWith("metrics.", StringComparison.Ordinal))
            {
                var key = Unquote(item["metrics.".Length..]);
                RequireKey(key, "metric", metricKeys, "param", paramKeys, "params");
                AddOnce(metrics, key);
            }
            else if (item.StartsWith("params.", StringComparison.Ordinal))
            {
                var key = Unquote(item["params.".Length..]);
                RequireKey(key, "param", paramKeys, "metric", metricKeys, "metrics");
                AddOnce(parameters, key);
            }
            else if (item.StartsWith("tags.", StringComparison.Ordinal))
            {
                var key = Unquote(item["tags.".Length..]);
                if (!tagKeys.Contains(key))
                {
                    throw new CliException($"--columns: no tag named '{key}' in the listed runs{DidYouMean(key, tagKeys)}; tags: {Names(tagKeys)}", ExitCodes.Usage);
                }

                AddOnce(tags, key);
            }
            else
            {
                var name = Unquote(item);
                switch (metricKeys.Contains(name), paramKeys.Contains(name))
                {
                    case (true, true):
                        throw new CliException($"--columns: '{name}' is both a metric and a param of the listed runs: write metrics.{name} or params.{name}", ExitCodes.Usage);
                    case (true, false): AddOnce(metrics, name); break;
                    case (false, true): AddOnce(parameters, name); break;
                    default:
                        throw new CliException($"--columns: no metric or param named '{name}' in the listed runs{DidYouMean(name, metricKeys.Concat(paramKeys))}; " +
                            $"metrics: {Names(metricKeys)}; params: {Names(paramKeys)}", ExitCodes.Usage);
                }
            }
        }

        return new Columns(metrics, parameters, tags);
    }

    /// <summary>
    /// A prefixed key must be one the listed runs have under that prefix: a typo gets the nearest name, a key of the other
    /// kind gets the prefix it has (a column of dashes would say neither).
    /// </summary>
    private static void RequireKey(string key, string kind, HashSet<string> keys, string otherKind, HashSet<string> otherKeys, string otherPrefix)
    {
        if (keys.Contains(key))
        {
            return;
        }

        if (otherKeys.Contains(key))
        {
            throw new CliException($"--columns: '{key}' is a {otherKind} of the listed runs, not a {kind}: write {otherPrefix}.{key}", ExitCodes.Usage);
        }

        throw new CliException($"--columns: no {kind} named '{key}' in the listed runs{DidYouMean(key, keys)}; {kind}s: {Names(keys)}", ExitCodes.Usage);
    }

    private static string DidYouMean(string typed, IEnumerable<string> known) =>
        Suggestions.Closest(typed, known) is { } near ? $" (did you mean '{near}'?)" : string.Empty;

    /// <summary>A column named twice is shown once, where it was first named.</summary>
    private static void AddOnce(List<string> keys, string key)
    {
        if (!keys.Contains(key, StringComparer.Ordinal))
        {
            keys.Add(key);
        }
    }

    private static string Names(IEnumerable<string> keys) => keys.Any() ? string.Join(", ", keys.Order(StringComparer.Ordinal)) : "none";

    private static string Unquote(string key) =>
        key.Length >= 2 && key[0] is '`' or '"' && key[^1] == key[0] ? key[1..^1] : key;

    /// <summary>Items between commas, except commas inside backticks or double quotes; an empty item is a usage error.</summary>
    private static IEnumerable<string> Split(string list)
    {
        var start = 0;
        var column = 1;
        char? quote = null;
        for (var i = 0; i <= list.Length; i++)
        {
            if (i < list.Length && quote is null && list[i] is '`' or '"')
            {
                quote = list[i];
            }
            else if (i < list.Length && list[i] == quote)
            {
                quote = null;
            }
            else if (i == list.Length || (list[i] == ',' && quote is null))
            {
                var item = list[start..i].Trim();
                if (item.Length == 0 || item is "``" or "\"\"" or "metrics." or "params." or "tags.")
                {
                    throw new CliException($"--columns: an empty column name (column {column} of '{list}'): list names between commas, such as metrics.acc,params.lr", ExitCodes.Usage);
                }

                yield return item;
                column++;
                start = i + 1;
            }
        }
    }
}

using Otel.Tracking.Query;

namespace Otel.Cli.Output;

/// <summary>
/// <c>runs list --columns LIST</c>: comma-separated <c>metrics.K</c> and <c>params.K</c> (keys may be in backticks or double
/// quotes, as in filters); a bare name is the metric or the param of that name among the listed runs, and an error when it
/// is both or neither.
/// </summary>
internal static class RunColumnSelection
{
    public sealed record Columns(IReadOnlyList<string> Metrics, IReadOnlyList<string> Params);

    public static Columns Resolve(string list, IReadOnlyList<RunSummary> runs)
    {
        var metricKeys = runs.SelectMany(r => r.Metrics.Keys).ToHashSet(StringComparer.Ordinal);
        var paramKeys = runs.SelectMany(r => r.Params.Keys).ToHashSet(StringComparer.Ordinal);
        var metrics = new List<string>();
        var parameters = new List<string>();
        foreach (var item in Split(list))
        {
            if (item.StartsWith("metrics.", StringComparison.Ordinal))
            {
                metrics.Add(Unquote(item["metrics.".Length..]));
            }
            else if (item.StartsWith("params.", StringComparison.Ordinal))
            {
                parameters.Add(Unquote(item["params.".Length..]));
            }
            else
            {
                var name = Unquote(item);
                switch (metricKeys.Contains(name), paramKeys.Contains(name))
                {
                    case (true, true):
                        throw new CliException($"--columns: '{name}' is both a metric and a param of the listed runs: write metrics.{name} or params.{name}", ExitCodes.Usage);
                    case (true, false): metrics.Add(name); break;
                    case (false, true): parameters.Add(name); break;
                    default:
                        throw new CliException($"--columns: no metric or param named '{name}' in the listed runs; metrics: {Names(metricKeys)}; params: {Names(paramKeys)}", ExitCodes.Usage);
                }
            }
        }

        return new Columns(metrics, parameters);
    }

    private static string Names(IEnumerable<string> keys) => keys.Any() ? string.Join(", ", keys.Order(StringComparer.Ordinal)) : "none";

    private static string Unquote(string key) =>
        key.Length >= 2 && key[0] is '`' or '"' && key[^1] == key[0] ? key[1..^1] : key;

    /// <summary>Items between commas, except commas inside backticks or double quotes.</summary>
    private static IEnumerable<string> Split(string list)
    {
        var start = 0;
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
                if (item.Length > 0)
                {
                    yield return item;
                }

                start = i + 1;
            }
        }
    }
}

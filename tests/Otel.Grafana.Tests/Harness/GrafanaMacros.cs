using System.Text;

namespace Otel.Grafana.Tests.Harness;

/// <summary>
/// A query as ClickHouse receives it from Grafana: for a panel, the browser's global variables
/// (<see cref="GrafanaGlobalVariables"/>) and then the plugin's Go macros (<see cref="PluginMacros"/>); for an
/// alert rule, the Go macros only. Run <see cref="TemplateVariables.Substitute"/> first for dashboard variables.
/// A <c>$__name</c> the plugin does not know fails here, naming it, instead of failing later in ClickHouse.
/// </summary>
internal static class GrafanaMacros
{
    /// <summary>A panel or dashboard-variable query: global variables, then the plugin's macros.</summary>
    public static string Expand(string sql, GrafanaTimeRange range, TimeSpan interval) =>
        ExpandForAlertRule(GrafanaGlobalVariables.Substitute(sql, range, interval), range, interval);

    /// <summary>An alert rule query: the Grafana server sends it to the plugin with no browser substitution.</summary>
    public static string ExpandForAlertRule(string sql, GrafanaTimeRange range, TimeSpan interval) =>
        ExpandIn(SqlComments.Blank(sql), range, interval);

    // Arguments are expanded before their macro (innermost first), as the plugin does for $__timeInterval($__fromTime).
    private static string ExpandIn(string text, GrafanaTimeRange range, TimeSpan interval)
    {
        var result = new StringBuilder(text.Length);
        var position = 0;
        int start;
        while ((start = text.IndexOf("$__", position, StringComparison.Ordinal)) >= 0)
        {
            result.Append(text, position, start - position);
            var nameEnd = start + 3;
            while (nameEnd < text.Length && SqlText.IsNameCharacter(text[nameEnd]))
            {
                nameEnd++;
            }

            var name = text[(start + 3)..nameEnd];
            IReadOnlyList<string> arguments = [];
            position = nameEnd;
            if (nameEnd < text.Length && text[nameEnd] == '(')
            {
                var close = SqlText.ClosingParenthesis(text, nameEnd);
                if (close >= 0)
                {
                    arguments = SqlText.SplitArguments(ExpandIn(text[(nameEnd + 1)..close], range, interval));
                    position = close + 1;
                }
            }

            if (!PluginMacros.TryExpand(name, range, interval, arguments, out var expansion))
            {
                throw new GrafanaQueryException(Unknown(name));
            }

            result.Append(expansion);
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    private static string Unknown(string name) => name switch
    {
        "conditionalAll" => "$__conditionalAll is expanded only in the browser (no Go implementation): alert rules cannot use it, and a panel query must go through TemplateVariables.Substitute first",
        "from" or "to" or "range" or "range_s" or "range_ms" => $"$__{name} is a browser variable: alert rules never get it; use $__fromTime/$__toTime or $__timeFilter(column)",
        _ => $"$__{name} is not a macro of the ClickHouse plugin (it would reach ClickHouse unexpanded); known: {string.Join(", ", PluginMacros.Names.Order(StringComparer.Ordinal).Select(n => "$__" + n))}",
    };
}

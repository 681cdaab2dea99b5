using System.Text.RegularExpressions;

namespace Otel.Grafana.Tests.Harness;

/// <summary>
/// The plugin's browser-only <c>$__conditionalAll(condition, $var)</c>: replaced, last occurrence first, by the
/// condition, or by <c>1=1</c> when the variable's value is empty or All.
/// </summary>
internal static partial class ConditionalAll
{
    private const string Macro = "$__conditionalAll(";

    public static string Apply(string sql, IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        var start = sql.LastIndexOf(Macro, StringComparison.Ordinal);
        while (start >= 0)
        {
            var open = start + Macro.Length - 1;
            var close = SqlText.ClosingParenthesis(sql, open);
            var arguments = close < 0 ? [] : SqlText.SplitArguments(sql[(open + 1)..close]);
            if (arguments.Count != 2)
            {
                throw new GrafanaQueryException($"$__conditionalAll needs two arguments, a condition and a variable such as $run_id: {sql[start..(close < 0 ? sql.Length : close + 1)]}");
            }

            var variable = VariableName().Match(arguments[1]);
            var condition = sql[(open + 1)..close];
            condition = condition[..LastTopLevelComma(condition)];
            if (variable.Success && values.TryGetValue(variable.Value, out var current) && IsAllOrEmpty(current))
            {
                condition = "1=1";
            }

            sql = string.Concat(sql.AsSpan(0, start), condition, sql.AsSpan(close + 1));
            start = sql.LastIndexOf(Macro, StringComparison.Ordinal);
        }

        return sql;
    }

    private static bool IsAllOrEmpty(IReadOnlyList<string> values) =>
        values.Count == 0 || (values.Count == 1 && values[0] is "" or TemplateVariables.All);

    // The condition is everything before the comma that starts the variable argument, untrimmed as in the plugin.
    private static int LastTopLevelComma(string raw)
    {
        var depth = 0;
        var last = -1;
        var i = 0;
        while (i < raw.Length)
        {
            switch (raw[i])
            {
                case '\'' or '"':
                    i = SqlText.EndOfQuoted(raw, i);
                    continue;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    last = i;
                    break;
            }

            i++;
        }

        return last;
    }

    [GeneratedRegex(@"(?<=\$\{)\w+(?=\})|(?<=\$)\w+")]
    private static partial Regex VariableName();
}

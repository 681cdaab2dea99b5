using System.Text.Encodings.Web;
using System.Text.Json;

namespace Otel.Grafana.Tests.Harness;

/// <summary>
/// Dashboard variables as the plugin's browser code applies them (CHDatasource.applyTemplateVariables):
/// first <c>$__conditionalAll(condition, $var)</c> (the condition, or <c>1=1</c> when the variable is All or
/// empty), then every variable reference through Grafana's TemplateSrv with the plugin's default formatter
/// (a multi-value variable becomes <c>'a','b'</c>, one value stays raw) or the named format. Global
/// <c>$__</c> names are left for <see cref="GrafanaMacros"/>; a variable with no value fails, naming it.
/// </summary>
internal static class TemplateVariables
{
    // JSON.stringify's output: quotes escaped, apostrophes not.
    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Grafana's value for a variable set to All when it has no custom all value.</summary>
    public const string All = "$__all";

    /// <param name="sql">The query as written in the dashboard.</param>
    /// <param name="values">Each variable's current values.</param>
    /// <param name="multiValued">Variables that are multi-value (formatted as a list even with one value); by default those with other than one value.</param>
    public static string Substitute(
        string sql,
        IReadOnlyDictionary<string, IReadOnlyList<string>> values,
        IReadOnlySet<string>? multiValued = null)
    {
        var conditioned = ConditionalAll.Apply(sql, values);
        return GrafanaVariableSyntax.Replace(conditioned, (name, format, field) =>
        {
            if (name.StartsWith("__", StringComparison.Ordinal))
            {
                return null;
            }

            if (!values.TryGetValue(name, out var current))
            {
                throw new GrafanaQueryException($"the query uses ${name} but no value was given for a variable '{name}': define it in the dashboard's templating.list or fix the name");
            }

            if (field is not null)
            {
                throw new GrafanaQueryException($"${{{name}.{field}}}: field paths apply to object variables only; use ${name}");
            }

            var isList = multiValued?.Contains(name) == true || current.Count != 1;
            return Format(name, current, isList, format);
        });
    }

    private static string Format(string name, IReadOnlyList<string> values, bool isList, string? format) => format switch
    {
        // The plugin's own formatter (CHDatasource.format): lists quoted without escaping, single values raw.
        null => isList ? $"'{string.Join("','", values)}'" : values[0],
        "raw" or "text" or "csv" => string.Join(",", values),
        "singlequote" => string.Join(",", values.Select(v => $"'{v.Replace("'", "\\'", StringComparison.Ordinal)}'")),
        "doublequote" => string.Join(",", values.Select(v => $"\"{v.Replace("\"", "\\\"", StringComparison.Ordinal)}\"")),
        "sqlstring" => string.Join(",", values.Select(v => $"'{v.Replace("'", "''", StringComparison.Ordinal)}'")),
        "pipe" => string.Join("|", values),
        "json" => isList ? JsonSerializer.Serialize(values, s_json) : JsonSerializer.Serialize(values[0], s_json),
        "percentencode" => Uri.EscapeDataString(isList ? "{" + string.Join(",", values) + "}" : values[0]),
        "queryparam" => string.Join("&", values.Select(v => $"var-{name}={Uri.EscapeDataString(v)}")),
        _ => throw new GrafanaQueryException($"${{{name}:{format}}}: the harness knows the formats raw, text, csv, singlequote, doublequote, sqlstring, pipe, json, percentencode and queryparam"),
    };
}

using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Otel.Tracking.Runs;

/// <summary>
/// Lists (and dictionaries) as param text: JSON, spaced as Python's <c>json.dumps</c> writes it (<c>[1, 2]</c>,
/// <c>{"a": 1}</c>), which for numbers is also what MLflow's Python client stores for a list.
/// </summary>
internal static class ParamJson
{
    // Deep enough for any real hyperparameter; a list that contains itself must not recurse without end.
    private const int MaxDepth = 32;

    // Only what JSON requires is escaped (quotes, backslash, control characters), as json.dumps(ensure_ascii=False) does:
    // the text is stored data, and every reader (CLI, HTML report) escapes it for its own output.
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static string ToText(string key, IEnumerable items)
    {
        var text = new StringBuilder();
        Append(text, key, items, depth: 0);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string key, object? item, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"Param '{key}' nests lists more than {MaxDepth} deep (or contains itself); log a flatter value.", nameof(item));
        }

        switch (item is string or IEnumerable ? item : ParamValues.Normalize(key, item))
        {
            case null: text.Append("null"); break;
            case bool b: text.Append(b ? "true" : "false"); break;
            case long l: text.Append(l.ToString(CultureInfo.InvariantCulture)); break;
            case double d when double.IsFinite(d): text.Append(ParamValues.ToText(d)); break;
            case string s: AppendString(text, s); break;
            case IDictionary dictionary: AppendObject(text, key, dictionary, depth); break;
            case IEnumerable list: AppendArray(text, key, list, depth); break;

            // NaN and infinities have no JSON number: strings, as the collector writes them in attribute arrays.
            case var other: AppendString(text, ParamValues.ToText(other)); break;
        }
    }

    private static void AppendArray(StringBuilder text, string key, IEnumerable list, int depth)
    {
        text.Append('[');
        var first = true;
        foreach (var item in list)
        {
            text.Append(first ? string.Empty : ", ");
            first = false;
            Append(text, key, item, depth + 1);
        }

        text.Append(']');
    }

    private static void AppendObject(StringBuilder text, string key, IDictionary dictionary, int depth)
    {
        text.Append('{');
        var first = true;
        foreach (DictionaryEntry entry in dictionary)
        {
            text.Append(first ? string.Empty : ", ");
            first = false;
            AppendString(text, Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
            text.Append(": ");
            Append(text, key, entry.Value, depth + 1);
        }

        text.Append('}');
    }

    private static void AppendString(StringBuilder text, string value) =>
        text.Append('"').Append(JsonEncodedText.Encode(value, Encoder).Value).Append('"');
}

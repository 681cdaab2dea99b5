using System.Text;

namespace Otel.Collector.ClickHouse;

/// <summary>
/// The text form of <c>{name:Type}</c> parameter values. ClickHouse reads a parameter value with its
/// "escaped" text reader (the TabSeparated one): a backslash starts an escape, <c>\N</c> is NULL, and a
/// raw tab or newline ends the value early, so those are escaped.
/// </summary>
internal static class ParameterText
{
    /// <summary>Text for a scalar (String, numbers, dates) that parses back to exactly <paramref name="value"/>.</summary>
    public static string EscapeScalar(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny("\\\t\n\r\0") < 0)
        {
            return value;
        }

        var text = new StringBuilder(value.Length + 8);
        foreach (var character in value)
        {
            AppendEscaped(text, character);
        }

        return text.ToString();
    }

    /// <summary>An <c>Array(String)</c> literal such as <c>['a','b\'c']</c> whose elements parse back exactly.</summary>
    public static string ArrayLiteral(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = new StringBuilder("[");
        var first = true;
        foreach (var value in values)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(values));
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            text.Append('\'');
            foreach (var character in value)
            {
                if (character == '\'')
                {
                    text.Append("\\'");
                }
                else
                {
                    AppendEscaped(text, character);
                }
            }

            text.Append('\'');
        }

        return text.Append(']').ToString();
    }

    private static void AppendEscaped(StringBuilder text, char character)
    {
        _ = character switch
        {
            '\\' => text.Append("\\\\"),
            '\t' => text.Append("\\t"),
            '\n' => text.Append("\\n"),
            '\r' => text.Append("\\r"),
            '\0' => text.Append("\\0"),
            _ => text.Append(character),
        };
    }
}

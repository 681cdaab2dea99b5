using System.Globalization;
using System.Text;

namespace Otel.Cli.Output;

/// <summary>
/// CSV as RFC 4180 has it (CRLF line ends; a field with a comma, quote or line break quoted, its quotes doubled), written on
/// stdout for <c>--csv</c>. A text cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
/// return) is prefixed with ' as OWASP advises against CSV injection; a plain number (such as -0.5) is left as it is, since
/// it cannot be a formula and must stay a number.
/// </summary>
internal static class CsvOutput
{
    public static void Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var stdout = Console.OpenStandardOutput();
        using var writer = new StreamWriter(stdout, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(Format(headers, rows));
    }

    /// <summary>The whole document: the header line, then one line per row (a null cell is empty).</summary>
    public static string Format(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder();
        Line(text, headers);
        foreach (var row in rows)
        {
            Line(text, row);
        }

        return text.ToString();
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Times as ISO-8601 in UTC, to the millisecond: what spreadsheets and pandas read.</summary>
    public static string? Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(Field(cells[i] ?? string.Empty));
        }

        text.Append("\r\n");
    }

    internal static string Field(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsNumber(value) ? "'" + value : value;
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    private static bool IsNumber(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !value.Contains(' ', StringComparison.Ordinal);
}

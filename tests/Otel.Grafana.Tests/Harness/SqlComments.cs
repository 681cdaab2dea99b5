using System.Text;

namespace Otel.Grafana.Tests.Harness;

/// <summary>
/// The plugin's comment stripping before macro expansion (macropro with LineComment, BlockComment and
/// BackslashEscape in v4.20): every <c>--</c> and <c>/* */</c> comment becomes spaces of the same length, so
/// a macro inside a comment is never expanded, while quoted strings, with <c>''</c> and <c>\'</c> escapes, stay.
/// </summary>
internal static class SqlComments
{
    public static string Blank(string sql)
    {
        var result = new StringBuilder(sql.Length);
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c is '\'' or '"')
            {
                var end = SqlText.EndOfQuoted(sql, i);
                result.Append(sql, i, end - i);
                i = end;
            }
            else if (c == '-' && At(sql, i + 1, '-'))
            {
                var end = sql.IndexOfAny(['\n', '\r'], i);
                end = end < 0 ? sql.Length : end;
                result.Append(' ', end - i);
                i = end;
            }
            else if (c == '/' && At(sql, i + 1, '*'))
            {
                // An unterminated block comment blanks the rest, as the plugin does, so no macro escapes it.
                var close = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var end = close < 0 ? sql.Length : close + 2;
                result.Append(' ', end - i);
                i = end;
            }
            else
            {
                result.Append(c);
                i++;
            }
        }

        return result.ToString();
    }

    private static bool At(string text, int index, char expected) => index < text.Length && text[index] == expected;
}

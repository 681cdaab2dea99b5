using System.Globalization;
using System.Net;

namespace Otel.Cli.Report;

/// <summary>Text and numbers as they go into the report's HTML and SVG: every user value escaped, every number invariant.</summary>
internal static class Html
{
    /// <summary>Escapes <c>&lt; &gt; &amp; " '</c>: safe in element content and in quoted attributes alike.</summary>
    public static string Text(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    /// <summary>
    /// A table cell of text. Long values (digests, URIs, package lists) may break anywhere, so they wrap instead of
    /// widening the page; short ones never do, so "FINISHED" stays whole.
    /// </summary>
    public static string Cell(string value) => (value.Length > LongValue ? """<td class="long">""" : "<td>") + Text(value) + "</td>";

    private const int LongValue = 24;

    /// <summary>
    /// A name in running text (a heading, a legend): isolated in <c>&lt;bdi&gt;</c>, so a bidi override in it (U+202E)
    /// cannot reorder the text after it, and cut to <paramref name="max"/> characters with the whole name as its tooltip,
    /// so a 10,000-character name does not fill the page.
    /// </summary>
    public static string Name(string name, int max = LongName)
    {
        if (name.Length <= max)
        {
            return "<bdi>" + Text(name) + "</bdi>";
        }

        // Never between the two halves of a surrogate pair.
        var cut = char.IsHighSurrogate(name[max - 2]) ? max - 2 : max - 1;
        return $"""<bdi title="{Text(name)}">{Text(name[..cut])}…</bdi>""";
    }

    private const int LongName = 80;

    /// <summary>An SVG coordinate: one decimal is a tenth of a pixel, finer than any screen shows.</summary>
    public static string Coordinate(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

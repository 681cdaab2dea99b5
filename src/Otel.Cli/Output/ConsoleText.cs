using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>
/// The one way text that anyone who can send OTLP wrote (run names, params, tags, notes, keys, model names, messages quoting
/// them) reaches a terminal. Control characters (C0, DEL, C1) and the bidirectional overrides, embeddings, isolates and marks
/// would otherwise be obeyed by the reader's terminal: ESC starts sequences that clear the screen, retitle the window or write
/// the clipboard, CR rewrites a line, LF and TAB break a row, U+202E reverses what follows. Each is shown as the escape a
/// programmer reads (<c>\x1b</c>, <c>\r</c>, <c>\u202e</c>): plain ASCII in every font, inert, and still saying which character
/// the data holds (U+FFFD would hide it; caret notation is ambiguous with a literal <c>^[</c>). Applied before widths are
/// measured, so tables fit what is actually printed. <c>--json</c> and <c>--csv</c> keep the data exact.
/// </summary>
internal static class ConsoleText
{
    /// <summary>User text as Spectre markup: inert, then markup-escaped (<c>[</c> and <c>]</c> doubled).</summary>
    public static string Escape(string text) =>
#pragma warning disable RS0030 // This is the one place Markup.Escape may be called: after Inert.
        Markup.Escape(Inert(text));
#pragma warning restore RS0030

    /// <summary>User text with every character a terminal would obey replaced by its visible escape.</summary>
    public static string Inert(string text)
    {
        var first = text.AsSpan().IndexOfAny(Obeyed);
        if (first < 0)
        {
            return text;
        }

        var inert = new StringBuilder(text.Length + 8).Append(text, 0, first);
        foreach (var character in text.AsSpan(first))
        {
            if (!Obeyed.Contains(character))
            {
                inert.Append(character);
                continue;
            }

            inert.Append(character switch
            {
                '\t' => @"\t",
                '\n' => @"\n",
                '\r' => @"\r",
                < '\u0100' => string.Create(CultureInfo.InvariantCulture, $@"\x{(int)character:x2}"),
                _ => string.Create(CultureInfo.InvariantCulture, $@"\u{(int)character:x4}"),
            });
        }

        return inert.ToString();
    }

    /// <summary>A message of several lines (an error quoting user data): each line made inert, the line breaks kept.</summary>
    public static string InertLines(string text) => string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Select(Inert));

    /// <summary>
    /// C0 controls, DEL and C1 controls; ALM, LRM and RLM, the line and paragraph separators, and the bidi embeddings, overrides
    /// (U+202A–U+202E) and isolates (U+2066–U+2069).
    /// </summary>
    private static readonly System.Buffers.SearchValues<char> Obeyed = System.Buffers.SearchValues.Create(
        [
            .. Range('\u0000', '\u001f'), '\u007f', .. Range('\u0080', '\u009f'), '\u061c', '\u200e', '\u200f', '\u2028', '\u2029',
            .. Range('\u202a', '\u202e'), .. Range('\u2066', '\u2069'),
        ]);

    private static IEnumerable<char> Range(char first, char last) =>
        Enumerable.Range(first, last - first + 1).Select(c => (char)c);
}

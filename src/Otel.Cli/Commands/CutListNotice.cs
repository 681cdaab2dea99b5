using System.Globalization;

namespace Otel.Cli.Commands;

/// <summary>
/// The one stderr line a list cut by its limit gets, so that neither a reader nor an export loses rows silently; stdout
/// keeps the same table, JSON or CSV, so scripts keep parsing.
/// </summary>
internal static class CutListNotice
{
    /// <summary>Writes the notice when <paramref name="shown"/> rows are fewer than the <paramref name="matching"/> that matched.</summary>
    public static async Task WriteIfCutAsync(int shown, long matching, string rows, string remedy)
    {
        if (matching > shown)
        {
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"showing the first {shown} of {matching} {rows}; use {remedy}"));
        }
    }
}

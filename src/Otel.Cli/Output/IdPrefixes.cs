namespace Otel.Cli.Output;

/// <summary>
/// Ids (run ids, digests, hashes) shortened as git shortens commits: every id of one table cut to the same length, the shortest of
/// at least <see cref="Minimum"/> characters that keeps them all apart.
/// </summary>
internal sealed class IdPrefixes
{
    public const int Minimum = 8;

    private IdPrefixes(int length) => Length = length;

    /// <summary>How many characters each id keeps (an id shorter than this is shown whole).</summary>
    public int Length { get; }

    public static IdPrefixes Of(IEnumerable<string> ids)
    {
        var sorted = ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var length = Minimum;
        // Sorted, an id shares its longest prefix with a neighbour: one character past that prefix tells them apart.
        for (var i = 1; i < sorted.Count; i++)
        {
            length = Math.Max(length, CommonPrefix(sorted[i - 1], sorted[i]) + 1);
        }

        return new IdPrefixes(length);
    }

    public string Shorten(string id) => id.Length > Length ? id[..Length] : id;

    /// <summary>An id shown beside a name rather than in a table of ids: its first <see cref="Minimum"/> characters.</summary>
    public static string Alone(string id) => id.Length > Minimum ? id[..Minimum] : id;

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
        {
            n++;
        }

        return n;
    }
}

using System.Globalization;

namespace Otel.Collector.Query;

/// <summary>What <c>GET /api/resolve</c> says when the text names no single id: what was searched, and what to do.</summary>
internal static class IdResolutionMessages
{
    /// <summary>Ids shown in a list of candidates are cut to this length at least, as tables show them.</summary>
    private const int ShownIdLength = 12;

    /// <summary>Nothing is or starts with <paramref name="text"/> among ids of <paramref name="kind"/> (null: of every kind).</summary>
    public static string NotFound(string text, IdKind? kind)
    {
        if (kind is null)
        {
            return $"'{text}' is neither a run id, a dataset digest nor an artifact sha256 that any run recorded";
        }

        return kind == IdKind.Run ? $"unknown run id '{text}': list runs with `otel-track runs list`"
            : kind == IdKind.Dataset ? $"no dataset digest is or starts with '{text}': `otel-track runs show RUN` lists the datasets a run read"
            : $"no artifact sha256 is or starts with '{text}': `otel-track artifacts list RUN` lists a run's artifacts";
    }

    /// <summary>No id of <paramref name="kind"/> (null: of any kind) is <paramref name="text"/>, which is too short for a prefix.</summary>
    public static string TooShort(string text, IdKind? kind)
    {
        var rule = $"a prefix needs at least {IdResolver.MinPrefixLength} characters";
        if (kind is null)
        {
            return $"'{text}' is neither a run id, a dataset digest nor an artifact sha256, and {rule}";
        }

        return kind == IdKind.Run
            ? $"unknown run id '{text}': no run has this id, and {rule}; list runs with `otel-track runs list`"
            : $"no {kind.Noun} is '{text}', and {rule}";
    }

    /// <summary>
    /// <c>'a1b2c3' matches 3 runs: a1b2c3d4e5f6… (exp / name, 2026-12-01 10:00Z), …; type more characters</c>. Ids are cut
    /// where they differ from each other (12 characters at least), so each shown one is a prefix that would resolve.
    /// </summary>
    public static string Ambiguous(string text, IReadOnlyList<IdMatch> candidates, long total)
    {
        var kinds = candidates.Select(c => c.Kind).Distinct(StringComparer.Ordinal).ToList();
        var noun = kinds.Count == 1 ? IdKind.Parse(kinds[0])!.Plural : "ids";
        var length = DistinguishingLength(candidates.Select(c => c.Id).ToList());
        var listed = string.Join(", ", candidates.Select(c => Describe(c, length)));
        var more = total > candidates.Count ? $", and {total - candidates.Count} more" : string.Empty;
        return $"'{text}' matches {total} {noun}: {listed}{more}; type more characters";
    }

    private static string Describe(IdMatch match, int length)
    {
        var id = match.Id.Length > length ? match.Id[..length] + "…" : match.Id;
        var time = match.StartTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
        return match.Kind == IdKind.Run.Name
            ? $"{id} ({match.Experiment} / {match.Name}, {time})"
            : $"{id} ({match.Kind} {match.Name} in {match.Experiment}, {time})";
    }

    private static int DistinguishingLength(List<string> ids)
    {
        var sorted = ids.Order(StringComparer.Ordinal).ToList();
        var length = ShownIdLength;
        for (var i = 1; i < sorted.Count; i++)
        {
            var (a, b) = (sorted[i - 1], sorted[i]);
            var common = 0;
            while (common < a.Length && common < b.Length && a[common] == b[common])
            {
                common++;
            }

            length = Math.Max(length, common + 1);
        }

        return length;
    }
}

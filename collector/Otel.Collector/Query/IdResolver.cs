namespace Otel.Collector.Query;

/// <summary>
/// What a user typed where an id is expected, made an id: an exact id of any length always wins (custom ids such as
/// <c>r1</c> keep working); otherwise a prefix of at least <see cref="MinPrefixLength"/> characters that only one id
/// starts with. The outcome says which of these happened.
/// </summary>
internal sealed class IdResolver(IdPrefixQueries queries)
{
    public const int MinPrefixLength = 6;

    /// <summary>Candidates an ambiguous prefix lists; the total says how many there are.</summary>
    public const int MaxCandidates = 10;

    /// <summary>Resolves <paramref name="text"/> among ids of <paramref name="kinds"/>, looked up in that order.</summary>
    public async Task<IdResolution> ResolveAsync(string text, IReadOnlyList<IdKind> kinds, CancellationToken cancellationToken)
    {
        var exactOnly = text.Length < MinPrefixLength;
        var found = new List<IdMatch>();
        long total = 0;
        foreach (var kind in kinds)
        {
            var (matches, count) = await queries.FindAsync(kind, text, exactOnly, MaxCandidates + 1, cancellationToken);
            // Sorted by id, an exact id comes first among the ids it is a prefix of.
            if (matches.Count > 0 && string.Equals(matches[0].Id, kind == IdKind.Artifact ? text.ToLowerInvariant() : text, StringComparison.Ordinal))
            {
                return new IdResolution.Resolved(matches[0]);
            }

            found.AddRange(matches);
            total += count;
        }

        // The same bytes can be one run's artifact and another's dataset: one id, not two candidates.
        var distinct = found.DistinctBy(m => m.Id, StringComparer.Ordinal).ToList();
        total -= found.Count - distinct.Count;
        return distinct.Count switch
        {
            0 when exactOnly => new IdResolution.TooShort(),
            0 => new IdResolution.NotFound(),
            1 when total == 1 => new IdResolution.Resolved(distinct[0]),
            _ => new IdResolution.Ambiguous(distinct.Take(MaxCandidates).ToList(), total),
        };
    }
}

/// <summary>The outcome of <see cref="IdResolver.ResolveAsync"/>.</summary>
internal abstract record IdResolution
{
    private IdResolution()
    {
    }

    public sealed record Resolved(IdMatch Match) : IdResolution;

    public sealed record Ambiguous(IReadOnlyList<IdMatch> Candidates, long Total) : IdResolution;

    /// <summary>No id is or starts with the text.</summary>
    public sealed record NotFound : IdResolution;

    /// <summary>No id is the text, which is too short to be taken as a prefix.</summary>
    public sealed record TooShort : IdResolution;
}

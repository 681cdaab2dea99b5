namespace Otel.Collector.Mapping;

/// <summary>How many items of a request were refused, and the first reasons (bounded, for the partial-success message).</summary>
internal sealed class MapResult
{
    private const int MaxReasons = 5;
    private readonly List<string> _reasons = [];

    public long Accepted { get; private set; }
    public long Rejected { get; private set; }

    /// <summary>Runs whose run row, params or datasets this request changed (their completeness needs rescoring).</summary>
    public HashSet<string> ChangedRuns { get; } = new(StringComparer.Ordinal);

    public void Accept() => Accepted++;

    public void Reject(string reason)
    {
        Rejected++;
        if (_reasons.Count < MaxReasons)
        {
            _reasons.Add(reason);
        }
    }

    public string? Message => Rejected == 0
        ? null
        : $"{Rejected} item(s) rejected: {string.Join("; ", _reasons)}{(Rejected > _reasons.Count ? "; …" : string.Empty)}";
}

namespace Otel.Collector.Model;

/// <summary>How many items of a request were accepted and refused, and the first reasons (bounded, for the partial-success message).</summary>
internal sealed class IngestTally
{
    private const int MaxReasons = 5;
    private readonly List<string> _reasons = [];

    public long Accepted { get; private set; }
    public long Rejected { get; private set; }

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

namespace Otel.Tracking.Serving;

/// <summary>
/// One feature or output of the baseline and the instrument it is recorded into. Recording returns why a value was dropped
/// (<see cref="DropReason.None"/> when it was recorded); it never throws.
/// </summary>
internal abstract class ServingDistribution(string name, string kind)
{
    private int _reportedReasons;

    public string Name { get; } = name;

    /// <summary><c>feature</c> or <c>prediction</c>.</summary>
    public string Kind { get; } = kind;

    public abstract DropReason Record(double value);

    public abstract DropReason Record(string? category);

    public abstract DropReason Record(ReadOnlySpan<char> category);

    /// <summary>True the first time <paramref name="reason"/> is reported for this distribution: each is logged once.</summary>
    public bool FirstReport(DropReason reason)
    {
        var bit = 1 << (int)reason;
        return (Interlocked.Or(ref _reportedReasons, bit) & bit) == 0;
    }
}

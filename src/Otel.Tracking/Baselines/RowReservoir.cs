namespace Otel.Tracking.Baselines;

/// <summary>
/// Which rows of a table of unknown length a fixed-size uniform sample keeps (reservoir sampling, Vitter's algorithm R).
/// The seed is fixed, so the same data always profiles the same way.
/// </summary>
internal sealed class RowReservoir(int capacity)
{
    private const int Seed = 20_261_206;

#pragma warning disable CA5394 // A sample of data rows, not a secret: reproducibility matters, unpredictability does not.
    private readonly Random _random = new(Seed);

    /// <summary>Rows offered so far.</summary>
    public long Seen { get; private set; }

    /// <summary>The slot the next row goes into (slots fill 0, 1, 2… first), or -1 when it is not kept.</summary>
    public int Next()
    {
        var seen = Seen++;
        if (seen < capacity)
        {
            return (int)seen;
        }

        var slot = _random.NextInt64(seen + 1);
        return slot < capacity ? (int)slot : -1;
    }
#pragma warning restore CA5394
}

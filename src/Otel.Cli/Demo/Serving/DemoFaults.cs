namespace Otel.Cli.Demo.Serving;

/// <summary>
/// What the demo's inference service does wrong on purpose, so SLOs have something to burn: a share of requests fail
/// with 500 and a share answer slowly (above the demo's latency SLO threshold).
/// </summary>
internal sealed record DemoFaults(double ErrorRate, double SlowRate)
{
    /// <summary>A slow answer waits this long: above the 0.25 s threshold of the demo's latency SLO, below the 1 s bucket.</summary>
    public static readonly TimeSpan SlowDelay = TimeSpan.FromMilliseconds(600);
}

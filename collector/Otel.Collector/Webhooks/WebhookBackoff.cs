namespace Otel.Collector.Webhooks;

/// <summary>
/// The wait before retry <c>n</c> (1, 2, …): the initial backoff doubled n−1 times, capped, then a random point in its
/// upper half, so receivers coming back after an outage are not hit by every sender at the same instant.
/// </summary>
internal static class WebhookBackoff
{
    public static TimeSpan Delay(int retry, TimeSpan initial, TimeSpan max, Random random)
    {
        var exponent = Math.Min(retry - 1, 30);
        var ceiling = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (random.NextDouble() / 2)));
    }
}

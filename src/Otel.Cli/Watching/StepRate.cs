namespace Otel.Cli.Watching;

/// <summary>
/// Steps per second of a run being watched, from the steps seen over the last <see cref="Window"/> of polls (points
/// arrive in the SDK's batches, every second or two, so one poll's jump says little); before two polls are far
/// enough apart, the average since the run started.
/// </summary>
internal sealed class StepRate
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan MinSpan = TimeSpan.FromSeconds(2);

    private readonly Queue<(DateTimeOffset At, long Done)> _samples = new();

    /// <summary>Records that <paramref name="done"/> steps were done at <paramref name="at"/> (the watcher's clock).</summary>
    public void Add(DateTimeOffset at, long done)
    {
        _samples.Enqueue((at, done));
        while (_samples.Count > 2 && at - _samples.Peek().At > Window)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>Steps per second, or null before anything can be said.</summary>
    public double? PerSecond(DateTimeOffset runStart)
    {
        if (_samples.Count == 0)
        {
            return null;
        }

        var (firstAt, firstDone) = _samples.Peek();
        var (lastAt, lastDone) = _samples.Last();
        if (lastAt - firstAt >= MinSpan)
        {
            return (lastDone - firstDone) / (lastAt - firstAt).TotalSeconds;
        }

        var sinceStart = (lastAt - runStart).TotalSeconds;
        return lastDone > 0 && sinceStart > 0 ? lastDone / sinceStart : null;
    }

    /// <summary>Seconds left to reach <paramref name="total"/> steps at <paramref name="perSecond"/>, or null when unknown.</summary>
    public static double? SecondsLeft(long done, long? total, double? perSecond) =>
        total is { } t && perSecond is > 0 ? Math.Max(0, t - done) / perSecond.Value : null;
}

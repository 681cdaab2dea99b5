namespace Otel.Collector.Jobs;

/// <summary>
/// The result of one lease step: held for <see cref="HeldFor"/> (elapsed time from <see cref="MeasuredFrom"/>, a
/// <see cref="TimeProvider"/> timestamp), or not held and worth looking at again after <see cref="RecheckAfter"/>.
/// </summary>
internal readonly record struct LeaseOutcome(ulong Term, TimeSpan HeldFor, long MeasuredFrom, TimeSpan RecheckAfter)
{
    public bool IsHeld => HeldFor > TimeSpan.Zero;

    public static LeaseOutcome NotHeld(TimeSpan recheckAfter) => new(0, TimeSpan.Zero, 0, recheckAfter);
}

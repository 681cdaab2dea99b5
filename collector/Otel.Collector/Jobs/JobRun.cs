namespace Otel.Collector.Jobs;

/// <summary>
/// One run of a job under a lease: the term identifies the holding, so a job whose writes must never interleave
/// with another holder's can fence them (store the term and let readers or the next holder ignore older terms).
/// </summary>
internal readonly record struct JobRun(string Job, ulong Term, string Holder)
{
    /// <summary>
    /// The <see cref="TimeProvider"/> timestamp until which the holder is sure of its lease (a settle time before it
    /// could expire): for a job whose holding gates work done outside its runs (the registry writer).
    /// </summary>
    public long HeldUntil { get; init; }
}

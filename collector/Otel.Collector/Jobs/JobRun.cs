namespace Otel.Collector.Jobs;

/// <summary>
/// One run of a job under a lease: the term identifies the holding, so a job whose writes must never interleave
/// with another holder's can fence them (store the term and let readers or the next holder ignore older terms).
/// </summary>
internal readonly record struct JobRun(string Job, ulong Term, string Holder);

using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Sinks.Rows;

namespace Otel.Collector.Registry;

/// <summary>
/// What a change made under the <see cref="RegistryWriter"/> works with: the writer's clock and the single writer's
/// pipeline. Reads made within the change see every earlier registry write (each returns once its rows are stored).
/// </summary>
internal sealed class RegistryWriteContext(ExportPipeline pipeline, TimeProvider time, ulong term)
{
    /// <summary>The lease term the change is made under.</summary>
    public ulong Term => term;

    /// <summary>Now on the collector's clock, to the millisecond (the registry's columns are DateTime64(3)).</summary>
    public DateTimeOffset Now => DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>
    /// Now, or a millisecond after <paramref name="previous"/> when the clock has not passed it: successive rows of one
    /// key get strictly increasing times, so "the newest row wins" and "the move at or before T" never see a tie.
    /// </summary>
    public DateTimeOffset After(DateTimeOffset? previous) =>
        previous is { } p && Now <= p ? p.AddMilliseconds(1) : Now;

    /// <summary>Writes <paramref name="batch"/> (taking ownership) and returns once its rows are stored.</summary>
    /// <exception cref="InvalidOperationException">The pipeline did not accept the rows: nothing was written.</exception>
    public Task WriteAsync(RowBatch batch, CancellationToken cancellationToken) =>
        pipeline.WriteAsync(RegistryWriterLease.JobName, batch, cancellationToken);
}

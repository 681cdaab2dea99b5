using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Otel.Collector.ClickHouse;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Production;
using Otel.Collector.Production.Increments;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Production.Increments;

/// <summary>
/// The serving-increments job over a store with a pipeline of its own and no jobs host, so that only the test runs it,
/// at the time the test gives: the job writes through the spool as in the collector.
/// </summary>
internal sealed class IncrementsJobRunner : IAsyncDisposable
{
    private readonly IClickHouseStore _store;
    private readonly ExportPipeline _pipeline;

    private IncrementsJobRunner(IClickHouseStore store, ExportPipeline pipeline) => (_store, _pipeline) = (store, pipeline);

    public static async Task<IncrementsJobRunner> StartAsync(IClickHouseStore store, string name, CancellationToken cancellationToken)
    {
        var pipeline = new ExportPipeline(store, new ExportPipelineOptions { SpoolDirectory = TestSpool.Create(name) }, TimeProvider.System, NullLogger<ExportPipeline>.Instance);
        await pipeline.StartAsync(cancellationToken);
        return new IncrementsJobRunner(store, pipeline);
    }

    /// <summary>One run at <paramref name="now"/>, within <paramref name="timeout"/> (<see cref="TestTimeouts.Default"/> unless given).</summary>
    public Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var job = new ServingIncrementsJob(_store, _pipeline, new JobOptions(), new FakeTimeProvider(now));
        return job.RunOnceAsync(new JobRun(job.Name, 1, "test"), cancellationToken).WaitAsync(timeout ?? TestTimeouts.Default, cancellationToken);
    }

    /// <summary>
    /// Runs at <paramref name="now"/> until the stored progress covers every complete minute before it and no arrival is
    /// newer than its snapshot (less the slack: <see cref="IncrementsProgress.ArrivalSlack"/> after the last insert), so
    /// that readers read what it stored; returns the runs.
    /// </summary>
    public async Task<int> CatchUpAsync(DateTimeOffset now, CancellationToken cancellationToken, TimeSpan? runTimeout = null)
    {
        var end = ServingWindow.End(now).AddMinutes(-1);
        for (var run = 1; run <= 1000; run++)
        {
            await RunAsync(now, cancellationToken, runTimeout);
            if (await IncrementsProgress.ReadAsync(_store, cancellationToken) is { LateFrom: null } progress && progress.MinutesThrough >= end)
            {
                return run;
            }
        }

        throw new InvalidOperationException($"the serving-increments job did not reach {end:O} in 1000 runs");
    }

    public async ValueTask DisposeAsync()
    {
        await _pipeline.StopAsync(CancellationToken.None);
        await _pipeline.DisposeAsync();
    }
}

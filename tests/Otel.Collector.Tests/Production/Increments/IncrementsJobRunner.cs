using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Otel.Collector.ClickHouse;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Production.Increments;
using Otel.Collector.Production;
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

    /// <summary>One run at <paramref name="now"/>.</summary>
    public Task RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var job = new ServingIncrementsJob(_store, _pipeline, new JobOptions(), new FakeTimeProvider(now));
        return job.RunOnceAsync(new JobRun(job.Name, 1, "test"), cancellationToken).WaitAsync(TestTimeouts.Default, cancellationToken);
    }

    /// <summary>Runs at <paramref name="now"/> until the stored progress covers every complete minute before it; returns the runs.</summary>
    public async Task<int> CatchUpAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var end = ServingWindow.End(now).AddMinutes(-1);
        for (var run = 1; run <= 100; run++)
        {
            await RunAsync(now, cancellationToken);
            if ((await IncrementsProgress.ReadAsync(_store, cancellationToken)).MinutesThrough >= end)
            {
                return run;
            }
        }

        throw new InvalidOperationException($"the serving-increments job did not reach {end:O} in 100 runs");
    }

    public async ValueTask DisposeAsync()
    {
        await _pipeline.StopAsync(CancellationToken.None);
        await _pipeline.DisposeAsync();
    }
}

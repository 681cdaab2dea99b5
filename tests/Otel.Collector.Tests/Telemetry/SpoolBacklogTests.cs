using Microsoft.Extensions.Time.Testing;
using Otel.Collector.Ingest;
using Otel.Collector.Pipeline;
using Otel.Collector.Spool;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Pipeline;
using static Otel.Collector.Tests.Pipeline.PipelineTestKit;

namespace Otel.Collector.Tests.Telemetry;

public sealed class SpoolBacklogTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void OldestAge_TwoGroupsThenFirstStored_CountsFromTheSecond()
    {
        var backlog = new SpoolBacklog(_time);
        backlog.Spooled(new SpoolPosition(1, 100), 3);
        _time.Advance(TimeSpan.FromSeconds(5));
        backlog.Spooled(new SpoolPosition(1, 250), 2);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(5, backlog.Records);
        Assert.Equal(TimeSpan.FromSeconds(6), backlog.OldestAge);

        backlog.Stored(new SpoolPosition(1, 100));

        Assert.Equal(2, backlog.Records);
        Assert.Equal(TimeSpan.FromSeconds(1), backlog.OldestAge);
    }

    [Fact]
    public void Stored_PastEverything_EmptyWithZeroAge()
    {
        var backlog = new SpoolBacklog(_time);
        backlog.Spooled(new SpoolPosition(1, 100), 1);
        backlog.Spooled(new SpoolPosition(2, 10), 4);
        _time.Advance(TimeSpan.FromSeconds(3));

        backlog.Stored(new SpoolPosition(2, 10));

        Assert.Equal(0, backlog.Records);
        Assert.Equal(TimeSpan.Zero, backlog.OldestAge);
    }

    [Fact]
    public async Task ExportPipeline_StartOverRecordsOfAnEarlierRun_CountsThemPendingUntilStored()
    {
        var spool = TestSpool.Create("backlog_replay");
        var down = new GatedStore { FailWith = new InvalidOperationException("Connection refused") };
        down.Open();
        await using (var first = Start(down, Options(spool)))
        {
            foreach (var id in new[] { "a", "b", "c" })
            {
                Assert.Equal(IngestOutcome.Accepted, (await first.WriteAsync(Batch(id), TestContext.Current.CancellationToken)).Outcome);
            }
        }

        var gated = new GatedStore();
        await using var second = Start(gated, Options(spool));

        Assert.Equal(3, second.SpooledRecords);
        Assert.True(second.SpooledBytes > 0);

        gated.Open();
        await Eventually.UntilAsync(() => second.SpooledRecords == 0 && second.SpooledBytes == 0);
        Assert.Equal(TimeSpan.Zero, second.OldestSpooledAge);
    }
}

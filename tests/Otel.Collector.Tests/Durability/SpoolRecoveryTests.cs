using Microsoft.Extensions.Logging.Abstractions;
using Otel.Collector.Ingest;
using Otel.Collector.Pipeline;
using Otel.Collector.Spool;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Pipeline;
using static Otel.Collector.Tests.Pipeline.PipelineTestKit;

namespace Otel.Collector.Tests.Durability;

/// <summary>What a crash leaves in the spool directory, and what the next start makes of it.</summary>
public sealed class SpoolRecoveryTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TornRecordAtTheEnd_IsCutOff_AndEveryAcknowledgedRequestIsStored()
    {
        var spool = await SpoolWithRequestsAsync("torn", "t0", "t1");
        var segment = Directory.GetFiles(spool, "*.seg").Order(StringComparer.Ordinal).Last(f => new FileInfo(f).Length > 0);
        var intact = new FileInfo(segment).Length;
        await using (var tail = new FileStream(segment, FileMode.Append))
        {
            // A crash in the middle of writing a record that was therefore never acknowledged.
            tail.Write([0x4F, 0x54, 0x53, 0x4C, 0xFF, 0x00, 0x00, 0x00, 1, 2, 3]);
        }

        var store = await RestartAsync(spool);

        var rows = string.Concat(store.Inserts.Select(i => i.Rows));
        Assert.Contains("\"t0\"", rows, StringComparison.Ordinal);
        Assert.Contains("\"t1\"", rows, StringComparison.Ordinal);
        Assert.False(File.Exists(segment) && new FileInfo(segment).Length > intact);
    }

    [Fact]
    public async Task CorruptRecordInsideASegment_IsSetAside_AndTheCollectorKeepsStoringNewRequests()
    {
        var spool = await SpoolWithRequestsAsync("corrupt", "c0");
        var segment = Directory.GetFiles(spool, "*.seg").Single(f => new FileInfo(f).Length > 0);
        var bytes = await File.ReadAllBytesAsync(segment, Cancellation);
        bytes[SpoolRecord.HeaderBytes + SpoolRecord.PartHeaderBytes + 3] ^= 0xFF;
        await File.WriteAllBytesAsync(segment, bytes, Cancellation);

        var store = new GatedStore();
        store.Open();
        await using var pipeline = Start(store, spool);
        Assert.Equal(IngestOutcome.Accepted, (await pipeline.WriteAsync(Batch("after"), Cancellation)).Outcome);
        await Eventually.UntilAsync(() => store.Inserts.Count == 1 && File.Exists(segment + ".corrupt"));

        Assert.Contains("\"after\"", store.Inserts[0].Rows, StringComparison.Ordinal);
        Assert.DoesNotContain("\"c0\"", store.Inserts[0].Rows, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondCollectorOnTheSameSpool_IsRefusedWithAClearMessage()
    {
        var spool = TestSpool.Create("shared");
        await using var first = Start(new GatedStore(), spool);

        var second = new ExportPipeline(new GatedStore(), new ExportPipelineOptions { SpoolDirectory = spool }, TimeProvider.System, NullLogger<ExportPipeline>.Instance);
        var refused = await Assert.ThrowsAsync<IOException>(() => second.StartAsync(Cancellation));
        Assert.Contains("in use by another collector", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoint_RoundTrips_AndAnUnreadableOneSaysWhatToDo()
    {
        var checkpoint = new SpoolCheckpoint(new SpoolPosition(3, 4096), new SpoolPosition(4, 17));
        Assert.Equal(checkpoint, SpoolCheckpoint.Parse(checkpoint.Format(), "checkpoint"));
        Assert.Equal(SpoolCheckpoint.Empty, SpoolCheckpoint.Parse(SpoolCheckpoint.Empty.Format(), "checkpoint"));

        var error = Assert.Throws<InvalidDataException>(() => SpoolCheckpoint.Parse("garbage", "/data/spool/checkpoint"));
        Assert.Contains("move the spool directory aside", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A spool holding acknowledged, never stored requests: written while storage was down.</summary>
    private static async Task<string> SpoolWithRequestsAsync(string name, params string[] ids)
    {
        var spool = TestSpool.Create(name);
        var down = new GatedStore { FailWith = new InvalidOperationException("Connection refused") };
        down.Open();
        var pipeline = Start(down, spool);
        foreach (var id in ids)
        {
            Assert.Equal(IngestOutcome.Accepted, (await pipeline.WriteAsync(Batch(id), Cancellation)).Outcome);
        }

        await pipeline.StopAsync(Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);
        return spool;
    }

    private static async Task<GatedStore> RestartAsync(string spool)
    {
        var store = new GatedStore();
        store.Open();
        await using var pipeline = Start(store, spool);
        await Eventually.UntilAsync(() => pipeline.SpooledBytes == 0 && store.Inserts.Count > 0);
        return store;
    }

    private static ExportPipeline Start(GatedStore store, string spool) => PipelineTestKit.Start(store, Options(spool));
}

using Otel.Tracking.Buffering;

namespace Otel.Tracking.Tests;

public sealed class MetricBufferTests
{
    [Theory]
    [InlineData(10, 3, 4)]
    [InlineData(12, 3, 3)]
    [InlineData(12, 4, 6)]
    [InlineData(1, 5, 1)]
    public void DrainAndSplit_AcrossSegmentBoundaries_KeepsEveryPointInOrder(int points, int segmentSize, int perChunk)
    {
        var buffer = new MetricBuffer(capacity: 100, segmentSize);
        for (var i = 0; i < points; i++)
        {
            Assert.True(buffer.TryAdd("k" + i, i, i * 10, i * 100));
        }

        var drained = new List<MetricSegment>();
        Assert.Equal(points, buffer.DrainTo(drained));
        var chunks = MetricChunk.Split(drained, points, perChunk);

        Assert.All(chunks.SkipLast(1), c => Assert.Equal(perChunk, c.Keys.Length));
        Assert.Equal(Enumerable.Range(0, points).Select(i => "k" + i), chunks.SelectMany(c => c.Keys));
        Assert.Equal(Enumerable.Range(0, points).Select(i => (double)i), chunks.SelectMany(c => c.Values));
        Assert.Equal(Enumerable.Range(0, points).Select(i => i * 10L), chunks.SelectMany(c => c.Steps));
        Assert.Equal(Enumerable.Range(0, points).Select(i => i * 100L), chunks.SelectMany(c => c.Timestamps));
        Assert.Equal(0, buffer.Count);
    }

    [Fact]
    public void TryAdd_AtCapacity_RefusesUntilDrained()
    {
        var buffer = new MetricBuffer(capacity: 4, segmentSize: 3);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(buffer.TryAdd("k", i, i, i));
        }

        Assert.False(buffer.TryAdd("k", 4, 4, 4));
        var drained = new List<MetricSegment>();
        buffer.DrainTo(drained);
        buffer.Return(drained);

        Assert.True(buffer.TryAdd("k", 5, 5, 5));
        Assert.All(drained, s => Assert.Equal(0, s.Count));
    }
}

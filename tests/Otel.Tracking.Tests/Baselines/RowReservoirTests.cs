using Otel.Tracking.Baselines;

namespace Otel.Tracking.Tests.Baselines;

public sealed class RowReservoirTests
{
    [Fact]
    public void Next_FewerRowsThanCapacity_KeepsEveryRowInOrder()
    {
        var reservoir = new RowReservoir(10);

        Assert.Equal([0, 1, 2], Enumerable.Range(0, 3).Select(_ => reservoir.Next()));
    }

    [Fact]
    public void Next_ManyRows_KeepsAboutCapacityOverSeenOfTheLaterOnes()
    {
        var reservoir = new RowReservoir(100);
        var kept = Enumerable.Range(0, 10_000).Select(_ => reservoir.Next()).ToList();

        Assert.All(kept, slot => Assert.InRange(slot, -1, 99));
        Assert.Equal(10_000, reservoir.Seen);
        // Row k (k >= 100) is kept with probability 100 / (k + 1): about 100 * (ln 10000 - ln 100), i.e. 460, replacements.
        Assert.InRange(kept.Skip(100).Count(s => s >= 0), 380, 540);
    }

    [Fact]
    public void Next_SameRowsTwice_SameSlots()
    {
        var first = new RowReservoir(5);
        var second = new RowReservoir(5);

        Assert.Equal(Enumerable.Range(0, 1000).Select(_ => first.Next()), Enumerable.Range(0, 1000).Select(_ => second.Next()));
    }
}

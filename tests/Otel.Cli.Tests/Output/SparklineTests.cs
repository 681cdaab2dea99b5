using Otel.Cli.Output;

namespace Otel.Cli.Tests.Output;

public sealed class SparklineTests
{
    [Fact]
    public void Sparkline_RisingSeries_LowestToHighestBlock() =>
        Assert.Equal("▁▂▃▄▅▆▇█", Sparkline.Render([0, 1, 2, 3, 4, 5, 6, 7]));

    [Fact]
    public void Sparkline_NaNAndInfinities_AreGaps() =>
        Assert.Equal("▁  █ ", Sparkline.Render([1, double.NaN, double.PositiveInfinity, 3, double.NegativeInfinity]));

    [Fact]
    public void Sparkline_FlatSeries_DrawnAtMidHeight() =>
        Assert.Equal("▄▄▄", Sparkline.Render([2.5, 2.5, 2.5]));

    [Fact]
    public void Sparkline_NothingFinite_AllGaps() =>
        Assert.Equal("  ", Sparkline.Render([double.NaN, double.NaN]));
}

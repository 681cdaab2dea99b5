using Otel.Tracking.Baselines;

namespace Otel.Tracking.Tests.Baselines;

/// <summary>Quantile edges and counts, each checked against values worked out by hand in the comments.</summary>
public sealed class NumericBaselineTests
{
    [Fact]
    public void QuantileEdges_OneToHundredDeciles_EdgesAtEveryTenthValueTenPerBin()
    {
        // Edge i is the value at index ceil(i * 100 / 10) - 1 = 10i - 1 of the sorted values, i.e. 10i.
        var values = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToList();

        var edges = NumericBaseline.QuantileEdges(values, 10);

        Assert.Equal([10, 20, 30, 40, 50, 60, 70, 80, 90], edges);
        Assert.Equal([10, 10, 10, 10, 10, 10, 10, 10, 10, 10], NumericBaseline.Count(values, edges));
    }

    [Fact]
    public void QuantileEdges_TiesAtAnEdge_StayInOneBinAndEdgesAreDeduplicated()
    {
        // Indices 0..8 give 1,1,1,1,1,2,3,4,5; deduplicated 1,2,3,4,5; the five 1s share the first bin (v <= 1).
        double[] values = [1, 1, 1, 1, 1, 2, 3, 4, 5, 6];

        var edges = NumericBaseline.QuantileEdges(values, 10);

        Assert.Equal([1, 2, 3, 4, 5], edges);
        Assert.Equal([5, 1, 1, 1, 1, 1], NumericBaseline.Count(values, edges));
    }

    [Fact]
    public void QuantileEdges_ConstantColumn_OneEdgeEverythingInTheFirstBin()
    {
        double[] values = [7, 7, 7];

        var edges = NumericBaseline.QuantileEdges(values, 10);

        Assert.Equal([7], edges);
        Assert.Equal([3, 0], NumericBaseline.Count(values, edges));
    }

    [Fact]
    public void QuantileEdges_NaN_NotCountedAndNotAnEdge()
    {
        // Finite values 1,2,3,4 in quartiles: indices ceil(i * 4 / 4) - 1 = 0, 1, 2.
        double[] values = [double.NaN, 4, 1, double.NaN, 3, 2];

        var edges = NumericBaseline.QuantileEdges(values, 4);

        Assert.Equal([1, 2, 3], edges);
        Assert.Equal([1, 1, 1, 1], NumericBaseline.Count(values, edges));
    }

    [Fact]
    public void QuantileEdges_Infinities_CountedInTheOuterBinsButNeverEdges()
    {
        // Finite 1,2,3 in halves: index ceil(1 * 3 / 2) - 1 = 1, the edge 2; -inf, 1, 2 are <= 2; 3 and +inf above.
        double[] values = [double.NegativeInfinity, 1, 2, 3, double.PositiveInfinity];

        var edges = NumericBaseline.QuantileEdges(values, 2);

        Assert.Equal([2], edges);
        Assert.Equal([3, 2], NumericBaseline.Count(values, edges));
    }

    [Fact]
    public void QuantileEdges_NoFiniteValue_NoEdges()
    {
        Assert.Empty(NumericBaseline.QuantileEdges([double.NaN], 10));
        Assert.Empty(NumericBaseline.QuantileEdges([], 10));
    }

    [Fact]
    public void Count_ValueOnAnEdge_GoesToTheBinItCloses()
    {
        // OTLP explicit buckets: bin i holds bounds[i-1] < v <= bounds[i].
        double[] bounds = [0.5, 1, 2];

        Assert.Equal([2, 2, 0, 1], NumericBaseline.Count([0, 0.5, 0.7, 1, 3], bounds));
    }

    [Fact]
    public void CheckedEdges_UnsortedWithDuplicates_SortedAndDeduplicated()
    {
        Assert.Equal([0.5, 1, 2], NumericBaseline.CheckedEdges([2, 0.5, 2, 1], "edges"));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void CheckedEdges_NotFinite_ThrowsNamingTheParameter(double edge)
    {
        var error = Assert.Throws<ArgumentException>(() => NumericBaseline.CheckedEdges([1, edge], "edges"));

        Assert.Equal("edges", error.ParamName);
        Assert.Contains("finite", error.Message, StringComparison.Ordinal);
    }
}

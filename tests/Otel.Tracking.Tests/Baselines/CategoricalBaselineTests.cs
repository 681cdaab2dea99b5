using Otel.Tracking.Baselines;

namespace Otel.Tracking.Tests.Baselines;

public sealed class CategoricalBaselineTests
{
    [Fact]
    public void Count_MoreCategoriesThanTopK_RestCountedAsOtherAndBlanksSkipped()
    {
        // b 3, a 2, c 1, d 1: the top two are b and a; c and d make other 2; "", " " and null are not counted.
        string?[] values = ["b", "a", "b", "c", "a", "b", "", null, " ", "d"];

        var (categories, counts) = CategoricalBaseline.Count(values, 2);

        Assert.Equal(["b", "a"], categories);
        Assert.Equal([3, 2, 2], counts);
    }

    [Fact]
    public void Count_FewerCategoriesThanTopK_AllKeptAndOtherZero()
    {
        var (categories, counts) = CategoricalBaseline.Count(["x", "y", "x"], 20);

        Assert.Equal(["x", "y"], categories);
        Assert.Equal([2, 1, 0], counts);
    }

    [Fact]
    public void Count_TiedCounts_OrdinalOrderDecides()
    {
        var (categories, counts) = CategoricalBaseline.Count(["y", "x", "y", "x", "Z"], 1);

        Assert.Equal(["x"], categories);
        Assert.Equal([2, 3], counts);
    }

    [Fact]
    public void Count_ValueSpelledLikeOther_CountsAsOther()
    {
        var (categories, counts) = CategoricalBaseline.Count(["a", MlSemanticConventions.OtherCategory], 5);

        Assert.Equal(["a"], categories);
        Assert.Equal([1, 1], counts);
    }
}

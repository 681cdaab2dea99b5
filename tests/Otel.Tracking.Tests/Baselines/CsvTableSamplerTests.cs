using System.Text;
using Otel.Tracking.Baselines;
using Otel.Tracking.Datasets;
using Otel.Tracking.Query.Registry;

namespace Otel.Tracking.Tests.Baselines;

public sealed class CsvTableSamplerTests
{
    private static readonly BaselineSettings Deciles = new(10, 20, 100_000);

    [Fact]
    public void Profile_NumericAndTextColumns_DecilesAndTopCategories()
    {
        // x = 1..20: edges at index ceil(20i / 10) - 1 = 2i - 1, the value 2i, two values per bin; every fourth row is red.
        var csv = new StringBuilder("x,color\n");
        for (var i = 1; i <= 20; i++)
        {
            csv.Append(i).Append(',').Append(i % 4 == 0 ? "red" : "blue").Append('\n');
        }

        var profile = Profile(csv.ToString(), maxRows: 1000);

        var x = Assert.Single(profile, p => p.Name == "x");
        Assert.Equal(MlSemanticConventions.BaselineTypes.Numeric, x.Type);
        Assert.Equal([2, 4, 6, 8, 10, 12, 14, 16, 18], x.Bounds);
        Assert.Equal([2, 2, 2, 2, 2, 2, 2, 2, 2, 2], x.Counts);
        var color = Assert.Single(profile, p => p.Name == "color");
        Assert.Equal((MlSemanticConventions.BaselineTypes.Categorical, MlSemanticConventions.BaselineKinds.Feature), (color.Type, color.Kind));
        Assert.Equal(["blue", "red"], color.Categories);
        Assert.Equal([15, 5, 0], color.Counts);
        Assert.All(profile, p => Assert.Equal("digest", p.DatasetDigest));
    }

    [Fact]
    public void Profile_EmptyCellsAndLaterTextInANumericColumn_NotCounted()
    {
        // 1,000 numeric rows fix the type; an empty cell and a later "n/a" are missing values, not a category.
        var csv = new StringBuilder("v,empty\n,\n");
        for (var i = 1; i <= 1000; i++)
        {
            csv.Append(i).Append(",\n");
        }

        csv.Append("n/a,\n");

        var profile = Profile(csv.ToString(), maxRows: 5000);

        var v = Assert.Single(profile);
        Assert.Equal("v", v.Name);
        Assert.Equal(1000, v.Counts.Sum());
    }

    [Fact]
    public void Profile_MoreRowsThanTheSample_CountsComeFromTheSampleWithEveryColumnOfEachKeptRow()
    {
        // Regression: the last field of a sampled row after the first 1,000 was dropped.
        var csv = new StringBuilder("v,w\n");
        for (var i = 0; i < 5000; i++)
        {
            csv.Append(i).Append(',').Append(i % 2 == 0 ? "even" : "odd").Append('\n');
        }

        var sampler = new CsvTableSampler(maxRows: 1000);
        Scan(sampler, csv.ToString());
        var sample = sampler.Complete()!;

        Assert.Equal(5000, sample.RowsSeen);
        Assert.Equal([1000L, 1000], sample.Profile(Deciles, "").Select(p => p.Counts.Sum()));
        Assert.Contains(sample.Profile(Deciles, "")[0].Bounds, edge => edge > 1000);
    }

    [Fact]
    public void Complete_FilesWithDifferentHeaders_NoSampleAndAReason()
    {
        var sampler = new CsvTableSampler(1000);
        Scan(sampler, "a,b\n1,2\n");
        Scan(sampler, "a,c\n1,2\n");

        Assert.Null(sampler.Complete());
        Assert.Contains("different headers", sampler.Problem, StringComparison.Ordinal);
    }

    private static List<BaselineDistribution> Profile(string csv, int maxRows)
    {
        var sampler = new CsvTableSampler(maxRows);
        Scan(sampler, csv);
        return sampler.Complete()!.Profile(Deciles, "digest");
    }

    private static void Scan(CsvTableSampler sampler, string csv)
    {
        var scanner = new CsvScanner(',', sampler.BeginFile());
        scanner.Append(Encoding.UTF8.GetBytes(csv));
        scanner.Complete();
    }
}

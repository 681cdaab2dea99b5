using Otel.Collector.Model;
using Otel.Collector.Processors;
using Otel.Collector.Redaction;

namespace Otel.Collector.Tests.Redaction;

/// <summary>Credentials among a baseline's categories are replaced before the baseline is stored.</summary>
public sealed class BaselineRedactionTests
{
    [Fact]
    public void Process_ColumnNamedLikeACredential_CategoriesMergedIntoOneMarkerWithTheirCounts()
    {
        var baseline = Categorical("api_token", ["tok-a", "tok-b"], [3, 2, 1]);

        Process(baseline);

        Assert.Equal([FakeSecrets.Marker], baseline.Categories);
        Assert.Equal([5L, 1], baseline.Counts);
    }

    [Fact]
    public void Process_TokenAmongOrdinaryCategories_OnlyThatOneReplaced()
    {
        var baseline = Categorical("note", ["free", FakeSecrets.AwsAccessKeyId], [4, 1, 0]);

        Process(baseline);

        Assert.Equal(["free", FakeSecrets.Marker], baseline.Categories);
        Assert.Equal([4L, 1, 0], baseline.Counts);
    }

    [Fact]
    public void Process_NoSecret_BaselineUnchanged()
    {
        var baseline = Categorical("plan", ["free", "pro"], [3, 1, 0]);
        var categories = baseline.Categories;

        Process(baseline);

        Assert.Same(categories, baseline.Categories);
    }

    private static void Process(BaselineLogged baseline)
    {
        var batch = new IngestBatch(1);
        batch.Baselines.Add(baseline);
        new RedactionProcessor(SecretRedactor.CreateDefault()).Process(batch);
    }

    private static BaselineLogged Categorical(string name, string[] categories, long[] counts) => new()
    {
        RunId = "run-a",
        Experiment = "e",
        Name = name,
        Kind = "feature",
        Type = "categorical",
        Bounds = [],
        Categories = categories,
        Counts = counts,
        DatasetDigest = "",
        LoggedAtUnixNano = 1,
    };
}

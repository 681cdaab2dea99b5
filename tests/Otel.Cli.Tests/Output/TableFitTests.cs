using Otel.Cli.Output;

namespace Otel.Cli.Tests.Output;

public sealed class TableFitTests
{
    [Theory]
    [InlineData("val_accuracy", 8, "val_…acy")]
    [InlineData("val_accuracy", 11, "val_a…uracy")]
    [InlineData("val_loss", 8, "val_loss")]
    public void Elide_LongName_KeepsBothEnds(string name, int width, string expected) =>
        Assert.Equal(expected, HeaderAbbreviation.Elide(name, width));

    [Fact]
    public void Abbreviate_NamesThatWouldReadTheSame_LengthenedUntilApart()
    {
        var headers = HeaderAbbreviation.Abbreviate(["train_loss_smooth", "train_acc_smooth", "lr"], [4, 4, 4]);

        Assert.Equal(3, headers.Distinct(StringComparer.Ordinal).Count());
        Assert.All(headers.Take(2), h => Assert.Contains('…', h));
        Assert.Equal("lr", headers[2]);
    }

    [Fact]
    public void Choose_EverythingFits_AllColumnsWithFullNames()
    {
        var choice = TableFit.Choose([8, 20], [new("val_accuracy", 6), new("learning_rate", 5)], maxWidth: 200, minimumCount: 1);

        Assert.Equal(2, choice.Count);
        Assert.Equal(["val_accuracy", "learning_rate"], choice.Headers);
    }

    [Fact]
    public void Choose_TooNarrow_DropsTheLeastRelevantFirst()
    {
        // One metric column: 40 + borders 10 = 50; two are 57 wide even abbreviated.
        var choice = TableFit.Choose([8, 20], [new("val_accuracy", 6), new("val_loss", 6), new("learning_rate", 5)], maxWidth: 52, minimumCount: 1);

        Assert.Equal(1, choice.Count);
        Assert.Equal(["val_accuracy"], choice.Headers);
    }

    [Fact]
    public void Choose_AbbreviatingBuysAColumn_AbbreviatesTheLessRelevantName()
    {
        // Full: 8+20+12+13 = 53 + 13 = 66 > 64; abbreviating learning_rate to 8 makes 61, and val_accuracy keeps its name.
        var choice = TableFit.Choose([8, 20], [new("val_accuracy", 6), new("learning_rate", 5)], maxWidth: 64, minimumCount: 1);

        Assert.Equal(["val_accuracy", "lear…ate"], choice.Headers);
    }

    [Fact]
    public void Choose_NothingFits_KeepsTheMinimumAbbreviated()
    {
        var choice = TableFit.Choose([8, 60], [new("val_accuracy", 6)], maxWidth: 40, minimumCount: 1);

        Assert.Equal(["val_…acy"], choice.Headers);
    }

    [Fact]
    public void Width_RoundedBorder_CountsEdgesSeparatorsAndPadding() => Assert.Equal(8 + 20 + 7, TableFit.Width([8, 20]));
}

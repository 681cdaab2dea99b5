using Otel.Collector.Query.RunFilter;

namespace Otel.Collector.Tests.ApiParameters;

/// <summary>NaN and infinity written as filter values get a message that names them (review finding 14), not "unexpected character".</summary>
public sealed class NonFiniteFilterValueTests
{
    private const string Message = "NaN and infinity are not filter values: compare with a finite number instead, such as metrics.x > -1e308";

    [Theory]
    [InlineData("metrics.x > -inf", 13)]
    [InlineData("metrics.x < +Infinity", 13)]
    [InlineData("metrics.x = nan", 13)]
    [InlineData("metrics.x != INF", 14)]
    public void Parse_NonFiniteLiteral_SaysItIsNotAFilterValue(string filter, int position)
    {
        var error = Assert.Throws<RunFilterException>(() => FilterParser.Parse(filter));

        Assert.Equal($"filter: at character {position}: {Message}", error.Message);
    }

    [Theory]
    [InlineData("metrics.x > -1")]
    [InlineData("metrics.inf > 0")]
    [InlineData("params.nan = 'inf'")]
    public void Parse_WordsThatOnlyLookLikeNonFinite_StillParse(string filter) =>
        Assert.NotNull(FilterParser.Parse(filter));

    [Fact]
    public void Parse_WordThatStartsWithInf_KeepsTheGeneralMessage()
    {
        var error = Assert.Throws<RunFilterException>(() => FilterParser.Parse("metrics.x > information"));

        Assert.DoesNotContain("infinity", error.Message, StringComparison.Ordinal);
    }
}

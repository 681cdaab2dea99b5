using Otel.Collector.Query.RunFilter;

namespace Otel.Collector.Tests.RunFilter;

/// <summary>The run filter's grammar: precedence, parentheses, quoting, comparators, and errors that name the position.</summary>
public sealed class FilterParserTests
{
    /// <summary>The tree as text, fully parenthesised: the records hold lists, which compare by reference.</summary>
    private static string Render(FilterNode? node) => node switch
    {
        FilterOr or => "(" + string.Join(" OR ", or.Terms.Select(Render)) + ")",
        FilterAnd and => "(" + string.Join(" AND ", and.Terms.Select(Render)) + ")",
        FilterComparison c => $"{c.Field} {c.Comparator.Sql()} " + string.Join("|", c.Values.Select(v => v.Text is null ? v.Number!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"'{v.Text}'")),
        _ => "none",
    };

    [Fact]
    public void Parse_AndWithOr_AndBindsTighter()
    {
        Assert.Equal("(metrics.a > 1 OR (metrics.b < 2 AND params.c = 'x'))", Render(FilterParser.Parse("metrics.a > 1 or metrics.b < 2 and params.c = 'x'")));
        Assert.Equal("((metrics.a > 1 AND metrics.b < 2) OR params.c = 'x')", Render(FilterParser.Parse("metrics.a > 1 and metrics.b < 2 or params.c = 'x'")));
    }

    [Fact]
    public void Parse_Parentheses_GroupBeforeAnd()
    {
        Assert.Equal("((metrics.a > 1 OR metrics.b < 2) AND tags.t = 'y')", Render(FilterParser.Parse("(metrics.a > 1 OR metrics.b < 2) AND tags.t = \"y\"")));
        Assert.Equal("metrics.a > 1", Render(FilterParser.Parse("((metrics.a > 1))")));
    }

    [Fact]
    public void Parse_MlflowExample_ReadsEveryEntity()
    {
        var node = FilterParser.Parse("metrics.val_accuracy > 0.8 and params.lr = '0.1' and tags.owner = 'ana' and attributes.status = 'FINISHED'");

        Assert.Equal("(metrics.val_accuracy > 0.8 AND params.lr = '0.1' AND tags.owner = 'ana' AND attributes.status = 'FINISHED')", Render(node));
    }

    [Theory]
    [InlineData("metrics.`val loss` < 1", "Metric", "val loss")]
    [InlineData("metrics.\"val loss\" < 1", "Metric", "val loss")]
    [InlineData("params.`a``b` = 'x'", "Param", "a`b")]
    [InlineData("params.model.layers-0/kind = 'x'", "Param", "model.layers-0/kind")]
    [InlineData("tag.owner = 'x'", "Tag", "owner")]
    [InlineData("ATTRIBUTES.Run_Name = 'x'", "Attribute", "run_name")]
    public void Parse_QuotedAndBareKeys_ReadTheKey(string filter, string entity, string key)
    {
        var comparison = Assert.IsType<FilterComparison>(FilterParser.Parse(filter));

        Assert.Equal(new FilterField(Enum.Parse<FilterEntity>(entity), key), comparison.Field);
    }

    [Theory]
    [InlineData("params.p = 'it''s'", "it's")]
    [InlineData("params.p = \"say \"\"hi\"\"\"", "say \"hi\"")]
    [InlineData("params.p = 'a \" b'", "a \" b")]
    public void Parse_QuotedStrings_UnescapeDoubledQuotes(string filter, string value)
    {
        Assert.Equal(value, Assert.IsType<FilterComparison>(FilterParser.Parse(filter)).Values[0].Text);
    }

    [Theory]
    [InlineData("metrics.m = 1", "Equal")]
    [InlineData("metrics.m != 1", "NotEqual")]
    [InlineData("metrics.m < 1", "Less")]
    [InlineData("metrics.m <= 1", "LessOrEqual")]
    [InlineData("metrics.m > 1", "Greater")]
    [InlineData("metrics.m >= -1.5e3", "GreaterOrEqual")]
    [InlineData("params.p like 'a%'", "Like")]
    [InlineData("params.p ILIKE 'a%'", "ILike")]
    [InlineData("tags.t in ('a', 'b')", "In")]
    [InlineData("tags.t Not In ('a')", "NotIn")]
    [InlineData("attributes.start_time > 1767225600000", "Greater")]
    [InlineData("attributes.status != 'FAILED'", "NotEqual")]
    public void Parse_EveryComparator_IsRead(string filter, string comparator)
    {
        Assert.Equal(Enum.Parse<FilterComparator>(comparator), Assert.IsType<FilterComparison>(FilterParser.Parse(filter)).Comparator);
    }

    [Fact]
    public void Parse_InList_KeepsEveryValue()
    {
        var comparison = Assert.IsType<FilterComparison>(FilterParser.Parse("params.opt IN ('adam', \"sgd\",'rms')"));

        Assert.Equal(["adam", "sgd", "rms"], comparison.Values.Select(v => v.Text));
    }

    [Theory]
    [InlineData("attributes.start_time >= '2026-01-01T00:01:00Z'", 1_767_225_660_000d)]
    [InlineData("attributes.end_time < '2026-01-01T01:00:00+01:00'", 1_767_225_600_000d)]
    [InlineData("attributes.start_time > '2026-01-01'", 1_767_225_600_000d)]
    public void Parse_IsoTime_BecomesMillisecondsSinceEpoch(string filter, double milliseconds)
    {
        Assert.Equal(milliseconds, Assert.IsType<FilterComparison>(FilterParser.Parse(filter)).Values[0].Number);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Parse_Empty_IsNoFilter(string? filter) => Assert.Null(FilterParser.Parse(filter));

    [Theory]
    [InlineData("params.x = 'a' and metrics.acc lr", "filter: at character 32: expected a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN) after 'metrics.acc', got 'lr'")]
    [InlineData("foo.bar = 1", "filter: at character 1: unknown entity 'foo' in 'foo.bar': use metrics., params., tags. or attributes.")]
    [InlineData("metrics.acc > 'high'", "filter: at character 15: metrics.acc is a number: compare it with a number, not the string 'high'")]
    [InlineData("metrics.acc LIKE 'a%'", "filter: at character 13: metrics.acc is a number: compare it with =, !=, <, <=, >, >=, not LIKE")]
    [InlineData("params.lr = 0.1", "filter: at character 13: params.lr is a string: quote the value, as in params.lr = '0.1'")]
    [InlineData("params.lr > '0.1'", "filter: at character 11: params.lr is a string: compare it with =, !=, LIKE, ILIKE, IN, NOT IN, not >")]
    [InlineData("attributes.colour = 'red'", "filter: at character 1: unknown attribute 'colour': use attributes.status")]
    [InlineData("attributes.start_time > 'yesterday'", "filter: at character 25: attributes.start_time is a time: give milliseconds since the epoch or an ISO-8601 time")]
    [InlineData("metrics.acc > 0.8 lr", "filter: at character 19: expected 'and', 'or' or the end of the filter, got 'lr'")]
    [InlineData("(metrics.acc > 0.8", "filter: at character 19: expected ')' to close the '(' at character 1, got the end of the filter")]
    [InlineData("params.p = 'open", "filter: at character 12: this text is never closed: end it with '")]
    [InlineData("params.p IN 'a'", "filter: at character 13: expected '(' and a list of values after IN")]
    [InlineData("params.p NOT LIKE 'a'", "filter: at character 14: expected IN after NOT, got 'LIKE'")]
    [InlineData("acc > 1", "filter: at character 1: expected an identifier such as metrics.KEY")]
    [InlineData("metrics.acc > ", "filter: at character 15: expected a value (a number, or a string in quotes) after the comparator, got the end of the filter")]
    [InlineData("metrics.acc ; drop table ml_runs", "filter: at character 13: unexpected character ';'")]
    [InlineData("`acc` > 1", "filter: at character 1: a key in backticks needs its entity before it")]
    [InlineData("metrics.acc > 1e999", "filter: at character 15: '1e999' is not a number this filter can compare with")]
    public void Parse_BadFilter_NamesPositionAndWhatWasExpected(string filter, string message)
    {
        var error = Assert.Throws<RunFilterException>(() => FilterParser.Parse(filter));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooLong_IsRefused()
    {
        var error = Assert.Throws<RunFilterException>(() => FilterParser.Parse("params.p = '" + new string('x', FilterLimits.MaxLength) + "'"));

        Assert.Contains("more than the 4096", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooDeep_IsRefused()
    {
        var depth = FilterLimits.MaxDepth + 1;
        var error = Assert.Throws<RunFilterException>(() => FilterParser.Parse(new string('(', depth) + "metrics.a > 1" + new string(')', depth)));

        Assert.Contains("nest deeper than 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooManyComparisons_IsRefused()
    {
        var filter = string.Join(" or ", Enumerable.Range(0, FilterLimits.MaxComparisons + 1).Select(i => $"metrics.m{i} > 1"));

        var error = Assert.Throws<RunFilterException>(() => FilterParser.Parse(filter));

        Assert.Contains("at most 64 comparisons", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooLongInList_IsRefused()
    {
        var filter = "params.p IN (" + string.Join(",", Enumerable.Repeat("''", FilterLimits.MaxListValues + 1)) + ")";

        var error = Assert.Throws<RunFilterException>(() => FilterParser.Parse(filter));

        Assert.Contains("at most 1000 values", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("metrics.val_loss", "val_loss", false)]
    [InlineData("metrics.val_loss DESC", "val_loss", true)]
    [InlineData("metrics.`val loss` asc", "val loss", false)]
    [InlineData("  params.lr   desc ", "lr", true)]
    public void ParseOrder_FieldAndDirection_AreRead(string item, string key, bool descending)
    {
        var field = Assert.Single(RunOrderParser.Parse([item]));

        Assert.Equal((key, descending), (field.Field.Key, field.Descending));
    }

    [Theory]
    [InlineData("metrics.a sideways", "order-by: at character 11: expected ASC, DESC or the end after 'metrics.a', got 'sideways'")]
    [InlineData("val_loss", "order-by: at character 1: expected an identifier such as metrics.KEY")]
    [InlineData("attributes.nope", "order-by: at character 1: unknown attribute 'nope'")]
    public void ParseOrder_BadField_NamesPosition(string item, string message)
    {
        var error = Assert.Throws<RunFilterException>(() => RunOrderParser.Parse([item]));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}

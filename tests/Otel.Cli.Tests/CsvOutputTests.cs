using Otel.Cli.Commands;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Tests;

/// <summary>The CSV writer (RFC 4180, formula-injection safe), <c>--columns</c> and <c>--order-by</c> as the CLI reads them.</summary>
public sealed class CsvOutputTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("-1e-05", "-1e-05")]
    [InlineData("", "")]
    public void Field_Value_IsEscapedAndFormulaSafe(string value, string expected) => Assert.Equal(expected, CsvOutput.Field(value));

    [Fact]
    public void Format_Rows_HeaderThenCrlfLinesWithEmptyNulls()
    {
        var text = CsvOutput.Format(["id", "value"], [["a", null], ["b,c", "1"]]);

        Assert.Equal("id,value\r\na,\r\n\"b,c\",1\r\n", text);
    }

    [Fact]
    public void OrderItems_DirectionWords_JoinTheFieldBeforeThem()
    {
        Assert.Equal(["metrics.val_loss desc", "params.lr", "metrics.acc DESC", "tags.x ASC"],
            RunsListCommand.OrderItems(["metrics.val_loss", "desc", "params.lr", "metrics.acc DESC", "tags.x", "ASC"]));
    }

    [Fact]
    public void ResolveColumns_BareAndQualifiedNames_PickMetricsAndParams()
    {
        var runs = new[] { Run(metrics: ["acc", "loss", "lr"], parameters: ["lr", "opt", "batch,size"]) };

        var columns = RunColumnSelection.Resolve("acc, params.opt, metrics.`lr`, \"batch,size\"", runs);

        Assert.Equal(["acc", "lr"], columns.Metrics);
        Assert.Equal(["opt", "batch,size"], columns.Params);
    }

    [Theory]
    [InlineData("lr", "--columns: 'lr' is both a metric and a param of the listed runs: write metrics.lr or params.lr")]
    [InlineData("nope", "--columns: no metric or param named 'nope' in the listed runs; metrics: acc, lr; params: lr")]
    public void ResolveColumns_AmbiguousOrUnknownBareName_IsAUsageError(string list, string message)
    {
        var runs = new[] { Run(metrics: ["acc", "lr"], parameters: ["lr"]) };

        var error = Assert.Throws<CliException>(() => RunColumnSelection.Resolve(list, runs));

        Assert.Equal((message, 2), (error.Message, error.ExitCode));
    }

    private static RunSummary Run(string[] metrics, string[] parameters) => new()
    {
        Id = "r",
        Experiment = "e",
        Name = "n",
        Status = "FINISHED",
        StartTime = DateTimeOffset.UnixEpoch,
        Metrics = metrics.ToDictionary(k => k, _ => 1.0),
        Params = parameters.ToDictionary(k => k, _ => "v"),
    };
}

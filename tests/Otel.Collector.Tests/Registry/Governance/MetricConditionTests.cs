using Otel.Collector.Registry.Governance;

namespace Otel.Collector.Tests.Registry.Governance;

public sealed class MetricConditionTests
{
    [Theory]
    [InlineData("val_accuracy >= champion", "val_accuracy", ">=", null, "val_accuracy >= champion")]
    [InlineData("val_loss<=0.3", "val_loss", "<=", 0.3, "val_loss <= 0.3")]
    [InlineData("  train/loss  <  1e-3 ", "train/loss", "<", 0.001, "train/loss < 0.001")]
    [InlineData("auc > CHAMPION", "auc", ">", null, "auc > champion")]
    [InlineData("delta >= -2", "delta", ">=", -2.0, "delta >= -2")]
    public void TryParse_AcceptedForms_ParsedAndPrintedCanonically(string text, string key, string op, double? threshold, string canonical)
    {
        Assert.True(MetricCondition.TryParse(text, out var condition, out var error), error);

        Assert.Equal((key, op, threshold), (condition.Key, condition.Operator, condition.Threshold));
        Assert.Equal(canonical, condition.ToString());
        Assert.True(MetricCondition.TryParse(condition.ToString(), out var again, out _));
        Assert.Equal(condition, again);
    }

    [Theory]
    [InlineData("val_accuracy")]
    [InlineData("val_accuracy == 0.9")]
    [InlineData("val_accuracy => 0.9")]
    [InlineData(">= 0.9")]
    [InlineData("val_accuracy >= best")]
    [InlineData("val_accuracy >= NaN")]
    [InlineData("val accuracy >= 0.9")]
    [InlineData("")]
    public void TryParse_BadCondition_ErrorNamesTheAcceptedForms(string text)
    {
        Assert.False(MetricCondition.TryParse(text, out _, out var error));

        Assert.Contains($"'{text}'", error, StringComparison.Ordinal);
        Assert.Contains("KEY OP VALUE or KEY OP champion, with OP one of >=, <=, >, <", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(">=", 1, 1, true)]
    [InlineData(">", 1, 1, false)]
    [InlineData("<=", 1, 2, true)]
    [InlineData("<", 2, 1, false)]
    public void Holds_EachOperator_ComparesCandidateToReference(string op, double candidate, double reference, bool expected) =>
        Assert.Equal(expected, new MetricCondition("m", op, 0).Holds(candidate, reference));
}

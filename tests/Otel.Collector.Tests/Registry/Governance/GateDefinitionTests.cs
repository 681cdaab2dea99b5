using Otel.Collector.Registry.Governance;

namespace Otel.Collector.Tests.Registry.Governance;

public sealed class GateDefinitionTests
{
    [Fact]
    public void Parse_EveryKindOfCondition_BuildsTheGate()
    {
        var (gate, errors) = GateDefinition.Parse("churn", "production", 2, 0.8, true, ["train", "eval@sha256:ab"], ["val_accuracy >= champion", "val_loss <= 0.3"]);

        Assert.Empty(errors);
        Assert.NotNull(gate);
        Assert.Equal(2u, gate.MinApprovals);
        Assert.Equal(0.8, gate.MinCompleteness);
        Assert.True(gate.RequireCleanTree);
        Assert.Equal(["train", "eval@sha256:ab"], gate.RequiredDatasets);
        Assert.Equal(["val_accuracy >= champion", "val_loss <= 0.3"], gate.MetricConditions.Select(c => c.ToString()));
    }

    [Fact]
    public void Parse_SeveralBadInputs_ReportsEachNamingItsFlag()
    {
        var (gate, errors) = GateDefinition.Parse("churn", "production", -1, 80, false, ["", "a@"], ["acc = 0.9"]);

        Assert.Null(gate);
        Assert.Collection(errors,
            e => Assert.StartsWith("--min-approvals -1", e, StringComparison.Ordinal),
            e => Assert.Contains("--min-completeness 80: completeness is a fraction from 0 to 1", e, StringComparison.Ordinal),
            e => Assert.StartsWith("--require-dataset ''", e, StringComparison.Ordinal),
            e => Assert.StartsWith("--require-dataset 'a@'", e, StringComparison.Ordinal),
            e => Assert.StartsWith("--metric 'acc = 0.9' is not a metric condition", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NoCondition_RefusedSayingWhichFlagsExist()
    {
        var (gate, errors) = GateDefinition.Parse("churn", "production", 0, null, false, [], []);

        Assert.Null(gate);
        Assert.Contains("at least one condition", Assert.Single(errors), StringComparison.Ordinal);
    }
}

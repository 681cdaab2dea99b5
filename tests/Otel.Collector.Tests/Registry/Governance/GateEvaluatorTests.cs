using Otel.Collector.Registry.Governance;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Tests.Registry.Governance;

public sealed class GateEvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Approvals_DistinctIdentitiesOtherThanTheRegistrant_Counted()
    {
        var decisions = new[] { Decision("alice", "approve", 1), Decision("alice", "approve", 2), Decision("ci", "approve", 3), Decision("bob", "approve", 4) };

        var verdict = Single(Gate(minApprovals: 2), Candidate(), decisions);

        Assert.True(verdict.Passed);
        Assert.Equal("min_approvals", verdict.Gate);
        Assert.Equal("2 of 2 approvals for 'production' from identities other than the registrant ci: alice, bob", verdict.Detail);
    }

    [Fact]
    public void Approvals_RegistrantAndOtherVersionOrAliasOnly_Fail()
    {
        var decisions = new[] { Decision("ci", "approve", 1), Decision("alice", "approve", 2, alias: "staging"), Decision("bob", "approve", 3, version: 2) };

        var verdict = Single(Gate(minApprovals: 1), Candidate(), decisions);

        Assert.False(verdict.Passed);
        Assert.Equal("0 of 1 approvals for 'production' from identities other than the registrant ci", verdict.Detail);
    }

    [Fact]
    public void Approvals_ALaterRejectBySameIdentity_WithdrawsTheApproval()
    {
        var decisions = new[] { Decision("alice", "approve", 1), Decision("bob", "approve", 2), Decision("alice", "reject", 3) };

        var verdict = Single(Gate(minApprovals: 2), Candidate(), decisions);

        Assert.False(verdict.Passed);
        Assert.EndsWith("1 of 2 approvals for 'production' from identities other than the registrant ci: bob; rejected by alice", verdict.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.8, 0.8, true, "completeness 0.8 >= 0.8")]
    [InlineData(0.6, 0.8, false, "completeness 0.6 is below the required 0.8")]
    [InlineData(null, 0.8, false, "v3 has no completeness score (its run was not scored when it was registered); 0.8 required")]
    public void Completeness_AgainstMinimum_VerdictWithDetail(double? score, double minimum, bool passed, string detail)
    {
        var verdict = Single(Gate(minCompleteness: minimum), Candidate(completeness: score), []);

        Assert.Equal(new GateVerdict("min_completeness", passed, detail), verdict);
    }

    [Theory]
    [InlineData("false", true, "ml.vcs.dirty = false: the run's tree was clean")]
    [InlineData("true", false, "ml.vcs.dirty = true: the run had uncommitted changes")]
    [InlineData(null, false, "v3's run recorded no ml.vcs.dirty: it reported no git state, so a clean tree cannot be shown")]
    public void CleanTree_FromProvenance_VerdictWithDetail(string? dirty, bool passed, string detail)
    {
        var provenance = dirty is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["ml.vcs.dirty"] = dirty };

        var verdict = Single(Gate(cleanTree: true), Candidate(provenance: provenance), []);

        Assert.Equal(new GateVerdict("clean_tree", passed, detail), verdict);
    }

    [Theory]
    [InlineData("train", true, "dataset train (sha256:aa) frozen with v3")]
    [InlineData("train@SHA256:AA", true, "dataset train has the required digest SHA256:AA")]
    [InlineData("train@sha256:bb", false, "dataset train has digest sha256:aa, not the required sha256:bb")]
    [InlineData("holdout", false, "v3 has no dataset named 'holdout' with a digest (its datasets: train, eval)")]
    [InlineData("eval", false, "v3 has no dataset named 'eval' with a digest (its datasets: train, eval)")]
    public void Dataset_ByNameOrDigest_VerdictWithDetail(string required, bool passed, string detail)
    {
        var candidate = Candidate(datasets: [new GateDataset("train", "sha256:aa"), new GateDataset("eval", "")]);

        var verdict = Single(Gate(datasets: [required]), candidate, []);

        Assert.Equal(new GateVerdict("dataset " + required, passed, detail), verdict);
    }

    [Theory]
    [InlineData("val_accuracy >= champion", 0.91, 0.89, true, "val_accuracy 0.91 >= champion (v2) 0.89")]
    [InlineData("val_accuracy >= champion", 0.85, 0.89, false, "val_accuracy 0.85 is not >= champion (v2) 0.89")]
    [InlineData("val_loss <= 0.3", 0.25, 0.0, true, "val_loss 0.25 <= 0.3")]
    [InlineData("val_loss < 0.3", 0.3, 0.0, false, "val_loss 0.3 is not < 0.3")]
    public void Metric_AgainstConstantOrChampion_VerdictWithDetail(string condition, double value, double championValue, bool passed, string detail)
    {
        var key = condition.Split(' ')[0];
        var champion = Candidate(version: 2, metrics: new() { [key] = championValue });

        var verdict = Single(Gate(metrics: [condition]), Candidate(metrics: new() { [key] = value }), [], champion);

        Assert.Equal(new GateVerdict("metric " + condition, passed, detail), verdict);
    }

    [Fact]
    public void Metric_MissingOnTheCandidate_FailsWithDetailNotException()
    {
        var verdict = Single(Gate(metrics: ["val_accuracy >= 0.5"]), Candidate(), []);

        Assert.Equal(new GateVerdict("metric val_accuracy >= 0.5", false, "v3 has no metric val_accuracy, so it cannot satisfy val_accuracy >= 0.5"), verdict);
    }

    [Fact]
    public void Metric_NoChampion_PassesSayingThereIsNoneToBeat()
    {
        var verdict = Single(Gate(metrics: ["auc > champion"]), Candidate(metrics: new() { ["auc"] = 0.7 }), []);

        Assert.True(verdict.Passed);
        Assert.Equal("auc 0.7: no champion, 'production' points at no version yet, so there is none to beat", verdict.Detail);
    }

    [Fact]
    public void Metric_ChampionWithoutTheMetric_FailsSayingWhatToDo()
    {
        var verdict = Single(Gate(metrics: ["auc > champion"]), Candidate(metrics: new() { ["auc"] = 0.7 }), [], Candidate(version: 1));

        Assert.False(verdict.Passed);
        Assert.StartsWith("the champion (v1) has no metric auc to compare with", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_EveryKind_OneVerdictEachInOrder()
    {
        var gate = Gate(minApprovals: 1, minCompleteness: 0.5, cleanTree: true, datasets: ["train"], metrics: ["a >= 1", "b <= champion"]);

        var verdicts = GateEvaluator.Evaluate(gate, Candidate(), null, []);

        Assert.Equal(["min_approvals", "min_completeness", "clean_tree", "dataset train", "metric a >= 1", "metric b <= champion"], verdicts.Select(v => v.Gate));
    }

    private static GateVerdict Single(GateDefinition gate, GateCandidate candidate, IReadOnlyList<ApprovalRecord> decisions, GateCandidate? champion = null) =>
        Assert.Single(GateEvaluator.Evaluate(gate, candidate, champion, decisions));

    private static GateDefinition Gate(
        long? minApprovals = null, double? minCompleteness = null, bool cleanTree = false, string[]? datasets = null, string[]? metrics = null)
    {
        var (gate, errors) = GateDefinition.Parse("churn", "production", minApprovals, minCompleteness, cleanTree, datasets, metrics);
        Assert.Empty(errors);
        return gate!;
    }

    private static GateCandidate Candidate(
        long version = 3, double? completeness = null, Dictionary<string, string>? provenance = null, GateDataset[]? datasets = null, Dictionary<string, double>? metrics = null) =>
        new(version, "ci", metrics ?? [], completeness, provenance ?? [], datasets ?? []);

    private static ApprovalRecord Decision(string actor, string decision, int minute, string alias = "production", long version = 3) => new()
    {
        Version = version,
        Alias = alias,
        Decision = decision,
        Actor = actor,
        DecidedAt = T0.AddMinutes(minute),
    };
}

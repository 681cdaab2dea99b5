using Otel.Tracking;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry.Governance;

/// <summary>
/// Evaluates a gate, purely: the candidate's frozen record, the version the alias points at now (the champion, or
/// none), the decisions recorded for the candidate → one verdict per condition, with a detail a person can check. A
/// missing value fails its condition with a detail; nothing here throws on data.
/// </summary>
internal static class GateEvaluator
{
    public const string MinApprovalsGate = "min_approvals";
    public const string MinCompletenessGate = "min_completeness";
    public const string CleanTreeGate = "clean_tree";

    public static IReadOnlyList<GateVerdict> Evaluate(GateDefinition gate, GateCandidate candidate, GateCandidate? champion, IReadOnlyList<ApprovalRecord> decisions)
    {
        var verdicts = new List<GateVerdict>();
        if (gate.MinApprovals > 0)
        {
            verdicts.Add(Approvals(gate, candidate, decisions));
        }

        if (gate.MinCompleteness is { } minimum)
        {
            verdicts.Add(Completeness(minimum, candidate));
        }

        if (gate.RequireCleanTree)
        {
            verdicts.Add(CleanTree(candidate));
        }

        foreach (var required in gate.RequiredDatasets)
        {
            verdicts.Add(Dataset(required, candidate));
        }

        foreach (var condition in gate.MetricConditions)
        {
            verdicts.Add(Metric(condition, gate.Alias, candidate, champion));
        }

        return verdicts;
    }

    private static GateVerdict Approvals(GateDefinition gate, GateCandidate candidate, IReadOnlyList<ApprovalRecord> decisions)
    {
        var approvers = ApprovalTally.Approvers(decisions, candidate.Version, gate.Alias, candidate.CreatedBy);
        var rejecters = ApprovalTally.Rejecters(decisions, candidate.Version, gate.Alias);
        var detail = $"{approvers.Count} of {gate.MinApprovals} approvals for '{gate.Alias}' from identities other than the registrant {candidate.CreatedBy}"
            + (approvers.Count > 0 ? ": " + string.Join(", ", approvers) : string.Empty)
            + (rejecters.Count > 0 ? "; rejected by " + string.Join(", ", rejecters) : string.Empty);
        return new GateVerdict(MinApprovalsGate, approvers.Count >= gate.MinApprovals, detail);
    }

    private static GateVerdict Completeness(double minimum, GateCandidate candidate) => candidate.Completeness switch
    {
        null => new GateVerdict(MinCompletenessGate, false,
            $"v{candidate.Version} has no completeness score (its run was not scored when it was registered); {Numbers.Format(minimum)} required"),
        { } score when score >= minimum => new GateVerdict(MinCompletenessGate, true, $"completeness {Numbers.Format(score)} >= {Numbers.Format(minimum)}"),
        { } score => new GateVerdict(MinCompletenessGate, false, $"completeness {Numbers.Format(score)} is below the required {Numbers.Format(minimum)}"),
    };

    private static GateVerdict CleanTree(GateCandidate candidate) =>
        candidate.Provenance.TryGetValue(MlSemanticConventions.VcsDirty, out var dirty) switch
        {
            false => new GateVerdict(CleanTreeGate, false, $"v{candidate.Version}'s run recorded no {MlSemanticConventions.VcsDirty}: it reported no git state, so a clean tree cannot be shown"),
            true when dirty == "false" => new GateVerdict(CleanTreeGate, true, $"{MlSemanticConventions.VcsDirty} = false: the run's tree was clean"),
            true => new GateVerdict(CleanTreeGate, false, $"{MlSemanticConventions.VcsDirty} = {dirty}: the run had uncommitted changes"),
        };

    private static GateVerdict Dataset(string required, GateCandidate candidate)
    {
        var gate = "dataset " + required;
        if (!RequiredDataset.TryParse(required, out var wanted, out _))
        {
            return new GateVerdict(gate, false, $"'{required}' is not a dataset requirement: set the gate again");
        }

        var named = candidate.Datasets.Where(d => string.Equals(d.Name, wanted.Name, StringComparison.Ordinal) && d.Digest.Length > 0).ToList();
        if (named.Count == 0)
        {
            var frozen = candidate.Datasets.Count == 0 ? "none" : string.Join(", ", candidate.Datasets.Select(d => d.Name).Distinct(StringComparer.Ordinal));
            return new GateVerdict(gate, false, $"v{candidate.Version} has no dataset named '{wanted.Name}' with a digest (its datasets: {frozen})");
        }

        if (wanted.Digest is null)
        {
            return new GateVerdict(gate, true, $"dataset {wanted.Name} ({named[0].Digest}) frozen with v{candidate.Version}");
        }

        return named.Any(d => string.Equals(d.Digest, wanted.Digest, StringComparison.OrdinalIgnoreCase))
            ? new GateVerdict(gate, true, $"dataset {wanted.Name} has the required digest {wanted.Digest}")
            : new GateVerdict(gate, false, $"dataset {wanted.Name} has digest {string.Join(", ", named.Select(d => d.Digest))}, not the required {wanted.Digest}");
    }

    private static GateVerdict Metric(MetricCondition condition, string alias, GateCandidate candidate, GateCandidate? champion)
    {
        var gate = "metric " + condition;
        if (!candidate.Metrics.TryGetValue(condition.Key, out var value))
        {
            return new GateVerdict(gate, false, $"v{candidate.Version} has no metric {condition.Key}, so it cannot satisfy {condition}");
        }

        string reference;
        double threshold;
        if (condition.Threshold is { } constant)
        {
            reference = Numbers.Format(constant);
            threshold = constant;
        }
        else if (champion is null)
        {
            return new GateVerdict(gate, true, $"{condition.Key} {Numbers.Format(value)}: no champion, '{alias}' points at no version yet, so there is none to beat");
        }
        else if (!champion.Metrics.TryGetValue(condition.Key, out threshold))
        {
            return new GateVerdict(gate, false,
                $"the champion (v{champion.Version}) has no metric {condition.Key} to compare with: change the condition to a constant, or an admin promotes with --force");
        }
        else
        {
            reference = $"champion (v{champion.Version}) {Numbers.Format(threshold)}";
        }

        return condition.Holds(value, threshold)
            ? new GateVerdict(gate, true, $"{condition.Key} {Numbers.Format(value)} {condition.Operator} {reference}")
            : new GateVerdict(gate, false, $"{condition.Key} {Numbers.Format(value)} is not {condition.Operator} {reference}");
    }
}

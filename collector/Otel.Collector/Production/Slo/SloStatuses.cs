using Otel.Tracking.Query;

namespace Otel.Collector.Production.Slo;

/// <summary>Statuses computed fresh, for <c>slo status</c>, <c>slo compare</c> and the SLO job: all SLOs of a request in one evaluation.</summary>
internal sealed class SloStatuses(SloStore store, SloEvaluator evaluator)
{
    /// <summary>Every SLO's status at <paramref name="now"/>, or those of <paramref name="model"/>.</summary>
    public async Task<IReadOnlyList<SloStatus>> EvaluateAsync(string? model, DateTimeOffset now, CancellationToken ct)
    {
        var slos = (await store.ListAsync(ct)).Select(s => s.Definition).Where(d => model is null || d.Model == model).ToList();
        return await evaluator.EvaluateAsync(slos, now, null, ct);
    }

    /// <summary>The SLOs of <paramref name="model"/>, each over version A and over version B.</summary>
    public async Task<SloComparison> CompareAsync(string model, string versionA, string versionB, DateTimeOffset now, CancellationToken ct)
    {
        var slos = (await store.ListAsync(ct)).Select(s => s.Definition).Where(d => d.Model == model).ToList();
        var a = await evaluator.EvaluateAsync(slos, now, versionA, ct);
        var b = await evaluator.EvaluateAsync(slos, now, versionB, ct);
        return new SloComparison(model, versionA, versionB,
            slos.Select((slo, i) => new SloVersionComparison(slo.Name, slo.Kind.Name(), slo.Objective, slo.Threshold, a[i], b[i])).ToList());
    }
}

using Otel.Tracking.Query;

namespace Otel.Collector.Production.Slo;

/// <summary>Statuses computed fresh, for <c>slo status</c>, <c>slo compare</c> and the SLO job.</summary>
internal sealed class SloStatuses(SloStore store, SloEvaluator evaluator)
{
    /// <summary>Every SLO's status at <paramref name="now"/>, or those of <paramref name="model"/>.</summary>
    public async Task<IReadOnlyList<SloStatus>> EvaluateAsync(string? model, DateTimeOffset now, CancellationToken ct)
    {
        var statuses = new List<SloStatus>();
        foreach (var slo in await store.ListAsync(ct))
        {
            if (model is null || slo.Definition.Model == model)
            {
                statuses.Add(await evaluator.EvaluateAsync(slo.Definition, now, null, ct));
            }
        }

        return statuses;
    }

    /// <summary>The SLOs of <paramref name="model"/>, each over version A and over version B.</summary>
    public async Task<SloComparison> CompareAsync(string model, string versionA, string versionB, DateTimeOffset now, CancellationToken ct)
    {
        var slos = new List<SloVersionComparison>();
        foreach (var slo in (await store.ListAsync(ct)).Select(s => s.Definition).Where(d => d.Model == model))
        {
            var a = await evaluator.EvaluateAsync(slo, now, versionA, ct);
            var b = await evaluator.EvaluateAsync(slo, now, versionB, ct);
            slos.Add(new SloVersionComparison(slo.Name, slo.Kind.Name(), slo.Objective, slo.Threshold, a, b));
        }

        return new SloComparison(model, versionA, versionB, slos);
    }
}

using System.Globalization;
using Otel.Collector.Production.Cost;
using Otel.Collector.Production.Linkage;
using Otel.Collector.Production.Slo;
using Otel.Collector.Registry;
using Otel.Tracking.Query.Production;

namespace Otel.Collector.Production.Status;

/// <summary>
/// What a registered version is doing in production now (<see cref="VersionProduction"/>), put together from the queries
/// that already answer each part: deployments and serving cost (Linkage, Cost), SLO statuses restricted to the version
/// (<see cref="SloEvaluator"/>), the drift job's latest rows (<see cref="LatestDrift"/>), and the registry's frozen run,
/// datasets and alias history.
/// </summary>
internal sealed class VersionProductionQuery(
    RegistryQueries registry, ProductionDeployments deployments, ServingCostQuery servingCost, SloStore slos, SloEvaluator evaluator,
    LatestDrift drift, TimeProvider time)
{
    public static ServingWindow DefaultWindow => ServingWindow.OneHour;

    /// <exception cref="RegistryRefusal">An unknown model or version (404).</exception>
    public async Task<VersionProduction> GetAsync(string model, long version, ServingWindow window, CancellationToken cancellationToken)
    {
        ModelNames.CheckModel(model);
        var stored = await registry.GetVersionAsync(model, version, cancellationToken) ?? throw ModelUpdates.UnknownVersion(model, version);
        var now = time.GetUtcNow();
        var (from, to) = window.EndingAt(now);
        var versionText = version.ToString(CultureInfo.InvariantCulture);

        var costs = await servingCost.GetAsync(model, window, to, cancellationToken);
        var served = (await deployments.ListAsync(model, costs, cancellationToken)).Where(d => d.Version == versionText).ToList();
        var modelSlos = (await slos.ListAsync(cancellationToken)).Select(s => s.Definition).Where(d => d.Model == model).ToList();
        var statuses = await evaluator.EvaluateAsync(modelSlos, now, versionText, cancellationToken);

        var seen = served.Where(d => d.ServingCost is not null).Select(d => d.ServingCost!).ToList();
        return new VersionProduction
        {
            Model = model,
            Version = version,
            Window = window.Name,
            From = from,
            To = to,
            Requests = served.Sum(d => d.Requests ?? 0),
            Deployments = served,
            Slos = statuses,
            Drift = await drift.GetAsync(model, version, now, cancellationToken),
            ServingCost = seen.Count == 0 ? null : ServingCosts.Combine(seen),
            Training = new VersionTraining
            {
                RunId = stored.Version.RunId,
                Experiment = stored.Version.Experiment,
                Datasets = stored.Version.Datasets,
                PreviousChampion = await PreviousChampionAsync(model, version, cancellationToken),
            },
        };
    }

    /// <summary>
    /// The version <c>champion</c> pointed at before its newest move onto <paramref name="version"/>; for a version never
    /// champion, the champion now. Null when there is none (or it is the version itself).
    /// </summary>
    private async Task<PreviousChampion?> PreviousChampionAsync(string model, long version, CancellationToken cancellationToken)
    {
        var moves = (await registry.MovesAsync(model, cancellationToken)).Where(m => m.Alias == ChampionAlias).ToList();
        var ontoThis = moves.LastOrDefault(m => m.Version == version);
        var (previous, current) = ontoThis is not null ? (ontoThis.PreviousVersion, false) : (moves.LastOrDefault()?.Version ?? 0, true);
        if (previous <= 0 || previous == version)
        {
            return null;
        }

        var stored = await registry.GetVersionAsync(model, previous, cancellationToken);
        return stored is null ? null : new PreviousChampion { Version = previous, RunId = stored.Version.RunId, Current = current };
    }

    private const string ChampionAlias = Registry.Governance.MetricCondition.Champion;
}

using System.Globalization;
using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query;
using Otel.Tracking.Query.Production;

namespace Otel.Collector.Production.Linkage;

/// <summary>
/// Deployments from serving telemetry (<c>ml_serving_deployments</c>, migration 0018) joined with the registry: its
/// versions, their runs, and its recorded deployments (<c>models deploy</c>). Every table read here is small (one row
/// per deployment, version or record), so the join is done here rather than in SQL.
/// </summary>
internal sealed class ProductionDeployments(IClickHouseStore store)
{
    private const string SeenSql = """
        SELECT ModelName, ModelVersion, ServiceName, Environment,
               arraySort(groupUniqArrayIf(RunId, RunId != '')) AS StampedRunIds,
               toUnixTimestamp64Nano(min(FirstSeen)) AS FirstNs, toUnixTimestamp64Nano(max(LastSeen)) AS LastNs
        FROM ml_serving_deployments
        WHERE {model:String} = '' OR ModelName = {model:String}
        GROUP BY ModelName, ModelVersion, ServiceName, Environment
        """;

    private const string VersionsSql = """
        SELECT Name, toString(Version) AS Version, RunId, RunId IN (SELECT RunId FROM ml_runs) AS RunKnown
        FROM ml_model_versions FINAL
        WHERE {model:String} = '' OR Name = {model:String}
        """;

    private const string RecordedSql = """
        SELECT Name, toString(Version) AS Version, Environment,
               toUnixTimestamp64Nano(max(DeployedAt)) AS RecordedNs, argMax(DeployedBy, DeployedAt) AS RecordedBy
        FROM ml_model_deployments
        WHERE {model:String} = '' OR Name = {model:String}
        GROUP BY Name, Version, Environment
        """;

    /// <summary>Every deployment of <paramref name="model"/> (every model when null), with its flags; <paramref name="servingCosts"/> (and requests) by (model, version, service, environment).</summary>
    public async Task<IReadOnlyList<ProductionDeployment>> ListAsync(
        string? model, IReadOnlyDictionary<DeploymentKey, ServingCost> servingCosts, CancellationToken cancellationToken)
    {
        var parameters = new QueryParameters().Add("model", model ?? string.Empty);
        var versions = (await RowsAsync(VersionsSql, parameters, cancellationToken))
            .ToDictionary(r => (r.String("Name"), r.String("Version")), r => (RunId: r.String("RunId"), Known: r.Int64("RunKnown") == 1));
        var recorded = (await RowsAsync(RecordedSql, parameters, cancellationToken))
            .ToDictionary(r => (r.String("Name"), r.String("Version"), r.String("Environment")), r => (At: r.Time("RecordedNs"), By: r.String("RecordedBy")));

        var deployments = new List<ProductionDeployment>();
        var matched = new HashSet<(string, string, string)>();
        foreach (var row in await RowsAsync(SeenSql, parameters, cancellationToken))
        {
            var key = new DeploymentKey(row.String("ModelName"), row.String("ModelVersion"), row.String("ServiceName"), row.String("Environment"));
            var stamped = row.GetProperty("StampedRunIds").EnumerateArray().Select(id => id.GetString() ?? string.Empty).ToList();
            var record = recorded.TryGetValue((key.Model, key.Version, key.Environment), out var r) ? r : ((DateTimeOffset At, string By)?)null;
            if (record is not null)
            {
                matched.Add((key.Model, key.Version, key.Environment));
            }

            deployments.Add(Deployment(key.Model, key.Version, key.Environment, versions, stamped, record) with
            {
                Service = key.Service,
                FirstSeen = row.Time("FirstNs"),
                LastSeen = row.Time("LastNs"),
                ServingCost = servingCosts.GetValueOrDefault(key),
                Requests = servingCosts.GetValueOrDefault(key)?.Predictions ?? 0,
            });
        }

        foreach (var ((name, version, environment), record) in recorded.Where(r => !matched.Contains(r.Key)))
        {
            var deployment = Deployment(name, version, environment, versions, [], record);
            deployments.Add(deployment with { Flags = [.. deployment.Flags.Append(DeploymentFlags.NotSeen).Order(StringComparer.Ordinal)] });
        }

        return [.. deployments
            .OrderBy(d => d.Model, StringComparer.Ordinal)
            .ThenBy(d => long.TryParse(d.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : long.MaxValue)
            .ThenBy(d => d.Version, StringComparer.Ordinal)
            .ThenBy(d => d.Service, StringComparer.Ordinal)
            .ThenBy(d => d.Environment, StringComparer.Ordinal)];
    }

    private static ProductionDeployment Deployment(
        string model, string version, string environment, Dictionary<(string, string), (string RunId, bool Known)> versions,
        List<string> stampedRunIds, (DateTimeOffset At, string By)? record)
    {
        var registered = versions.TryGetValue((model, version), out var registry);
        var flags = new List<string>();
        if (!registered)
        {
            flags.Add(DeploymentFlags.VersionNotRegistered);
        }
        else
        {
            if (!registry.Known)
            {
                flags.Add(DeploymentFlags.RunUnknown);
            }

            if (stampedRunIds.Any(id => id != registry.RunId))
            {
                flags.Add(DeploymentFlags.RunIdMismatch);
            }
        }

        return new ProductionDeployment
        {
            Model = model,
            Version = version,
            Environment = environment,
            StampedRunIds = stampedRunIds,
            Registered = registered,
            RunId = registered ? registry.RunId : null,
            RunKnown = registered && registry.Known,
            RecordedAt = record?.At,
            RecordedBy = record?.By,
            Flags = [.. flags.Order(StringComparer.Ordinal)],
        };
    }

    private async Task<List<JsonElement>> RowsAsync(string sql, QueryParameters parameters, CancellationToken cancellationToken) =>
        [.. JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, cancellationToken))];
}

/// <summary>One deployment as serving telemetry names it.</summary>
internal readonly record struct DeploymentKey(string Model, string Version, string Service, string Environment);

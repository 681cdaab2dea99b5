using System.Globalization;
using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Production.Increments;
using Otel.Collector.Query;
using Otel.Tracking;
using Otel.Tracking.Query.Production;

namespace Otel.Collector.Production.Drift;

/// <summary>Runs <see cref="DriftSql"/> over a window, for the API (one version) and the drift job (a model's versions that served).</summary>
internal sealed class DriftQueries(IClickHouseStore store)
{
    private const string DistributionMetrics =
        $"'{MlSemanticConventions.ServingFeature}', '{MlSemanticConventions.ServingFeatureCategory}', " +
        $"'{MlSemanticConventions.ServingPrediction}', '{MlSemanticConventions.ServingPredictionCategory}'";

    /// <summary>Drift of every distribution of every version of <paramref name="model"/> with serving telemetry in the window ending at <paramref name="to"/>, reading the increments as far as <paramref name="progress"/> (read once for a run over many models) stored them.</summary>
    public Task<IReadOnlyList<DriftResult>> ModelAsync(
        string model, ServingWindow window, DateTimeOffset to, DriftThresholds thresholds, IncrementsProgress progress, CancellationToken cancellationToken) =>
        RunAsync(DriftScope.Model, Parameters(progress, window, to, thresholds).Add("model", model), window, to, cancellationToken);

    /// <summary>What the serving-increments job has stored so far: the drift job reads it once per run.</summary>
    public Task<IncrementsProgress> ProgressAsync(CancellationToken cancellationToken) => IncrementsProgress.ReadAsync(store, cancellationToken);

    /// <summary>
    /// The models with serving distributions in the window, by name: the job's work list. Only names are read here, from
    /// the per-minute rows; counts always go through the increments (<see cref="ServingIncrementsSql.Window"/>).
    /// </summary>
    public async Task<IReadOnlyList<string>> ServingModelsAsync(ServingWindow window, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT DISTINCT ModelName FROM ml_serving_minutes
            WHERE MetricName IN ({DistributionMetrics}) AND ModelName != ''
              AND Minute >= toDateTime({"{window_from:DateTime}"}, 'UTC') AND Minute < toDateTime({"{window_to:DateTime}"}, 'UTC')
            ORDER BY ModelName
            """;
        var output = await store.QueryAsync(sql, "JSONEachRow", new QueryParameters().AddWindow(to - window.Length, to), cancellationToken);
        return JsonRows.Parse(output).Select(row => row.String("ModelName")).ToList();
    }

    /// <summary>Drift of one version's distributions; empty when the version had no serving telemetry in the window.</summary>
    public async Task<IReadOnlyList<DriftResult>> VersionAsync(
        string model, long version, ServingWindow window, DateTimeOffset to, DriftThresholds thresholds, CancellationToken cancellationToken)
    {
        var parameters = Parameters(await ProgressAsync(cancellationToken), window, to, thresholds).Add("model", model).Add("version", version);
        return await RunAsync(DriftScope.Version, parameters, window, to, cancellationToken);
    }

    /// <summary>
    /// The version of <paramref name="model"/> that served the most predictions in the window (each prediction records
    /// every feature once, so a version's predictions are its largest count of any one distribution), or null when none
    /// served. Versions that are not registered version numbers are left out.
    /// </summary>
    public async Task<(long Version, long Predictions)?> BusiestVersionAsync(string model, ServingWindow window, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT Version, max(N) AS Predictions
            FROM (SELECT toUInt64OrZero(ModelVersion) AS Version, MetricName, Feature, sum(Increase) AS N
                  FROM ({ServingIncrementsSql.Window($"MetricName IN ({DistributionMetrics}) AND ModelName = {{model:String}}")})
                  GROUP BY Version, MetricName, Feature)
            WHERE Version > 0
            GROUP BY Version HAVING Predictions > 0
            ORDER BY Predictions DESC, Version DESC LIMIT 1
            """;
        var parameters = new QueryParameters().AddIncrementsWindow(await ProgressAsync(cancellationToken), to - window.Length, to).Add("model", model);
        var rows = JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, cancellationToken)).ToList();
        return rows.Count == 0 ? null : (rows[0].Int64("Version"), rows[0].Int64("Predictions"));
    }

    private static QueryParameters Parameters(IncrementsProgress progress, ServingWindow window, DateTimeOffset to, DriftThresholds thresholds) => new QueryParameters()
        .AddIncrementsWindow(progress, to - window.Length, to)
        .Add("epsilon", DriftStatus.Epsilon)
        .Add("min_count", thresholds.MinCount)
        .Add("warn_psi", thresholds.WarnPsi)
        .Add("drift_psi", thresholds.DriftPsi);

    private async Task<IReadOnlyList<DriftResult>> RunAsync(
        DriftScope scope, QueryParameters parameters, ServingWindow window, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var output = await store.QueryAsync(DriftSql.Query(scope), "JSONEachRow", parameters, cancellationToken);
        return JsonRows.Parse(output).Select(row => Read(row, window, to)).ToList();
    }

    private static DriftResult Read(JsonElement row, ServingWindow window, DateTimeOffset to)
    {
        var otherBounds = row.Int64("OtherBoundsCount");
        var wrongType = row.Int64("WrongTypeCount");
        return DriftResultRows.Read(row, window.Name, to - window.Length, to, otherBounds + wrongType,
            Note(otherBounds, row.GetProperty("OtherBounds"), wrongType, row.String("Type")));
    }

    private static string Note(long otherBounds, JsonElement bounds, long wrongType, string type)
    {
        var notes = new List<string>();
        if (otherBounds > 0)
        {
            var seen = string.Join(" and ", bounds.EnumerateArray().Select(b => "[" + string.Join(", ", b.EnumerateArray().Select(Bound)) + "]"));
            notes.Add($"{otherBounds} measurements were binned on other bounds ({seen}) than the baseline's and are left out: " +
                "is a service binning against another version's baseline? Bin against GET /api/models/NAME/versions/V/baseline");
        }

        if (wrongType > 0)
        {
            var sent = type == MlSemanticConventions.BaselineTypes.Numeric ? "category counts" : "a histogram";
            notes.Add($"{wrongType} measurements came as {sent} while the baseline is {type}, and are left out");
        }

        return string.Join("; ", notes);
    }

    private static string Bound(JsonElement bound) => bound.ValueKind == JsonValueKind.Number
        ? bound.GetDouble().ToString("R", CultureInfo.InvariantCulture)
        : bound.GetString() ?? "";
}

using Otel.Collector.Production.Increments;
using Otel.Tracking;

namespace Otel.Collector.Production.Drift;

/// <summary>
/// Drift of every feature and prediction output of a model's versions that served in a window, against each version's
/// baseline, all in ClickHouse: the baseline's bins come from <c>ml_model_versions.Baseline</c> (ModelBaseline JSON,
/// parsed with JSONExtract), the production counts per bin from the stored increments (<see cref="ServingIncrementsSql.Window"/>), and PSI,
/// Jensen–Shannon and KS are array arithmetic over the two. docs/drift.md explains each choice.
/// </summary>
/// <remarks>
/// Parameters: the window (<see cref="ServingIncrementsSql.AddIncrementsWindow"/>), <c>{epsilon:Float64}</c>,
/// <c>{min_count:UInt64}</c>, <c>{warn_psi:Float64}</c>, <c>{drift_psi:Float64}</c>, <c>{model:String}</c>, and for one
/// version <c>{version:UInt64}</c>. One row per baseline distribution of each version that has
/// production measurements in the window; a feature of such a version without any has Count 0 and NULL metrics.
/// </remarks>
internal static class DriftSql
{
    private const string Histograms = $"'{MlSemanticConventions.ServingFeature}', '{MlSemanticConventions.ServingPrediction}'";
    private const string Counters = $"'{MlSemanticConventions.ServingFeatureCategory}', '{MlSemanticConventions.ServingPredictionCategory}'";
    private const string FeatureMetrics = $"'{MlSemanticConventions.ServingFeature}', '{MlSemanticConventions.ServingFeatureCategory}'";
    private const string Numeric = $"'{MlSemanticConventions.BaselineTypes.Numeric}'";
    private const string Categorical = $"'{MlSemanticConventions.BaselineTypes.Categorical}'";

    public static string Query(DriftScope scope)
    {
        var serving = $"MetricName IN ({Histograms}, {Counters})" + scope switch
        {
            DriftScope.Model => " AND ModelName = {model:String}",
            DriftScope.Version => " AND ModelName = {model:String} AND ModelVersion = toString({version:UInt64})",
            _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
        };
        var versions = scope switch
        {
            DriftScope.Model => "WHERE Name = {model:String}",
            DriftScope.Version => "WHERE Name = {model:String} AND Version = {version:UInt64}",
            _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
        };
        return $$"""
            SELECT ModelName, ModelVersion, Feature, Kind, Type, Count, BaselineCount, OtherBoundsCount, OtherBounds, WrongTypeCount,
                   if(Count = 0, NULL, Psi) AS Psi, if(Count = 0, NULL, Js) AS Js, if(Count = 0, NULL, Ks) AS Ks,
                   multiIf(Count < {min_count:UInt64} OR BaselineCount = 0, 'insufficient_data',
                           Psi >= {drift_psi:Float64}, 'drift', Psi >= {warn_psi:Float64}, 'warn', 'ok') AS Status
            FROM (
                SELECT *,
                       arraySum(Observed) AS Count,
                       arraySum(Expected) AS BaselineCount,
                       arrayMap(x -> x / greatest(BaselineCount, 1), Expected) AS P,
                       arrayMap(x -> x / greatest(Count, 1), Observed) AS Q,
                       -- Empty bins: every proportion floored at epsilon, so a bin empty on one side gives a large, finite term.
                       arraySum((p, q) -> (greatest(q, {epsilon:Float64}) - greatest(p, {epsilon:Float64}))
                                          * ln(greatest(q, {epsilon:Float64}) / greatest(p, {epsilon:Float64})), P, Q) AS Psi,
                       -- Base 2, so in [0, 1]; 0·log 0 = 0 needs no epsilon. The distance is the root of the divergence.
                       sqrt(greatest(0, arraySum((p, q) -> (if(p > 0, p * log2(2 * p / (p + q)), 0) + if(q > 0, q * log2(2 * q / (p + q)), 0)) / 2, P, Q))) AS Js,
                       -- Numeric: the largest gap between the two CDFs at the bin edges. Categories have no order: total variation.
                       if(Type = {{Numeric}}, arrayMax(arrayMap((a, c) -> abs(a - c), arrayCumSum(P), arrayCumSum(Q))),
                          arraySum((p, q) -> abs(p - q), P, Q) / 2) AS Ks,
                       sum(Count + OtherBoundsCount + WrongTypeCount) OVER (PARTITION BY ModelName, ModelVersion) AS VersionMeasurements
                FROM (
                    SELECT ModelName, ModelVersion, Feature, Kind, Type,
                           any(BaselineBins) AS Expected,
                           arrayResize(sumForEachIf(Slots, Fits), length(any(BaselineBins)), toUInt64(0)) AS Observed,
                           sumIf(N, OnOtherBounds) AS OtherBoundsCount,
                           groupUniqArrayIf(ProductionBounds, OnOtherBounds) AS OtherBounds,
                           sumIf(N, IsWrongType) AS WrongTypeCount
                    FROM (
                        SELECT b.ModelName AS ModelName, b.ModelVersion AS ModelVersion, b.Feature AS Feature, b.Kind AS Kind, b.Type AS Type,
                               b.Expected AS BaselineBins, p.N AS N, p.BucketBounds AS ProductionBounds,
                               b.Type = {{Numeric}} AND NOT p.IsCounter AND p.BucketBounds = b.BaseBounds AS SameBins,
                               N > 0 AND (SameBins OR (b.Type = {{Categorical}} AND p.IsCounter)) AS Fits,
                               N > 0 AND b.Type = {{Numeric}} AND NOT p.IsCounter AND NOT SameBins AS OnOtherBounds,
                               N > 0 AND (b.Type = {{Numeric}}) = p.IsCounter AS IsWrongType,
                               -- This row's counts on the baseline's bins: a histogram on the same bounds as it is, a category in
                               -- its slot (anything outside the baseline's categories, __other__ included, in the last one).
                               if(SameBins, p.Buckets,
                                  arrayMap(i -> if(i = if(indexOf(b.Categories, p.Category) > 0, indexOf(b.Categories, p.Category), length(b.Expected)), N, toUInt64(0)),
                                           range(1, length(b.Expected) + 1))) AS Slots
                        FROM (
                            SELECT Name AS ModelName, Version AS ModelVersion,
                                   JSONExtractString(D, 'name') AS Feature, JSONExtractString(D, 'kind') AS Kind, JSONExtractString(D, 'type') AS Type,
                                   JSONExtract(D, 'bounds', 'Array(Float64)') AS BaseBounds,
                                   JSONExtract(D, 'categories', 'Array(String)') AS Categories,
                                   JSONExtract(D, 'counts', 'Array(UInt64)') AS Expected
                            FROM (SELECT Name, Version, argMax(Baseline, UpdatedAt) AS Json FROM ml_model_versions {{versions}}
                                  GROUP BY Name, Version HAVING Json != '')
                            ARRAY JOIN JSONExtractArrayRaw(Json, 'distributions') AS D
                        ) AS b
                        LEFT JOIN (
                            -- Production per shape of series: histogram buckets by bounds, counter totals by category.
                            SELECT ModelName, toUInt64OrZero(ModelVersion) AS Version, Feature,
                                   if(MetricName IN ({{FeatureMetrics}}), 'feature', 'prediction') AS Kind,
                                   MetricName IN ({{Counters}}) AS IsCounter, CAST(Bounds, 'Array(Float64)') AS BucketBounds, Category,
                                   sumForEach(Increases) AS Buckets, sum(Increase) AS N
                            FROM ({{ServingIncrementsSql.Window(serving)}})
                            GROUP BY ModelName, Version, Feature, Kind, IsCounter, BucketBounds, Category
                        ) AS p ON p.ModelName = b.ModelName AND p.Version = b.ModelVersion AND p.Feature = b.Feature AND p.Kind = b.Kind
                    )
                    GROUP BY ModelName, ModelVersion, Feature, Kind, Type
                )
            )
            WHERE VersionMeasurements > 0
            ORDER BY ModelName, ModelVersion, Kind, Feature
            SETTINGS output_format_json_quote_denormals = 1
            """;
    }
}

/// <summary>Which versions <see cref="DriftSql.Query"/> covers.</summary>
internal enum DriftScope
{
    /// <summary>Every version of <c>{model:String}</c> with serving telemetry in the window (the drift job, a model at a time).</summary>
    Model,

    /// <summary>Version <c>{version:UInt64}</c> of <c>{model:String}</c> (the API).</summary>
    Version,
}

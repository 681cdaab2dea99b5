using System.Globalization;
using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Production.Drift;
using Otel.Collector.Query;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Production;

namespace Otel.Collector.Production.Status;

/// <summary>
/// A version's drift as the drift job last wrote it to <c>ml_drift</c> (migration 0016), the rows dashboards and alert
/// rules read: every feature and prediction of the newest end of the job's shortest window, so that a feature that
/// stopped arriving does not show a stale status. Worst first.
/// </summary>
internal sealed class LatestDrift(IClickHouseStore store, DriftOptions options)
{
    private const string Sql = """
        WITH (SELECT max(WindowEnd) FROM ml_drift
              WHERE ModelName = {model:String} AND ModelVersion = {version:UInt64} AND Window = {window:String}
                AND WindowEnd <= toDateTime({at:Int64}, 'UTC')) AS Latest
        SELECT ModelName, ModelVersion, Feature, Kind, Type, Window, toUnixTimestamp(WindowEnd) AS EndSeconds, WindowSeconds,
               Psi, Js, Ks, Count, BaselineCount, MismatchedCount, Status
        FROM ml_drift FINAL
        WHERE ModelName = {model:String} AND ModelVersion = {version:UInt64} AND Window = {window:String} AND WindowEnd = Latest
        SETTINGS output_format_json_quote_denormals = 1
        """;

    /// <summary>
    /// The job's shortest window (15 minutes by default), recomputed every minute: the freshest reading of "now", and the
    /// one drift alert rules fire on.
    /// </summary>
    public ServingWindow Window => options.Windows.Select(w => w.Window).MinBy(w => w.Length) ?? ServingWindow.FifteenMinutes;

    /// <summary>The drift of <paramref name="version"/> in the newest <see cref="Window"/> ending at or before <paramref name="at"/>, worst first.</summary>
    public async Task<IReadOnlyList<DriftResult>> GetAsync(string model, long version, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var parameters = new QueryParameters()
            .Add("model", model).Add("version", version).Add("window", Window.Name).Add("at", at.ToUnixTimeSeconds());
        return [.. JsonRows.Parse(await store.QueryAsync(Sql, "JSONEachRow", parameters, cancellationToken)).Select(Read)
            .OrderBy(r => Severity(r.Status)).ThenByDescending(r => r.Psi ?? -1).ThenBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Feature, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Versions A and B side by side (<c>slo compare</c>): each feature and prediction either has in its latest
    /// <see cref="Window"/> ending at or before <paramref name="at"/>, by kind and name. Versions that are not version
    /// numbers have no drift.
    /// </summary>
    public async Task<IReadOnlyList<DriftVersionComparison>> CompareAsync(string model, string versionA, string versionB, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var a = await SidesAsync(model, versionA, at, cancellationToken);
        var b = await SidesAsync(model, versionB, at, cancellationToken);
        return [.. a.Keys.Union(b.Keys).OrderBy(k => k.Kind, StringComparer.Ordinal).ThenBy(k => k.Feature, StringComparer.Ordinal).Select(key => new DriftVersionComparison(key.Feature, key.Kind, a.GetValueOrDefault(key), b.GetValueOrDefault(key)))];
    }

    private async Task<Dictionary<(string Kind, string Feature), DriftSide>> SidesAsync(string model, string version, DateTimeOffset at, CancellationToken cancellationToken) =>
        long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? (await GetAsync(model, number, at, cancellationToken)).ToDictionary(r => (r.Kind, r.Feature), r => new DriftSide(r.Psi, r.Status))
            : [];

    private static DriftResult Read(JsonElement row)
    {
        var end = DateTimeOffset.FromUnixTimeSeconds(row.Int64("EndSeconds"));
        return DriftResultRows.Read(row, row.String("Window"), end.AddSeconds(-row.Int64("WindowSeconds")), end, row.Int64("MismatchedCount"));
    }

    /// <summary>Drift, warn, insufficient data, ok: the order a reader acts in.</summary>
    private static int Severity(string status) => status switch
    {
        DriftStatus.Drift => 0,
        DriftStatus.Warn => 1,
        DriftStatus.InsufficientData => 2,
        _ => 3,
    };
}

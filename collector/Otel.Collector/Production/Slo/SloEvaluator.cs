using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query;
using Otel.Tracking.Query;

namespace Otel.Collector.Production.Slo;

/// <summary>
/// Computes an SLO's status in ClickHouse (<see cref="SloSql"/>): from the <c>http.server.request.duration</c>
/// histogram when the SLO's requests have one in its window, else from server spans, else none (no traffic).
/// </summary>
internal sealed class SloEvaluator(IClickHouseStore store)
{
    public const string FromMetric = "metric";
    public const string FromSpans = "spans";
    public const string NoData = "none";

    /// <summary>The status of <paramref name="slo"/> at <paramref name="now"/>, over every version or one.</summary>
    public async Task<SloStatus> EvaluateAsync(SloDefinition slo, DateTimeOffset now, string? version, CancellationToken ct)
    {
        var parameters = SloSql.Parameters(slo, version, now);
        var row = await QueryAsync(SloSql.FromMetrics(slo, version), parameters, ct);
        var source = FromMetric;
        if (row.Int64("Events") == 0)
        {
            var spans = await QueryAsync(SloSql.FromSpans(slo, version), parameters, ct);
            (row, source) = spans.Int64("Events") > 0 ? (spans, FromSpans) : (row, NoData);
        }

        var burn = SloSql.Windows.Select(w => row.Double(w.Column)).ToArray();
        return new SloStatus(
            slo.Name,
            slo.Model,
            slo.Objective,
            row.GetProperty("Sli").ValueKind == JsonValueKind.Null ? null : row.Double("Sli"),
            row.Double("ErrorBudgetRemaining"),
            new SloBurnRates(burn[0], burn[1], burn[2], burn[3], burn[4], burn[5], burn[6]),
            row.String("Alert"),
            slo.Kind.Name(),
            slo.Service,
            slo.Route,
            version,
            slo.Threshold,
            slo.Window,
            source,
            row.Int64("Events"),
            now,
            Message(slo, version, source, row));
    }

    private async Task<JsonElement> QueryAsync(string sql, QueryParameters parameters, CancellationToken ct) =>
        JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, ct)).Single();

    /// <summary>What the reader must know: no traffic, or a threshold that is not a bucket bound (with the bounds).</summary>
    private static string? Message(SloDefinition slo, string? version, string source, JsonElement row)
    {
        if (source == NoData)
        {
            var who = string.Join(", ", new[]
            {
                slo.Model is null ? null : "model " + slo.Model,
                version is null ? null : "version " + version,
                slo.Service is null ? null : "service " + slo.Service,
                slo.Route is null ? null : "route " + slo.Route,
            }.Where(part => part is not null));
            return $"no requests in the last {slo.Window} for {who}: neither an http.server.request.duration histogram nor server spans";
        }

        var missing = row.GetProperty("MissingBounds").EnumerateArray()
            .Select(bounds => bounds.EnumerateArray().Select(b => b.ValueKind == JsonValueKind.Number ? b.GetDouble() : double.NaN).ToList())
            .ToList();
        if (slo.Threshold is not { } threshold || missing.Count == 0)
        {
            return null;
        }

        var bounds = missing[0];
        var below = bounds.Where(b => b < threshold).DefaultIfEmpty().Max();
        var counted = below > 0 ? $"requests are counted as within it up to {SloFileParser.Format(below)} s, the highest bound below it"
            : "no bound lies below it, so every request counts as slow";
        return $"threshold {SloFileParser.Format(threshold)} s is not a bucket bound; bounds are {string.Join(", ", bounds.Select(SloFileParser.Format))}: "
            + $"{counted}. Make the threshold one of the bounds, or export the histogram with that bound";
    }
}

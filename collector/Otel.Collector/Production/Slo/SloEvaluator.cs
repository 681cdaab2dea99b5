using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Collector.Production.Increments;
using Otel.Collector.Query;
using Otel.Tracking.Query;

namespace Otel.Collector.Production.Slo;

/// <summary>
/// Computes SLO statuses in ClickHouse (<see cref="SloSql"/>): every SLO of a list from the
/// <c>http.server.request.duration</c> histogram in one query; an SLO whose requests have no histogram in its window
/// from server spans (a query each), else none (no traffic).
/// </summary>
internal sealed class SloEvaluator(IClickHouseStore store)
{
    public const string FromMetric = "metric";
    public const string FromSpans = "spans";
    public const string NoData = "none";

    /// <summary>The status of each of <paramref name="slos"/> at <paramref name="now"/>, in their order, over every version or one.</summary>
    public async Task<IReadOnlyList<SloStatus>> EvaluateAsync(IReadOnlyList<SloDefinition> slos, DateTimeOffset now, string? version, CancellationToken ct)
    {
        if (slos.Count == 0)
        {
            return [];
        }

        var parameters = SloSql.Parameters(slos, version, now, await IncrementsProgress.ReadAsync(store, ct));
        var fromMetrics = (await QueryAsync(SloSql.FromMetrics, parameters, ct)).ToDictionary(row => row.Int64("Slo"));
        var statuses = new List<SloStatus>(slos.Count);
        for (var i = 0; i < slos.Count; i++)
        {
            JsonElement? row = fromMetrics.TryGetValue(i + 1, out var metrics) && metrics.Int64("Events") > 0 ? metrics : null;
            var source = FromMetric;
            if (row is null)
            {
                row = (await QueryAsync(SloSql.FromSpans, parameters.Add("slo", i + 1), ct)).Where(spans => spans.Int64("Events") > 0).Cast<JsonElement?>().SingleOrDefault();
                source = row is null ? NoData : FromSpans;
            }

            statuses.Add(Status(slos[i], now, version, source, row));
        }

        return statuses;
    }

    private static SloStatus Status(SloDefinition slo, DateTimeOffset now, string? version, string source, JsonElement? found)
    {
        // No traffic: no SLI, the whole budget left, nothing burning.
        var burn = found is { } row ? SloSql.Windows.Select(w => row.Double(w.Column)).ToArray() : new double[SloSql.Windows.Count];
        return new SloStatus(
            slo.Name,
            slo.Model,
            slo.Objective,
            found is { } sli && sli.GetProperty("Sli").ValueKind != JsonValueKind.Null ? sli.Double("Sli") : null,
            found?.Double("ErrorBudgetRemaining") ?? 1,
            new SloBurnRates(burn[0], burn[1], burn[2], burn[3], burn[4], burn[5], burn[6]),
            found?.String("Alert") ?? "none",
            slo.Kind.Name(),
            slo.Service,
            slo.Route,
            version,
            slo.Threshold,
            slo.Window,
            source,
            found?.Int64("Events") ?? 0,
            now,
            Message(slo, version, source, found));
    }

    private async Task<IReadOnlyList<JsonElement>> QueryAsync(string sql, QueryParameters parameters, CancellationToken ct) =>
        JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, ct)).ToList();

    /// <summary>What the reader must know: no traffic, or a threshold that is not a bucket bound (with the bounds).</summary>
    private static string? Message(SloDefinition slo, string? version, string source, JsonElement? found)
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

        if (found is not { } row || slo.Threshold is not { } threshold)
        {
            return null;
        }

        var missing = row.GetProperty("MissingBounds").EnumerateArray()
            .Select(bounds => bounds.EnumerateArray().Select(b => b.ValueKind == JsonValueKind.Number ? b.GetDouble() : double.NaN).ToList())
            .ToList();
        if (missing.Count == 0)
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

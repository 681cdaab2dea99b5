using System.Globalization;
using System.Text.Json;
using Otel.Collector.ClickHouse;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Query;

/// <summary>The training baselines a run logged (<c>ml_run_baselines</c>): the latest of each kind and name.</summary>
internal sealed class RunBaselineQueries(IClickHouseStore store)
{
    /// <summary>The run's baselines, features first then predictions, by name; empty when it logged none.</summary>
    public async Task<List<BaselineDistribution>> ForRunAsync(string runId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT Kind, Name, Type, Bounds, Categories, Counts, DatasetDigest
            FROM ml_run_baselines FINAL
            WHERE RunId = {run:String}
            ORDER BY Kind, Name
            """;
        var rows = JsonRows.Parse(await store.QueryAsync(Sql, "JSONEachRow", new QueryParameters().Add("run", runId), cancellationToken));
        return [.. rows.Select(Read)];
    }

    private static BaselineDistribution Read(JsonElement row) => new()
    {
        Name = row.String("Name"),
        Kind = row.String("Kind"),
        Type = row.String("Type"),
        Bounds = [.. row.GetProperty("Bounds").EnumerateArray().Select(b => b.GetDouble())],
        Categories = [.. row.GetProperty("Categories").EnumerateArray().Select(c => c.GetString() ?? "")],
        // Int64 arrives as a number, or quoted with output_format_json_quote_64bit_integers.
        Counts = [.. row.GetProperty("Counts").EnumerateArray().Select(c =>
            c.ValueKind == JsonValueKind.String ? long.Parse(c.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture) : c.GetInt64())],
        DatasetDigest = row.String("DatasetDigest"),
    };
}

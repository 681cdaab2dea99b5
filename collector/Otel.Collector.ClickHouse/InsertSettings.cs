namespace Otel.Collector.ClickHouse;

/// <summary>
/// Settings an INSERT carries: its deduplication token, views filled in parallel, and for Native blocks the conversion of the types the
/// block names (the collector sends strings as <c>String</c> for <c>LowCardinality(String)</c> columns). Asking
/// for the conversion explicitly makes a server too old to convert refuse the setting, which the collector
/// treats as an outage and retries, rather than refuse the rows as a type mismatch, which it would set aside.
/// </summary>
internal static class InsertSettings
{
    private const string NativeFormat = "Native";

    public static IReadOnlyDictionary<string, string> For(string format, string? deduplicationToken)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (deduplicationToken is not null)
        {
            settings["insert_deduplication_token"] = DeduplicationToken.Require(deduplicationToken);
        }

        if (string.Equals(format, NativeFormat, StringComparison.OrdinalIgnoreCase))
        {
            settings["input_format_native_allow_types_conversion"] = "1";
        }

        // The materialized views of a table (ml_metrics feeds the summary and the rollup) are filled side by side
        // instead of one after the other: bench ingest batched, 3 pairs, 1.07–1.24x points/s for the collector and about
        // 1.2x for its raw insert (docs/benchmarks.md, "Issue 8, before and after").
        settings["parallel_view_processing"] = "1";

        return settings;
    }

    /// <summary>The SETTINGS clause of an INSERT statement, or empty. Values are plain (checked tokens and digits).</summary>
    public static string Clause(string format, string? deduplicationToken)
    {
        var settings = For(format, deduplicationToken);
        return settings.Count == 0
            ? string.Empty
            : " SETTINGS " + string.Join(", ", settings.Select(s => $"{s.Key} = '{s.Value}'"));
    }
}

namespace Otel.Collector.ClickHouse;

/// <summary>
/// Settings an INSERT carries: its deduplication token, views filled in parallel, and for Native blocks the conversion of the types the
/// block names (the collector sends strings as <c>String</c> for <c>LowCardinality(String)</c> columns). Asking
/// for the conversion explicitly makes a server too old to convert refuse the setting, which the collector
/// treats as an outage and retries, rather than refuse the rows as a type mismatch, which it would set aside.
/// </summary>
internal static class InsertSettings
{
    /// <summary>
    /// Set to 0, inserts leave skip indexes to merges. The small parts of a busy collector are scanned whole anyway,
    /// and each skip index costs two more files per part: <c>otel_traces</c> has six, so half of its 25 files. On a
    /// file system where a new file is dear (ext4 without a journal: about 1.2 ms of kernel time each) deferring them
    /// gave 1.06–1.17x points/s and less collector CPU under <c>bench ingest --form batched</c> (docs/benchmarks.md,
    /// "Skip indexes built by merges"). ClickHouse builds the indexes when it merges the parts.
    /// Servers before the setting existed refuse it, so a server store sends it only when the server has it.
    /// </summary>
    public const string DeferSkipIndexes = "materialize_skip_indexes_on_insert";

    private const string NativeFormat = "Native";

    /// <summary>The settings of an insert; <paramref name="deferSkipIndexes"/> adds <see cref="DeferSkipIndexes"/> = 0.</summary>
    public static IReadOnlyDictionary<string, string> For(string format, string? deduplicationToken, bool deferSkipIndexes)
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

        if (deferSkipIndexes)
        {
            settings[DeferSkipIndexes] = "0";
        }

        return settings;
    }

    /// <summary>The SETTINGS clause of an INSERT statement, or empty. Values are plain (checked tokens and digits).</summary>
    public static string Clause(string format, string? deduplicationToken, bool deferSkipIndexes)
    {
        var settings = For(format, deduplicationToken, deferSkipIndexes);
        return settings.Count == 0
            ? string.Empty
            : " SETTINGS " + string.Join(", ", settings.Select(s => $"{s.Key} = '{s.Value}'"));
    }
}

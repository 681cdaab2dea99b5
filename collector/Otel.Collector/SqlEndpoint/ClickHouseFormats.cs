namespace Otel.Collector.SqlEndpoint;

/// <summary>The Content-Type ClickHouse's HTTP interface sends with each output format.</summary>
internal static class ClickHouseFormats
{
    /// <summary>ClickHouse's HTTP default when neither the query nor <c>default_format</c> names one.</summary>
    public const string Default = "TabSeparated";

    public static string ContentType(string format) => format switch
    {
        _ when format.StartsWith("JSON", StringComparison.OrdinalIgnoreCase) && !format.Equals("JSONAsString", StringComparison.OrdinalIgnoreCase)
            => "application/json; charset=UTF-8",
        _ when format.StartsWith("TabSeparated", StringComparison.OrdinalIgnoreCase) || format.StartsWith("TSV", StringComparison.OrdinalIgnoreCase)
            => "text/tab-separated-values; charset=UTF-8",
        _ when format.StartsWith("CSV", StringComparison.OrdinalIgnoreCase) => "text/csv; charset=UTF-8; header=absent",
        _ when IsBinary(format) => "application/octet-stream",
        _ => "text/plain; charset=UTF-8",
    };

    private static bool IsBinary(string format) =>
        format.StartsWith("RowBinary", StringComparison.OrdinalIgnoreCase)
        || format is "Native" or "Parquet" or "Arrow" or "ArrowStream" or "ORC" or "Avro" or "MsgPack" or "Protobuf" or "BSONEachRow" or "CapnProto" or "Npy";
}

namespace Otel.Collector.ClickHouse;

/// <summary>Which ClickHouse input formats are binary (as opposed to text that may travel inside a statement).</summary>
internal static class InsertFormats
{
    private static readonly string[] BinaryPrefixes =
    [
        "RowBinary", "Native", "Parquet", "Arrow", "ORC", "Avro", "Protobuf", "MsgPack", "BSONEachRow", "CapnProto", "Npy",
    ];

    public static bool IsBinary(string format) =>
        BinaryPrefixes.Any(prefix => format.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}

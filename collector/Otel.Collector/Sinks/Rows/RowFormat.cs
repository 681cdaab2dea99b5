namespace Otel.Collector.Sinks.Rows;

/// <summary>How the rows of one table part are encoded. The spool keeps it with each part, so records written by an earlier version still insert.</summary>
internal enum RowFormat
{
    /// <summary>One JSON object per line; ClickHouse matches columns by name and defaults the rest.</summary>
    JsonEachRow,

    /// <summary>A ClickHouse Native block (<see cref="NativeBlockWriter"/>); blocks concatenate into one insert.</summary>
    Native,
}

internal static class RowFormats
{
    /// <summary>The ClickHouse format an insert of these rows names.</summary>
    public static string InsertFormat(this RowFormat format) => format switch
    {
        RowFormat.JsonEachRow => "JSONEachRow",
        RowFormat.Native => "Native",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}

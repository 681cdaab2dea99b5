using System.Collections.Frozen;
using Otel.Collector.ClickHouse;

namespace Otel.Collector.Pipeline;

/// <summary>
/// Which failed inserts are the rows' fault, decided on ClickHouse's error code (src/Common/ErrorCodes.cpp), never on
/// message text. Anything else (a full disk, too many parts, a missing table, the network, an error without a code)
/// is an outage: the group stays spooled and is retried until it goes in.
/// </summary>
internal static class InsertErrorCodes
{
    /// <summary>Codes that say the rows themselves can never be inserted, by name.</summary>
    public static FrozenDictionary<int, string> DataErrors { get; } = new Dictionary<int, string>
    {
        [6] = "CANNOT_PARSE_TEXT",
        [7] = "INCORRECT_NUMBER_OF_COLUMNS",
        [25] = "CANNOT_PARSE_ESCAPE_SEQUENCE",
        [26] = "CANNOT_PARSE_QUOTED_STRING",
        [27] = "CANNOT_PARSE_INPUT_ASSERTION_FAILED",
        [38] = "CANNOT_PARSE_DATE",
        [41] = "CANNOT_PARSE_DATETIME",
        [43] = "ILLEGAL_TYPE_OF_ARGUMENT",
        [53] = "TYPE_MISMATCH",
        [72] = "CANNOT_PARSE_NUMBER",
        [117] = "INCORRECT_DATA",
        [130] = "CANNOT_READ_ARRAY_FROM_TEXT",
        [321] = "VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE",
        [349] = "CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN",
        [376] = "CANNOT_PARSE_UUID",
        [441] = "CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING",
        [467] = "CANNOT_PARSE_BOOL",

        // A Native block that does not decode.
        [33] = "CANNOT_READ_ALL_DATA",
        [50] = "UNKNOWN_TYPE",
        [128] = "TOO_LARGE_ARRAY_SIZE",
        [131] = "TOO_LARGE_STRING_SIZE",
    }.ToFrozenDictionary();

    public static bool IsDataError(Exception exception) =>
        exception is ClickHouseException { Code: { } code } && DataErrors.ContainsKey(code);
}

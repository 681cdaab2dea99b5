namespace Otel.Collector.SqlEndpoint;

/// <summary>
/// A ClickHouse error as its HTTP interface reports it: the numeric code clients read from the body
/// (<c>Code: N. DB::Exception: …</c>) and the <c>X-ClickHouse-Exception-Code</c> header, its name, and the HTTP status
/// ClickHouse answers it with.
/// </summary>
internal sealed record ClickHouseError(int Code, string Name, int HttpStatus);

/// <summary>The errors this endpoint reports itself, with ClickHouse's codes, names and HTTP statuses.</summary>
internal static class ClickHouseErrors
{
    public static readonly ClickHouseError NotImplemented = new(48, "NOT_IMPLEMENTED", 501);
    public static readonly ClickHouseError SyntaxError = new(62, "SYNTAX_ERROR", 400);
    public static readonly ClickHouseError UnknownFormat = new(73, "UNKNOWN_FORMAT", 400);
    public static readonly ClickHouseError UnknownDatabase = new(81, "UNKNOWN_DATABASE", 404);
    public static readonly ClickHouseError BadArguments = new(36, "BAD_ARGUMENTS", 400);
    public static readonly ClickHouseError Readonly = new(164, "READONLY", 403);
    public static readonly ClickHouseError TooManySimultaneousQueries = new(202, "TOO_MANY_SIMULTANEOUS_QUERIES", 503);
    public static readonly ClickHouseError TooManyRowsOrBytes = new(396, "TOO_MANY_ROWS_OR_BYTES", 500);
    public static readonly ClickHouseError AccessDenied = new(497, "ACCESS_DENIED", 403);
    public static readonly ClickHouseError AuthenticationFailed = new(516, "AUTHENTICATION_FAILED", 401);

    /// <summary>ClickHouse's HTTP status for an error code reported by the engine itself (HTTPHandler's mapping, in short).</summary>
    public static int HttpStatusOf(int? code) => code switch
    {
        null => 500,
        27 or 6 or 38 or 41 or 62 or 69 or 72 or 36 or 42 or 43 or 44 or 47 or 53 or 115 or 130 or 184 or 215 => 400,
        60 or 81 or 46 or 73 => 404,
        164 or 497 => 403,
        516 or 192 or 193 or 194 => 401,
        _ => 500,
    };
}

/// <summary>A request this endpoint refuses itself, before or after asking ClickHouse, with the error to report.</summary>
internal sealed class SqlEndpointException(ClickHouseError error, string message) : Exception(message)
{
    public ClickHouseError Error { get; } = error;
}

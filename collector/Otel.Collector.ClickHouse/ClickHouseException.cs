namespace Otel.Collector.ClickHouse;

/// <summary>A query or insert that ClickHouse refused, with the engine's own message and, when it sent one, its error code.</summary>
public sealed class ClickHouseException : Exception
{
    public ClickHouseException() { }
    public ClickHouseException(string message) : base(message) { }
    public ClickHouseException(string message, Exception innerException) : base(message, innerException) { }

    internal ClickHouseException(string message, int? code, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>
    /// ClickHouse's numeric error code (<c>system.errors</c>, <c>errorCodeToName</c>), for example 27 for
    /// CANNOT_PARSE_INPUT_ASSERTION_FAILED; null when ClickHouse never answered (unreachable, no result).
    /// </summary>
    public int? Code { get; }
}

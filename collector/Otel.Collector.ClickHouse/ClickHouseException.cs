namespace Otel.Collector.ClickHouse;

/// <summary>A query or insert that ClickHouse refused, with the engine's own message.</summary>
public sealed class ClickHouseException : Exception
{
    public ClickHouseException() { }
    public ClickHouseException(string message) : base(message) { }
    public ClickHouseException(string message, Exception innerException) : base(message, innerException) { }
}

namespace Otel.Collector.ClickHouse.ChDb;

/// <summary>The embedded engine's library could not be found, fetched, verified or loaded. The message says what to do.</summary>
public sealed class ChDbUnavailableException : Exception
{
    public ChDbUnavailableException() { }
    public ChDbUnavailableException(string message) : base(message) { }
    public ChDbUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}

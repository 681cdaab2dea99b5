namespace Otel.Collector.ClickHouse.Migrations;

/// <summary>The schema could not be brought up to date; the message names the migration and what to do.</summary>
public sealed class MigrationException : Exception
{
    public MigrationException() { }
    public MigrationException(string message) : base(message) { }
    public MigrationException(string message, Exception innerException) : base(message, innerException) { }
}

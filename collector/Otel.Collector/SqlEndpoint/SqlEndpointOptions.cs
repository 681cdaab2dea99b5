namespace Otel.Collector.SqlEndpoint;

/// <summary>
/// The read-only ClickHouse-compatible HTTP endpoint (<c>serve --sql-port</c>, docs/grafana.md): off unless a port is
/// given. The limits bound every query; callers may lower them, never raise them.
/// </summary>
internal sealed class SqlEndpointOptions
{
    /// <summary>Port of the endpoint (<c>--sql-port</c>); 0 picks a free one. Default: null, no endpoint.</summary>
    public int? Port { get; set; }

    /// <summary>Longest a query may run (<c>--sql-max-execution-time</c>, ClickHouse's max_execution_time). Default 30 s; 1 s to 1 h.</summary>
    public TimeSpan MaxExecutionTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most rows a result may have (<c>--sql-max-result-rows</c>, max_result_rows). Default 1,000,000.</summary>
    public long MaxResultRows { get; set; } = 1_000_000;

    /// <summary>
    /// Most bytes a result may have, both as ClickHouse counts them (max_result_bytes) and as sent after formatting
    /// (<c>--sql-max-result-bytes</c>). Default 100 MiB; at least 1 KiB.
    /// </summary>
    public long MaxResultBytes { get; set; } = 100L << 20;

    /// <summary>
    /// Queries run at once (<c>--sql-max-concurrent-queries</c>); more are refused with TOO_MANY_SIMULTANEOUS_QUERIES.
    /// Default 2: the embedded engine has four connections, and ingest must keep some.
    /// </summary>
    public int MaxConcurrentQueries { get; set; } = 2;

    /// <summary>Longest query text accepted, after decompression. Default 1 MiB.</summary>
    public int MaxQueryBytes { get; set; } = 1 << 20;

    public bool Enabled => Port is not null;

    /// <summary>Every problem at once, each naming the flag to fix.</summary>
    public IReadOnlyList<string> Validate(int grpcPort, int httpPort)
    {
        var errors = new List<string>();
        if (Port is not { } port)
        {
            return errors;
        }

        if (port is < 0 or > 65535)
        {
            errors.Add($"--sql-port {port} is not a port number (0-65535; 0 picks a free port)");
        }
        else if (port != 0 && (port == grpcPort || port == httpPort))
        {
            errors.Add($"--sql-port {port} is also the gRPC or HTTP port: give the SQL endpoint a port of its own");
        }

        if (MaxExecutionTime < TimeSpan.FromSeconds(1) || MaxExecutionTime > TimeSpan.FromHours(1))
        {
            errors.Add($"--sql-max-execution-time {MaxExecutionTime.TotalSeconds:0.###} s is out of range: give seconds between 1 and 3600");
        }

        if (MaxResultRows < 1)
        {
            errors.Add($"--sql-max-result-rows {MaxResultRows} must be at least 1");
        }

        if (MaxResultBytes < 1024)
        {
            errors.Add($"--sql-max-result-bytes {MaxResultBytes} must be at least 1024");
        }

        if (MaxConcurrentQueries is < 1 or > 64)
        {
            errors.Add($"--sql-max-concurrent-queries {MaxConcurrentQueries} is out of range: give 1 to 64");
        }

        if (MaxQueryBytes < 1024)
        {
            errors.Add($"the SQL endpoint's longest query ({MaxQueryBytes} bytes) must be at least 1024 bytes");
        }

        return errors;
    }
}

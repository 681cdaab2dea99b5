using System.CommandLine;
using Otel.Collector.SqlEndpoint;

namespace Otel.Cli.Commands;

/// <summary>The serve flags of the read-only SQL endpoint for Grafana (docs/grafana.md); checked by the collector's validator.</summary>
internal sealed class SqlEndpointFlags
{
    private static readonly SqlEndpointOptions Defaults = new();

    private readonly Option<int?> _port = new("--sql-port") { Description = "Serve read-only ClickHouse SQL over HTTP on this port, for Grafana's ClickHouse plugin (protocol http; 0 picks a free port). Default: off" };
    private readonly Option<double> _maxExecutionTime = new("--sql-max-execution-time") { Description = "Seconds a SQL query may run (max_execution_time; callers may lower it)", DefaultValueFactory = _ => Defaults.MaxExecutionTime.TotalSeconds };
    private readonly Option<long> _maxResultRows = new("--sql-max-result-rows") { Description = "Rows a SQL result may have (max_result_rows)", DefaultValueFactory = _ => Defaults.MaxResultRows };
    private readonly Option<long> _maxResultBytes = new("--sql-max-result-bytes") { Description = "Bytes a SQL result may have, counted by ClickHouse and as sent", DefaultValueFactory = _ => Defaults.MaxResultBytes };
    private readonly Option<int> _maxConcurrentQueries = new("--sql-max-concurrent-queries") { Description = "SQL queries run at once; more are refused (TOO_MANY_SIMULTANEOUS_QUERIES)", DefaultValueFactory = _ => Defaults.MaxConcurrentQueries };

    public IEnumerable<Option> All => [_port, _maxExecutionTime, _maxResultRows, _maxResultBytes, _maxConcurrentQueries];

    public void Apply(ParseResult parse, SqlEndpointOptions options)
    {
        options.Port = parse.GetValue(_port);
        var seconds = parse.GetValue(_maxExecutionTime);
        options.MaxExecutionTime = double.IsFinite(seconds) && Math.Abs(seconds) < 1e6 ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
        options.MaxResultRows = parse.GetValue(_maxResultRows);
        options.MaxResultBytes = parse.GetValue(_maxResultBytes);
        options.MaxConcurrentQueries = parse.GetValue(_maxConcurrentQueries);
    }
}

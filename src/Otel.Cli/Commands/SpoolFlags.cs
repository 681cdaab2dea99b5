using System.CommandLine;
using Otel.Collector.Pipeline;

namespace Otel.Cli.Commands;

/// <summary>The serve flags of the write-ahead spool and of when requests are acknowledged (docs/durability.md).</summary>
internal sealed class SpoolFlags
{
    private readonly Option<string?> _spool = new("--spool") { Description = "Write-ahead spool directory (default DATA/spool)" };
    private readonly Option<long> _maxSpoolMb = new("--max-spool-mb") { Description = "MiB spooled but not yet stored before requests are pushed back", DefaultValueFactory = _ => 1024 };
    private readonly Option<string> _ack = new("--ack") { Description = "Acknowledge requests once 'stored' in ClickHouse, or once 'spooled' on disk (faster)", DefaultValueFactory = _ => "stored" };
    private readonly Option<int> _flushIntervalMs = new("--flush-interval-ms") { Description = "Longest time a row waits for its ClickHouse insert to fill", DefaultValueFactory = _ => 200 };

    public IEnumerable<Option> All => [_spool, _maxSpoolMb, _ack, _flushIntervalMs];

    /// <summary>Applies the flags; returns the usage errors.</summary>
    public IReadOnlyList<string> Apply(ParseResult parse, ExportPipelineOptions options)
    {
        var errors = new List<string>();
        options.SpoolDirectory = parse.GetValue(_spool) ?? string.Empty;
        var maxSpoolMb = parse.GetValue(_maxSpoolMb);
        if (maxSpoolMb < 1)
        {
            errors.Add($"--max-spool-mb {maxSpoolMb} must be at least 1");
        }

        options.MaxSpoolBytes = Math.Max(1, maxSpoolMb) * 1024 * 1024;
        switch (parse.GetValue(_ack))
        {
            case "stored":
                options.AcknowledgeWhenSpooled = false;
                break;
            case "spooled":
                options.AcknowledgeWhenSpooled = true;
                break;
            case var other:
                errors.Add($"--ack {other} is not one of: stored, spooled");
                break;
        }

        var flush = parse.GetValue(_flushIntervalMs);
        if (flush is < 1 or > 600_000)
        {
            errors.Add($"--flush-interval-ms {flush} must be between 1 and 600000");
        }

        options.FlushInterval = TimeSpan.FromMilliseconds(Math.Clamp(flush, 1, 600_000));
        return errors;
    }
}

using System.Net;

namespace Otel.Collector.Hosting;

/// <summary>Collects every configuration error at once, each naming the setting to fix.</summary>
internal static class CollectorOptionsValidator
{
    public static IReadOnlyList<string> Validate(CollectorOptions options)
    {
        var errors = new List<string>();
        if (options.Host != "localhost" && !IPAddress.TryParse(options.Host, out _))
        {
            errors.Add($"--host '{options.Host}' is not an IP address (or 'localhost')");
        }

        CheckPort(errors, "--grpc-port", options.GrpcPort);
        CheckPort(errors, "--http-port", options.HttpPort);
        if (options.GrpcPort != 0 && options.GrpcPort == options.HttpPort)
        {
            errors.Add($"--grpc-port and --http-port are both {options.GrpcPort}: they need different ports");
        }

        if (options.Lifecycle.PurgeGrace < TimeSpan.Zero)
        {
            errors.Add("--purge-after-days must be 0 or more days (how long a deleted run stays restorable)");
        }

        if (options.LostRuns.LostAfter <= TimeSpan.Zero)
        {
            errors.Add("--lost-after must be a positive number of seconds");
        }

        if (string.IsNullOrWhiteSpace(options.ClickHouseUrl) && string.IsNullOrWhiteSpace(options.DataPath))
        {
            errors.Add("--data must name a directory for the embedded ClickHouse");
        }

        if (options.Cluster is { } cluster)
        {
            if (string.IsNullOrWhiteSpace(options.ClickHouseUrl))
            {
                errors.Add($"--cluster {cluster} needs --clickhouse URL (a node of that cluster): the embedded ClickHouse is a single node");
            }

            if (!Otel.Collector.ClickHouse.SqlIdentifier.IsValid(cluster))
            {
                errors.Add($"--cluster '{cluster}' is not a cluster name (letters, digits and '_', not starting with a digit)");
            }
        }

        if (options.Pipeline.FlushInterval <= TimeSpan.Zero || options.Pipeline.MaxBatchRows < 1 || options.Pipeline.MaxPendingBytes < 1)
        {
            errors.Add("the export pipeline needs a positive flush interval, batch size and pending-bytes bound");
        }

        if (options.SelfMetricsInterval < TimeSpan.FromMilliseconds(100) || options.SelfMetricsInterval > TimeSpan.FromDays(1))
        {
            errors.Add($"--self-metrics-interval {options.SelfMetricsInterval.TotalSeconds:0.###} s is out of range: give seconds between 0.1 and 86400");
        }

        errors.AddRange(Receivers.OtlpReceiverOptionsValidator.Collect(options.Receivers, CollectorOptionsFlags.Of, CollectorOptionsFlags.Of));
        errors.AddRange(Redaction.RedactionOptionsValidator.Validate(options.Redaction).Select(e => "redaction: " + e));
        errors.AddRange(Provenance.CompletenessChecks.Validate(options.Completeness.MandatoryFields).Select(e => "--mandatory: " + e));
        errors.AddRange(options.Jobs.Validate());
        errors.AddRange(options.Webhook.Validate());
        errors.AddRange(options.Drift.Validate());
        errors.AddRange(options.Slos.Validate());
        errors.AddRange(Security.SecurityOptionsValidator.Validate(options.Security, options.Host, options.DataPath));
        errors.AddRange(options.Cost.Validate());
        errors.AddRange(options.SqlEndpoint.Validate(options.GrpcPort, options.HttpPort));
        return errors;
    }

    private static void CheckPort(List<string> errors, string name, int port)
    {
        if (port is < 0 or > 65535)
        {
            errors.Add($"{name} {port} is not a port number (0-65535; 0 picks a free port)");
        }
    }
}

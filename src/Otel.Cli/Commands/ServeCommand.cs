using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.Hosting;
using Otel.Collector.Security;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track serve</c>: the collector with OTLP receivers, the query API and storage, until
/// SIGINT/SIGTERM, then a graceful drain.
/// </summary>
internal static class ServeCommand
{
    public const string ClickHouseUrlVariable = "OTEL_TRACK_CLICKHOUSE_URL";
    public const string S3AccessKeyVariable = "OTEL_TRACK_S3_ACCESS_KEY";
    public const string S3SecretKeyVariable = "OTEL_TRACK_S3_SECRET_KEY";
    public const string WebhookSecretVariable = "OTEL_TRACK_WEBHOOK_SECRET";

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Embedded ClickHouse data directory", DefaultValueFactory = _ => "otel-track-data" };
        var clickhouse = new Option<string?>("--clickhouse") { Description = $"Use this ClickHouse server (http://user:password@host:8123) instead of the embedded one (or ${ClickHouseUrlVariable})" };
        var cluster = new Option<string?>("--cluster") { Description = "ClickHouse cluster the tables span (with --clickhouse): replicated tables ON CLUSTER with a Distributed table over each (docs/storage.md)" };
        var database = new Option<string>("--database") { Description = "ClickHouse database", DefaultValueFactory = _ => "otel" };
        var host = new Option<string>("--host") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var grpcPort = new Option<int>("--grpc-port") { Description = "OTLP gRPC port (0 picks a free one)", DefaultValueFactory = _ => 4317 };
        var httpPort = new Option<int>("--http-port") { Description = "OTLP HTTP and query API port (0 picks a free one)", DefaultValueFactory = _ => 4318 };
        var lostAfter = new Option<double>("--lost-after") { Description = "Seconds without a sign of life before a RUNNING run is marked LOST", DefaultValueFactory = _ => 300 };
        var purgeAfterDays = new Option<double>("--purge-after-days") { Description = "Days a deleted run stays restorable before its data is purged (docs/run-lifecycle.md)", DefaultValueFactory = _ => 30 };
        var selfMetricsInterval = new Option<double>("--self-metrics-interval") { Description = "Seconds between stores of the collector's own metrics in its otel_metrics_* tables (docs/self-monitoring.md)", DefaultValueFactory = _ => 10 };
        var verbose = new Option<bool>("--verbose") { Description = "Log the collector's information messages" };
        var mandatory = new Option<string[]>("--mandatory") { Description = "Mandatory metadata for completeness (commit, clean_tree, dataset_digest, params, runtime, seed, ci_run, container_image, attribute:NAME)", AllowMultipleArgumentsPerToken = true };
        var artifacts = new Option<string?>("--artifacts") { Description = "Artifact directory (default DATA/artifacts)" };
        var insecure = new Option<bool>("--insecure") { Description = "Serve on an address other than loopback without API keys: anyone who can reach it may send and read (docs/security.md)" };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM certificate file: with --tls-key, both ports speak HTTPS" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key file of --tls-cert" };
        var s3 = new Option<string?>("--artifacts-s3") { Description = $"Keep artifacts in S3: s3://bucket[/prefix] (AWS) or http(s)://host:port/bucket[/prefix] (S3-compatible), optionally ?region=R&addressing=path|virtual; keys from ${S3AccessKeyVariable} and ${S3SecretKeyVariable}, else the AWS credential chain" };

        var webhookUrl = new Option<string?>("--webhook-url") { Description = "POST a signed JSON notification of every alias move and deployment to this URL (docs/governance.md)" };
        var prices = new Option<string?>("--prices") { Description = "YAML price file: hourly prices of instance types and GPUs, for cost per run and serving cost (docs/linkage-and-cost.md)" };
        var webhookSecretFile = new Option<string?>("--webhook-secret-file") { Description = $"File holding the webhook's HMAC secret (or ${WebhookSecretVariable}); never pass the secret itself on the command line" };

        var slos = new Option<string?>("--slos") { Description = "SLO file (YAML, docs/slos.md) applied at start; a file with errors stops the start" };
        var sloInterval = new Option<double>("--slo-interval") { Description = "Seconds between two writes of every SLO's status to ml_slo_status (docs/slos.md)", DefaultValueFactory = _ => 60 };

        var sql = new SqlEndpointFlags();
        var redaction = new RedactionFlags();
        var spool = new SpoolFlags();
        var edge = new EdgeFlags();
        var drift = new DriftFlags();
        var command = new Command("serve", "Run the collector: OTLP in, ClickHouse storage, query API") { data, clickhouse, cluster, database, host, grpcPort, httpPort, lostAfter, purgeAfterDays, selfMetricsInterval, verbose, mandatory, artifacts, s3, insecure, tlsCert, tlsKey, webhookUrl, webhookSecretFile, prices };
        command.Options.Add(slos);
        command.Options.Add(sloInterval);
        foreach (var option in redaction.All.Concat(spool.All).Concat(edge.All).Concat(drift.All).Concat(sql.All))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var options = new CollectorOptions
            {
                DataPath = parse.GetRequiredValue(data),
                ClickHouseUrl = parse.GetValue(clickhouse) ?? Environment.GetEnvironmentVariable(ClickHouseUrlVariable),
                Cluster = parse.GetValue(cluster),
                Database = parse.GetRequiredValue(database),
                Host = parse.GetRequiredValue(host),
                GrpcPort = parse.GetValue(grpcPort),
                HttpPort = parse.GetValue(httpPort),
                LogLevel = parse.GetValue(verbose) ? Microsoft.Extensions.Logging.LogLevel.Information : Microsoft.Extensions.Logging.LogLevel.Warning,
            };
            options.LostRuns.LostAfter = TimeSpan.FromSeconds(parse.GetValue(lostAfter));
            options.Lifecycle.PurgeGrace = TimeSpan.FromDays(parse.GetValue(purgeAfterDays));
            options.SelfMetricsInterval = TimeSpan.FromSeconds(parse.GetValue(selfMetricsInterval));
            if (parse.GetValue(mandatory) is { Length: > 0 } fields)
            {
                options.Completeness.MandatoryFields.Clear();
                foreach (var field in fields.SelectMany(f => f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                {
                    options.Completeness.MandatoryFields.Add(field);
                }
            }

            redaction.Apply(parse, options.Redaction);
            edge.Apply(parse, options.Receivers);
            drift.Apply(parse, options.Drift);
            sql.Apply(parse, options.SqlEndpoint);
            options.Security.Insecure = parse.GetValue(insecure);
            options.Security.TlsCertificateFile = parse.GetValue(tlsCert);
            options.Security.TlsKeyFile = parse.GetValue(tlsKey);
            options.Artifacts.Directory = parse.GetValue(artifacts) ?? string.Empty;
            if (parse.GetValue(s3) is { } bucketUrl)
            {
                options.Artifacts.S3 = S3Location.Parse(bucketUrl, Environment.GetEnvironmentVariable(S3AccessKeyVariable), Environment.GetEnvironmentVariable(S3SecretKeyVariable));
            }

            options.Slos.Interval = TimeSpan.FromSeconds(parse.GetValue(sloInterval));
            if (parse.GetValue(slos) is { } sloFile)
            {
                options.Slos.File = Otel.Collector.Production.Slo.SloFile.Load(sloFile);
                foreach (var warning in options.Slos.File.Warnings)
                {
                    await Console.Error.WriteLineAsync("otel-track: warning: " + warning);
                }
            }

            options.Webhook.Url = WebhookUrl(parse.GetValue(webhookUrl));
            options.Webhook.Secret = WebhookSecret(parse.GetValue(webhookSecretFile));
            options.Cost.PricesFile = parse.GetValue(prices);
            var errors = spool.Apply(parse, options.Pipeline).Concat(CollectorOptionsValidator.Validate(options)).ToList();
            if (errors.Count > 0)
            {
                throw new CliException(string.Join("; ", errors), ExitCodes.Usage);
            }

            ListenPorts.EnsureFree(options.Host, (options.GrpcPort, "--grpc-port"), (options.HttpPort, "--http-port"), (options.SqlEndpoint.Port, "--sql-port"));
            if (string.IsNullOrEmpty(options.ClickHouseUrl))
            {
                DataDirectoryInUse.EnsureFree(options.DataPath);
            }

            await using var collector = await CollectorHost.StartAsync(options, cancellationToken: ct);
            var embedded = string.IsNullOrEmpty(options.ClickHouseUrl);
            if (embedded)
            {
                ServeAddressFile.Write(options.DataPath, collector.HttpEndpoint, collector.GrpcEndpoint);
            }

            await Console.Error.WriteLineAsync($"otel-track collector: OTLP gRPC {collector.GrpcEndpoint}, OTLP HTTP and API {collector.HttpEndpoint}, storage {collector.StorageDescription}. Ctrl+C stops.");
            await Console.Error.WriteLineAsync(Access(collector, options));
            if (collector.SqlEndpoint is { } sqlEndpoint)
            {
                await Console.Error.WriteLineAsync($"otel-track collector: read-only ClickHouse SQL over HTTP at {sqlEndpoint} (database {options.Database}; Grafana: docs/grafana.md)");
            }
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("otel-track collector: stopping, writing what is in flight…");
            }

            await collector.StopAsync(CancellationToken.None);
            if (embedded)
            {
                ServeAddressFile.Remove(options.DataPath);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Uri? WebhookUrl(string? text) =>
        text is null ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var url) ? url
        : throw new CliException($"--webhook-url '{text}' is not an absolute http:// or https:// URL", ExitCodes.Usage);

    /// <summary>The webhook secret: the file's content without its trailing newline, else the environment variable, else none.</summary>
    private static string? WebhookSecret(string? file)
    {
        if (file is null)
        {
            return Environment.GetEnvironmentVariable(WebhookSecretVariable);
        }

        try
        {
            return File.ReadAllText(file).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--webhook-secret-file {file}: cannot read it ({e.Message})", ExitCodes.Usage, e);
        }
    }

    /// <summary>Who may use the collector, said once at start.</summary>
    private static string Access(CollectorHost collector, CollectorOptions options)
    {
        var keys = collector.Services.GetRequiredService<ApiKeyAuthenticator>();
        var current = keys.Current;
        if (current.Enabled)
        {
            return $"otel-track collector: API keys required ({current.Count} in {keys.KeysFile}; manage them with `otel-track keys`)";
        }

        return SecurityOptionsValidator.IsLoopback(options.Host)
            ? "otel-track collector: no API keys, so only this machine can reach it; `otel-track keys create` requires keys from then on"
            : $"otel-track collector: WARNING --insecure: no API keys, anyone who can reach {options.Host} may send and read every run";
    }
}

using System.CommandLine;
using Otel.Collector.Hosting;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track serve</c>: the collector with OTLP receivers, the query API and storage, until
/// SIGINT/SIGTERM, then a graceful drain.
/// </summary>
internal static class ServeCommand
{
    public const string ClickHouseUrlVariable = "OTEL_TRACK_CLICKHOUSE_URL";

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Embedded ClickHouse data directory", DefaultValueFactory = _ => "otel-track-data" };
        var clickhouse = new Option<string?>("--clickhouse") { Description = $"Use this ClickHouse server (http://user:password@host:8123) instead of the embedded one (or ${ClickHouseUrlVariable})" };
        var database = new Option<string>("--database") { Description = "ClickHouse database", DefaultValueFactory = _ => "otel" };
        var host = new Option<string>("--host") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var grpcPort = new Option<int>("--grpc-port") { Description = "OTLP gRPC port (0 picks a free one)", DefaultValueFactory = _ => 4317 };
        var httpPort = new Option<int>("--http-port") { Description = "OTLP HTTP and query API port (0 picks a free one)", DefaultValueFactory = _ => 4318 };
        var lostAfter = new Option<double>("--lost-after") { Description = "Seconds without a sign of life before a RUNNING run is marked LOST", DefaultValueFactory = _ => 300 };
        var verbose = new Option<bool>("--verbose") { Description = "Log the collector's information messages" };

        var command = new Command("serve", "Run the collector: OTLP in, ClickHouse storage, query API") { data, clickhouse, database, host, grpcPort, httpPort, lostAfter, verbose };
        command.SetAction(async (parse, ct) =>
        {
            var options = new CollectorOptions
            {
                DataPath = parse.GetRequiredValue(data),
                ClickHouseUrl = parse.GetValue(clickhouse) ?? Environment.GetEnvironmentVariable(ClickHouseUrlVariable),
                Database = parse.GetRequiredValue(database),
                Host = parse.GetRequiredValue(host),
                GrpcPort = parse.GetValue(grpcPort),
                HttpPort = parse.GetValue(httpPort),
                LogLevel = parse.GetValue(verbose) ? Microsoft.Extensions.Logging.LogLevel.Information : Microsoft.Extensions.Logging.LogLevel.Warning,
            };
            options.LostRuns.LostAfter = TimeSpan.FromSeconds(parse.GetValue(lostAfter));
            var errors = CollectorOptionsValidator.Validate(options);
            if (errors.Count > 0)
            {
                throw new CliException(string.Join("; ", errors), ExitCodes.Usage);
            }

            await using var collector = await CollectorHost.StartAsync(options, cancellationToken: ct);
            await Console.Error.WriteLineAsync($"otel-track collector: OTLP gRPC {collector.GrpcEndpoint}, OTLP HTTP and API {collector.HttpEndpoint}, storage {collector.StorageDescription}. Ctrl+C stops.");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("otel-track collector: stopping, writing what is in flight…");
            }

            await collector.StopAsync(CancellationToken.None);
            return ExitCodes.Success;
        });
        return command;
    }
}

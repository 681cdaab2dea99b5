using System.CommandLine;
using System.Text.Json;
using OpenTelemetry.Exporter;
using Otel.Cli.Bench;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Collector.Hosting;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track bench …</c>: load harnesses whose results are recorded in docs/benchmarks.md.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure the product on this machine");
        bench.Subcommands.Add(Freshness());
        bench.Subcommands.Add(Query());
        bench.Subcommands.Add(Ingest());
        bench.Subcommands.Add(BenchSloCommand.Create());
        return bench;
    }

    private static Command Ingest()
    {
        var endpoint = new Option<string?>("--endpoint") { Description = "Load this running collector (OTLP HTTP and query API URL) instead of a child `otel-track serve`; peakRssBytes is then null" };
        var grpcEndpoint = new Option<string?>("--grpc-endpoint") { Description = "OTLP gRPC URL of the --endpoint collector (default: its host, port 4317)" };
        var points = new Option<long?>("--points") { Description = "Points to send (default 2,000,000 batched, 400,000 single)" };
        var form = new Option<string>("--form") { Description = "batched (ml.metrics events, the SDK's form) or single (one ml.metric event per point)", DefaultValueFactory = _ => "batched" };
        var protocol = new Option<string>("--protocol") { Description = "grpc, http (OTLP/HTTP protobuf) or both (senders alternate)", DefaultValueFactory = _ => "both" };
        var senders = new Option<int>("--senders") { Description = "Concurrent senders, each on its own connection", DefaultValueFactory = _ => 4 };
        var perRequest = new Option<int>("--points-per-request") { Description = "Points per OTLP request: 5 spans of 10,000 batched points, or 500 spans of 100 single-point events (OpenTelemetry SDKs export up to 512 spans per request)", DefaultValueFactory = _ => 50_000 };
        var runs = new Option<int>("--runs") { Description = "Runs the points are spread over", DefaultValueFactory = _ => 4 };
        var warmUp = new Option<int>("--warmup-requests") { Description = "Full-size requests each sender sends (untimed, to a separate run) before the timed load", DefaultValueFactory = _ => 1 };
        var markers = new Option<int>("--markers") { Description = "Freshness markers to log at least (one every 100 ms during the load, more if it is short); 0 measures throughput alone, with no freshness probe", DefaultValueFactory = _ => 20 };
        var work = new Option<string>("--work-dir") { Description = "Scratch directory for the collector's and the raw insert's data (deleted afterwards)", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "otel-track-bench-ingest-" + Environment.ProcessId) };
        var json = CommonOptions.Json();
        var command = new Command("ingest", "OTLP load against a collector with embedded ClickHouse vs the raw insert rate of the same rows")
        {
            endpoint, grpcEndpoint, points, form, protocol, senders, perRequest, runs, warmUp, markers, work, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var ingestForm = parse.GetRequiredValue(form) switch
            {
                "batched" => IngestForm.Batched,
                "single" => IngestForm.Single,
                var other => throw new CliException($"--form '{other}': use batched or single", ExitCodes.Usage),
            };
            var wire = parse.GetRequiredValue(protocol);
            if (wire is not ("grpc" or "http" or "both"))
            {
                throw new CliException($"--protocol '{wire}': use grpc, http or both", ExitCodes.Usage);
            }

            var total = parse.GetValue(points) ?? (ingestForm == IngestForm.Batched ? 2_000_000 : 400_000);
            var size = parse.GetValue(perRequest);
            if (total is < 1 or > 1_000_000_000 || size is < 1 or > 1_000_000 || parse.GetValue(senders) is < 1 or > 64
                || parse.GetValue(runs) is < 1 or > 10_000 || parse.GetValue(markers) is < 0 or > 10_000 || parse.GetValue(warmUp) is < 0 or > 1000)
            {
                throw new CliException("--points, --points-per-request, --senders and --runs must be positive, --markers and --warmup-requests not negative (and all sane)", ExitCodes.Usage);
            }

            Uri? http = null, grpc = null;
            if (parse.GetValue(endpoint) is { } target)
            {
                http = CommonOptions.ResolveEndpoint(target);
                grpc = parse.GetValue(grpcEndpoint) is { } g
                    ? CommonOptions.ResolveEndpoint(g)
                    : new UriBuilder(http) { Port = 4317, Path = "/" }.Uri;
            }

            var settings = new IngestSettings(ingestForm, wire, total, size, parse.GetValue(senders), parse.GetValue(runs), parse.GetValue(warmUp), parse.GetValue(markers), http, grpc, parse.GetRequiredValue(work));
            var result = await new IngestBenchmark(settings, message => Console.Error.WriteLine(message)).RunAsync(ct);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(JsonSerializer.SerializeToElement(result, IngestBenchmarkResult.Json));
            }
            else
            {
                Console.WriteLine($"{result.Form} over {result.Protocol}: {result.PointsPerSecond:N0} points/s; raw insert {result.RawInsertPointsPerSecond:N0} rows/s; ratio {result.Ratio:0.00}; {(result.FreshnessP50Ms is null ? "freshness not probed" : $"freshness p50 {result.FreshnessP50Ms} ms, p95 {result.FreshnessP95Ms} ms")}; collector peak RSS {(result.PeakRssBytes is { } rss ? $"{rss / 1048576.0:N0} MiB" : "unknown")}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Query()
    {
        var runs = new Option<int>("--runs") { Description = "Runs to seed", DefaultValueFactory = _ => 1000 };
        var pointsPerRun = new Option<int>("--points-per-run") { Description = "Metric points per run", DefaultValueFactory = _ => 1000 };
        var iterations = new Option<int>("--iterations") { Description = "Timed requests per query", DefaultValueFactory = _ => 30 };
        var data = new Option<string>("--data") { Description = "Data directory of the in-process collector", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "otel-track-bench-query-" + Environment.ProcessId) };
        var json = CommonOptions.Json();
        var command = new Command("query", "Seed N runs x M points, then time leaderboard, search, detail and downsampled history") { runs, pointsPerRun, iterations, data, json };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(runs) is < 1 or > 10_000_000 || parse.GetValue(pointsPerRun) is < 1 or > 100_000_000 || parse.GetValue(iterations) is < 1 or > 100_000)
            {
                throw new CliException("--runs, --points-per-run and --iterations must be positive (and sane)", ExitCodes.Usage);
            }

            await using var collector = await CollectorHost.StartAsync(new CollectorOptions { DataPath = parse.GetRequiredValue(data), GrpcPort = 0, HttpPort = 0 }, cancellationToken: ct);
            using var api = new HttpClient { BaseAddress = collector.HttpEndpoint, Timeout = TimeSpan.FromMinutes(5) };
            var store = (Otel.Collector.ClickHouse.IClickHouseStore)collector.Services.GetService(typeof(Otel.Collector.ClickHouse.IClickHouseStore))!;
            var result = await new QueryBenchmark(store, api, parse.GetValue(runs), parse.GetValue(pointsPerRun), parse.GetValue(iterations)).RunAsync(ct);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(JsonSerializer.SerializeToElement(result, QueryJson.Options));
            }
            else
            {
                Console.WriteLine($"{result.Runs} runs x {result.PointsPerRun} points (seeded in {result.SeedSeconds:0.0} s): leaderboard p50 {result.Leaderboard.P50Ms} ms / p95 {result.Leaderboard.P95Ms} ms; search {result.Search.P50Ms}/{result.Search.P95Ms}; detail {result.Detail.P50Ms}/{result.Detail.P95Ms}; history {result.History.P50Ms}/{result.History.P95Ms}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Freshness()
    {
        var endpoint = new Option<string?>("--endpoint") { Description = "Measure this collector instead of one hosted in-process" };
        var data = new Option<string>("--data") { Description = "Data directory of the in-process collector", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "otel-track-bench-" + Environment.ProcessId) };
        var points = new Option<int>("--points") { Description = "Points to log", DefaultValueFactory = _ => 200 };
        var intervalMs = new Option<int>("--interval-ms") { Description = "Pause between points", DefaultValueFactory = _ => 50 };
        var protocol = new Option<string>("--protocol") { Description = "grpc or http/protobuf", DefaultValueFactory = _ => "http/protobuf" };
        var json = CommonOptions.Json();
        var command = new Command("freshness", "Time from LogMetric to visible through the query API, default SDK settings") { endpoint, data, points, intervalMs, protocol, json };
        command.SetAction(async (parse, ct) =>
        {
            var exportProtocol = parse.GetRequiredValue(protocol) switch
            {
                "grpc" => OtlpExportProtocol.Grpc,
                "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
                var other => throw new CliException($"--protocol '{other}': use grpc or http/protobuf", ExitCodes.Usage),
            };
            if (parse.GetValue(points) is < 1 or > 100_000)
            {
                throw new CliException("--points must be between 1 and 100000", ExitCodes.Usage);
            }

            var target = parse.GetValue(endpoint);
            await using var collector = target is null
                ? await CollectorHost.StartAsync(new CollectorOptions { DataPath = parse.GetRequiredValue(data), GrpcPort = 0, HttpPort = 0 }, cancellationToken: ct)
                : null;
            var api = collector?.HttpEndpoint ?? CommonOptions.ResolveEndpoint(target);
            var sendTo = exportProtocol == OtlpExportProtocol.Grpc ? collector?.GrpcEndpoint ?? throw new CliException("--protocol grpc needs the in-process collector", ExitCodes.Usage) : api;
            var result = await new FreshnessBenchmark(sendTo, exportProtocol, parse.GetValue(points), TimeSpan.FromMilliseconds(parse.GetValue(intervalMs)))
                .RunAsync(api, ct);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(JsonSerializer.SerializeToElement(result, QueryJson.Options));
            }
            else
            {
                Console.WriteLine($"freshness over {result.Points} points ({result.Protocol}): p50 {result.FreshnessP50Ms:0} ms, p95 {result.FreshnessP95Ms:0} ms, max {result.FreshnessMaxMs:0} ms");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

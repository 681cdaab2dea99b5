using System.CommandLine;
using System.Text.Json;
using Otel.Cli.Bench;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Collector.ClickHouse;
using Otel.Collector.Hosting;
using Otel.Collector.Production.Increments;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary><c>otel-track bench slo [--models N] [--hours H] [--json]</c>: how long <c>slo status</c> takes over H hours of serving telemetry.</summary>
internal static class BenchSloCommand
{
    public static Command Create()
    {
        var models = new Option<int>("--models") { Description = "Models to seed, each with an availability and a latency SLO", DefaultValueFactory = _ => 20 };
        var hours = new Option<int>("--hours") { Description = "Hours of http.server.request.duration to seed (cumulative, exported every 60 s)", DefaultValueFactory = _ => 24 };
        var iterations = new Option<int>("--iterations") { Description = "Timed requests per query", DefaultValueFactory = _ => 10 };
        var data = new Option<string>("--data") { Description = "Data directory of the in-process collector", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "otel-track-bench-slo-" + Environment.ProcessId) };
        var json = CommonOptions.Json();
        var command = new Command("slo", "Seed serving telemetry of N models over H hours, then time `slo status` (every SLO, and one model's), computed live and then over the increments the serving-increments job stored") { models, hours, iterations, data, json };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(models) is < 1 or > 10_000 || parse.GetValue(hours) is < 1 or > 24 * 90 || parse.GetValue(iterations) is < 1 or > 10_000)
            {
                throw new CliException("--models (1-10000), --hours (1-2160) and --iterations (1-10000) are out of range", ExitCodes.Usage);
            }

            await using var collector = await CollectorHost.StartAsync(new CollectorOptions { DataPath = parse.GetRequiredValue(data), GrpcPort = 0, HttpPort = 0 }, cancellationToken: ct);
            using var api = new HttpClient { BaseAddress = collector.HttpEndpoint, Timeout = TimeSpan.FromMinutes(5) };
            var store = (IClickHouseStore)collector.Services.GetService(typeof(IClickHouseStore))!;
            var increments = (ServingIncrementsJob)collector.Services.GetService(typeof(ServingIncrementsJob))!;
            var result = await new SloBenchmark(store, api, increments, parse.GetValue(models), parse.GetValue(hours), parse.GetValue(iterations)).RunAsync(TimeProvider.System.GetUtcNow(), ct);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(JsonSerializer.SerializeToElement(result, QueryJson.Options));
            }
            else
            {
                Console.WriteLine($"{result.Models} models x {result.Hours} h ({result.HistogramRows} histogram rows, seeded in {result.SeedSeconds:0.0} s), {result.Slos} SLOs: "
                    + $"slo status p50 {result.StatusAll.P50Ms} ms / p95 {result.StatusAll.P95Ms} ms; one model {result.StatusOneModel.P50Ms}/{result.StatusOneModel.P95Ms} ms; "
                    + $"serving-increments job caught up in {result.IncrementsJobRuns} runs, {result.IncrementsCatchUpSeconds:0.0} s; then "
                    + $"slo status p50 {result.StatusAllStored.P50Ms} ms / p95 {result.StatusAllStored.P95Ms} ms; one model {result.StatusOneModelStored.P50Ms}/{result.StatusOneModelStored.P95Ms} ms");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Otel.Cli.Client;
using Otel.Cli.Demo;
using Otel.Cli.Demo.Serving;
using Otel.Cli.Output;
using Otel.Tracking.Query;
using Otel.Tracking.Serving;
using Spectre.Console;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track demo serve --duration SECONDS [--drift-after S] [--drift-feature NAME] [--error-rate X] [--slow-rate X]
/// [--rps N] [--endpoint URL] [--json]</c>: hosts a real inference service for the demo model's <c>champion</c>
/// (training and registering it first when there is none; applying an availability and a latency SLO when the model has
/// none) and drives load against it, so drift, SLO and linkage
/// queries have production telemetry on a laptop. Records through the collector at --endpoint, or one hosted
/// in-process as <c>demo</c> does.
/// </summary>
internal static class DemoServeCommand
{
    public const string ModelUri = "models:/" + DemoRegistration.ModelName + "@" + DemoRegistration.Alias;

    public static Command Create()
    {
        var endpoint = new Option<string?>("--endpoint") { Description = $"Record through this collector (or ${CommonOptions.EndpointVariable}'s) instead of hosting one in-process" };
        var data = new Option<string>("--data") { Description = "Data directory of the in-process collector", DefaultValueFactory = _ => "otel-track-data" };
        var duration = new Option<int>("--duration") { Description = "Seconds of load", Required = true };
        var rps = new Option<double>("--rps") { Description = "Requests per second", DefaultValueFactory = _ => 20 };
        var driftAfter = new Option<int?>("--drift-after") { Description = "Shift one feature's distribution after this many seconds (data skew for drift to catch)" };
        var driftFeature = new Option<string>("--drift-feature") { Description = "The feature that shifts", DefaultValueFactory = _ => DemoLoad.FeatureName(0) };
        var errorRate = new Option<double>("--error-rate") { Description = "Share of requests answered 500 (0 to 1)", DefaultValueFactory = _ => 0 };
        var slowRate = new Option<double>("--slow-rate") { Description = $"Share of requests answered after {DemoFaults.SlowDelay.TotalSeconds:0.0} s (0 to 1)", DefaultValueFactory = _ => 0 };
        var json = CommonOptions.Json();
        var command = new Command("serve", "Serve the demo model's champion through a real inference service and drive load against it")
        {
            endpoint, data, duration, rps, driftAfter, driftFeature, errorRate, slowRate, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var seconds = parse.GetValue(duration);
            Check(seconds is >= 1 and <= 86_400, "--duration must be between 1 and 86400 seconds");
            Check(parse.GetValue(rps) is > 0 and <= 1000, "--rps must be more than 0 and at most 1000");
            Check(parse.GetValue(errorRate) is >= 0 and <= 1, "--error-rate must be between 0 and 1");
            Check(parse.GetValue(slowRate) is >= 0 and <= 1, "--slow-rate must be between 0 and 1");
            Check(parse.GetValue(driftAfter) is not { } shiftAt || (shiftAt >= 0 && shiftAt < seconds), "--drift-after must be at least 0 and less than --duration");

            // With --json, stdout carries the JSON only; progress goes to stderr.
            var asJson = parse.GetValue(json);
            var console = asJson ? CliConsole.ForStandardError() : CliConsole.ForStandardOutput();
            var target = parse.GetValue(endpoint) ?? DemoCommand.NonEmpty(Environment.GetEnvironmentVariable(CommonOptions.EndpointVariable));
            await using var collector = target is null ? await DemoCommand.StartCollectorAsync(parse.GetRequiredValue(data), ct) : null;
            var api = collector?.HttpEndpoint ?? CommonOptions.ResolveEndpoint(target);

            var served = await ResolveOrTrainAsync(console, api, ct);
            var model = await DownloadModelAsync(api, served, ct);
            var drifting = parse.GetValue(driftAfter) is null ? (int?)null : FeatureIndex(parse.GetRequiredValue(driftFeature), model.Dimensions);
            if (served.Baseline is null)
            {
                console.MarkupLine("[yellow]Its run logged no baseline: features are not recorded, so there is no drift to see (SLOs still work).[/]");
            }

            await DemoSlos.EnsureAsync(console, api, served.Name, ct);
            var faults = new DemoFaults(parse.GetValue(errorRate), parse.GetValue(slowRate));
            var plan = new DemoLoadPlan(TimeSpan.FromSeconds(seconds), parse.GetValue(rps), model.Dimensions,
                parse.GetValue(driftAfter) is { } after ? TimeSpan.FromSeconds(after) : null, drifting);
            DemoLoadResult result;
            await using (var service = await DemoInferenceService.StartAsync(served, model, api, faults, ct))
            {
                console.MarkupLine(ConsoleText.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"Serving {served.Name} version {served.Version} (run {served.RunId}) at {service.Address}, {plan.RequestsPerSecond:0.#} requests/s for {seconds} s")));
                using var http = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(30) };
                result = await new DemoLoad(http, plan, TimeProvider.System).RunAsync(ct);
                service.Flush();
            }

            Print(asJson, console, served, plan, parse.GetRequiredValue(driftFeature), result, target);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Check(bool valid, string message)
    {
        if (!valid)
        {
            throw new CliException(message, ExitCodes.Usage);
        }
    }

    /// <summary>The champion's version; on a store without the demo model, the demo trains and registers it first.</summary>
    private static async Task<ServedModel> ResolveOrTrainAsync(IAnsiConsole console, Uri api, CancellationToken ct)
    {
        using (var client = new TrackingApiClient(api))
        {
            try
            {
                await client.GetJsonAsync("api/models/resolve?uri=" + Uri.EscapeDataString(ModelUri), ct);
            }
            catch (CliException missing) when (missing.ExitCode == ExitCodes.NotFound)
            {
                console.MarkupLine($"No {ConsoleText.Escape(ModelUri)} yet: training the demo first");
                await DemoCommand.TrainAndRegisterAsync(console, api, epochs: 8, TimeSpan.Zero, ct);
            }
        }

        try
        {
            return await ServedModel.ResolveAsync(new ModelServingOptions { Model = ModelUri, Endpoint = api, DeploymentEnvironment = "demo" }, ct);
        }
        catch (ModelServingException ex)
        {
            throw new CliException(ex.Message, ExitCodes.Failure, ex);
        }
    }

    private static async Task<DemoModel> DownloadModelAsync(Uri api, ServedModel served, CancellationToken ct)
    {
        using var client = new TrackingApiClient(api);
        var version = TrackingApiClient.Read<Otel.Tracking.Query.Registry.ModelVersion>(
            await client.GetJsonAsync(ApiPaths.Model(served.Name, string.Create(CultureInfo.InvariantCulture, $"/versions/{served.Version}")), ct));
        var file = Path.Combine(Path.GetTempPath(), $"otel-track-demo-{version.Artifact.Sha256}.json");
        using var artifacts = new ArtifactClient(api);
        await artifacts.DownloadAsync(version.Artifact.Sha256, version.Artifact.Size, file, progress: null, ct);
        try
        {
            return DemoModel.Load(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static int FeatureIndex(string name, int dimensions)
    {
        for (var j = 0; j < dimensions; j++)
        {
            if (DemoLoad.FeatureName(j) == name)
            {
                return j;
            }
        }

        throw new CliException($"--drift-feature {name}: the demo model's features are {string.Join(", ", Enumerable.Range(0, dimensions).Select(DemoLoad.FeatureName))}", ExitCodes.Usage);
    }

    private static void Print(bool asJson, IAnsiConsole console, ServedModel served, DemoLoadPlan plan, string driftFeature, DemoLoadResult result, string? target)
    {
        if (asJson)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new DemoServeSummary
            {
                Model = served.Name,
                Version = served.Version,
                RunId = served.RunId,
                DurationSeconds = plan.Duration.TotalSeconds,
                Requests = result.Requests,
                Errors = result.Errors,
                Slow = result.Slow,
                Skipped = result.Skipped,
                DriftFeature = plan.DriftFeature is null ? null : driftFeature,
                DriftAfterSeconds = plan.DriftAfter?.TotalSeconds,
            }, QueryJson.Options));
            return;
        }

        var skipped = result.Skipped > 0 ? string.Create(CultureInfo.InvariantCulture, $", {result.Skipped} not sent (the service fell behind)") : string.Empty;
        var shifted = plan.DriftAfter is { } after ? string.Create(CultureInfo.InvariantCulture, $"; {driftFeature} shifted after {after.TotalSeconds:0} s") : string.Empty;
        console.MarkupLine(ConsoleText.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Served {served.Name} version {served.Version}: {result.Requests} requests, {result.Errors} errors, {result.Slow} slow{skipped}{shifted}")));
        var endpointFlag = target is null ? string.Empty : $" --endpoint {target}";
        Console.Out.WriteLine("Next, try:");
        Console.Out.WriteLine($"  otel-track drift report {served.Name} --version {served.Version} --window 15m{endpointFlag}");
        Console.Out.WriteLine($"  otel-track slo status --model {served.Name}{endpointFlag}");
        Console.Out.WriteLine($"  otel-track models show {served.Name} --version {served.Version}{endpointFlag}");
    }

    /// <summary>What <c>demo serve --json</c> prints.</summary>
    internal sealed record DemoServeSummary
    {
        [System.Text.Json.Serialization.JsonPropertyName("model")] public required string Model { get; init; }
        [System.Text.Json.Serialization.JsonPropertyName("version")] public required long Version { get; init; }
        [System.Text.Json.Serialization.JsonPropertyName("runId")] public required string RunId { get; init; }
        [System.Text.Json.Serialization.JsonPropertyName("durationSeconds")] public required double DurationSeconds { get; init; }
        [System.Text.Json.Serialization.JsonPropertyName("requests")] public required long Requests { get; init; }
        [System.Text.Json.Serialization.JsonPropertyName("errors")] public required long Errors { get; init; }
        [System.Text.Json.Serialization.JsonPropertyName("slow")] public required long Slow { get; init; }
        [System.Text.Json.Serialization.JsonPropertyName("skipped")] public required long Skipped { get; init; }
        [System.Text.Json.Serialization.JsonPropertyName("driftFeature")] public string? DriftFeature { get; init; }
        [System.Text.Json.Serialization.JsonPropertyName("driftAfterSeconds")] public double? DriftAfterSeconds { get; init; }
    }
}

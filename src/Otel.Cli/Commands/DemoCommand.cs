using System.CommandLine;
using OpenTelemetry.Exporter;
using Otel.Cli.Client;
using Otel.Cli.Demo;
using Otel.Cli.Output;
using Otel.Collector.Hosting;
using Otel.Tracking.Query;
using Otel.Tracking;
using Spectre.Console;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track demo [--endpoint URL]</c>: trains a real sweep, records it through OTLP, prints the
/// leaderboard. Without --endpoint or <c>OTEL_TRACK_ENDPOINT</c> it hosts a collector with embedded ClickHouse
/// in-process.
/// </summary>
internal static class DemoCommand
{
    public const string Experiment = "demo-logistic-regression";

    public static Command Create()
    {
        var endpoint = new Option<string?>("--endpoint") { Description = $"Send to this collector (or ${CommonOptions.EndpointVariable}'s) instead of hosting one in-process" };
        var data = new Option<string>("--data") { Description = "Data directory of the in-process collector", DefaultValueFactory = _ => "otel-track-data" };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per run (at least 5)", DefaultValueFactory = _ => 8 };
        var epochDelay = new Option<int>("--epoch-delay-ms") { Description = "Pause after each epoch, to watch runs live with `runs list`", DefaultValueFactory = _ => 0 };
        var command = new Command("demo", "Train a small hyperparameter sweep, record it, print the leaderboard") { endpoint, data, epochs, epochDelay };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(epochs) is < 5 or > 1000)
            {
                throw new CliException("--epochs must be between 5 and 1000", ExitCodes.Usage);
            }

            if (parse.GetValue(epochDelay) is < 0 or > 600_000)
            {
                throw new CliException("--epoch-delay-ms must be between 0 and 600000", ExitCodes.Usage);
            }

            var console = CliConsole.ForStandardOutput();
            var target = parse.GetValue(endpoint) ?? NonEmpty(Environment.GetEnvironmentVariable(CommonOptions.EndpointVariable));
            await using var collector = target is null ? await StartCollectorAsync(parse.GetRequiredValue(data), ct) : null;
            var api = collector?.HttpEndpoint ?? CommonOptions.ResolveEndpoint(target);

            var (sweepId, runs) = await TrainAndRegisterAsync(console, api, parse.GetValue(epochs), TimeSpan.FromMilliseconds(parse.GetValue(epochDelay)), ct);
            PrintNextSteps(Console.Out, sweepId, runs, collector is null ? null : parse.GetRequiredValue(data), target);
            return ExitCodes.Success;
        });
        command.Subcommands.Add(DemoServeCommand.Create());
        return command;
    }

    /// <summary>The sweep, its leaderboard, and its best run registered and promoted to champion (also what <c>demo serve</c> serves).</summary>
    internal static async Task<(string SweepId, List<RunSummary> Runs)> TrainAndRegisterAsync(IAnsiConsole console, Uri api, int epochs, TimeSpan epochDelay, CancellationToken ct)
    {
        console.MarkupLine($"Training {DemoSweep.Grid.Count} runs of logistic regression, {epochs} epochs each, and one ML.NET run, reporting to {ConsoleText.Escape(api.ToString())}");
        var (sweepId, runIds) = TrainAndExport(api, epochs, epochDelay, line => console.WriteLine(line), ct);

        using var client = new TrackingApiClient(api);
        var runs = await WaitForRunsAsync(client, runIds, ct);
        PrintLeaderboard(console, runs);
        await RegisterBestAsync(console, api, runs, ct);
        return (sweepId, runs);
    }

    internal static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    internal static async Task<CollectorHost> StartCollectorAsync(string dataPath, CancellationToken ct)
    {
        DataDirectoryInUse.EnsureFree(dataPath);
        var options = new CollectorOptions { DataPath = dataPath, GrpcPort = 0, HttpPort = 0 };
        return await CollectorHost.StartAsync(options, cancellationToken: ct);
    }

    private static (string SweepId, IReadOnlyList<string> RunIds) TrainAndExport(Uri endpoint, int epochs, TimeSpan epochDelay, Action<string> progress, CancellationToken ct)
    {
        // Disposing the tracker flushes every span: the collector has acknowledged (stored) them after this.
        using var tracking = MlTracking.Create(o =>
        {
            o.Endpoint = endpoint;
            o.ArtifactEndpoint = endpoint;
            o.Protocol = OtlpExportProtocol.HttpProtobuf;
            o.ServiceName = "otel-track-demo";
            o.HandleTerminationSignals = true;
        });
        var workDirectory = Path.GetFullPath("otel-track-demo");
        var sweep = new DemoSweep(tracking, Experiment, epochs, epochDelay, workDirectory, TimeProvider.System).Run(progress, ct);
        var (train, validation) = DemoSweep.Datasets();
        new DemoMlNet(tracking, workDirectory).Run(train, validation, progress);
        return sweep;
    }

    /// <summary>Reads the runs back through the query API, waiting briefly for the last export to land.</summary>
    private static async Task<List<RunSummary>> WaitForRunsAsync(TrackingApiClient client, IReadOnlyList<string> runIds, CancellationToken ct)
    {
        var deadline = TimeProvider.System.GetTimestamp() + TimeProvider.System.TimestampFrequency * 30;
        while (true)
        {
            var all = TrackingApiClient.Read<List<RunSummary>>(await client.GetRunsJsonAsync(Experiment, 10_000, ct));
            var ours = all.Where(r => runIds.Contains(r.Id)).ToList();
            if (ours.Count == runIds.Count && ours.All(r => r.Status != "RUNNING" && r.Metrics.ContainsKey("val_accuracy")))
            {
                return ours;
            }

            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new CliException($"only {ours.Count} of {runIds.Count} runs were readable from {client.Endpoint} after 30 s; check the collector's log");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    private static void PrintLeaderboard(IAnsiConsole console, List<RunSummary> runs)
    {
        var table = Tables.New().Title("[bold]Leaderboard[/] (by val_accuracy)")
            .AddColumns("#", "run", "name", "lr", "l2", "batch")
            .AddColumn(new TableColumn("val_accuracy").RightAligned())
            .AddColumn(new TableColumn("val_loss").RightAligned());
        var rank = 0;
        var ids = IdPrefixes.Of(runs.Select(r => r.Id));
        foreach (var run in runs.OrderByDescending(r => r.Metrics["val_accuracy"]).ThenBy(r => r.Metrics.GetValueOrDefault("val_loss")))
        {
            table.AddRow(
                (++rank).ToString(System.Globalization.CultureInfo.InvariantCulture), ids.Shorten(run.Id), ConsoleText.Escape(run.Name),
                run.Params.GetValueOrDefault("learning_rate", "-"), run.Params.GetValueOrDefault("l2", "-"), run.Params.GetValueOrDefault("batch_size", "-"),
                Format.Number(run.Metrics["val_accuracy"]), Format.Number(run.Metrics.GetValueOrDefault("val_loss", double.NaN)));
        }

        console.Write(table);
    }

    private static async Task RegisterBestAsync(IAnsiConsole console, Uri api, List<RunSummary> runs, CancellationToken ct)
    {
        var best = runs.OrderByDescending(r => r.Metrics["val_accuracy"]).ThenBy(r => r.Metrics.GetValueOrDefault("val_loss")).First();
        var (version, promotion) = await DemoRegistration.RegisterAndPromoteAsync(api, best.Id, ct);
        console.MarkupLine($"Registered [bold]{ConsoleText.Escape(version.Name)}[/] version {version.Version} from run {IdPrefixes.Of(runs.Select(r => r.Id)).Shorten(best.Id)} (its model.json, sha256 {ConsoleText.Escape(IdPrefixes.Alone(version.Artifact.Sha256))})");
        if (promotion.Promoted)
        {
            console.MarkupLine($"Promoted version {version.Version} to [bold]{DemoRegistration.Alias}[/]");
            return;
        }

        console.MarkupLine($"Not promoted to [bold]{DemoRegistration.Alias}[/]: its gate refused");
        foreach (var gate in promotion.Gates.Where(g => !g.Passed))
        {
            console.MarkupLine($"  {ConsoleText.Escape(gate.Gate)}: {ConsoleText.Escape(gate.Detail)}");
        }
    }

    private static void PrintNextSteps(TextWriter console, string sweepId, List<RunSummary> runs, string? dataPath, string? endpoint)
    {
        var best = runs.OrderByDescending(r => r.Metrics["val_accuracy"]).ToList();
        var endpointFlag = endpoint is null ? string.Empty : $" --endpoint {endpoint}";
        console.WriteLine("Next, try:");
        if (dataPath is not null)
        {
            console.WriteLine($"  otel-track serve --data {dataPath}          # serve what the demo recorded (then, in another terminal:)");
        }

        console.WriteLine($"  otel-track runs list --experiment {Experiment}{endpointFlag}");
        console.WriteLine($"  otel-track runs show {best[0].Id}{endpointFlag}");
        console.WriteLine($"  otel-track runs compare {best[0].Id} {best[^1].Id}{endpointFlag}");
        console.WriteLine($"  otel-track runs show {sweepId} --json{endpointFlag}");
        console.WriteLine($"  otel-track models show {DemoRegistration.ModelName}{endpointFlag}");
        console.WriteLine($"  otel-track runs list --experiment {DemoMlNet.Experiment}{endpointFlag}   # the ML.NET run, autologged");
        console.WriteLine("(from a clone: dotnet run --project src/Otel.Cli -- <command>)");
    }
}

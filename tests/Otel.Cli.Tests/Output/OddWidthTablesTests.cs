using Otel.Cli.Output;
using Otel.Tracking.Query;
using Spectre.Console;

namespace Otel.Cli.Tests.Output;

/// <summary>
/// Property: the human output of <c>runs list</c>, <c>runs show</c>, <c>experiments list</c> and <c>leaderboard</c>, drawn
/// through the CLI's console at every terminal width from 20 to 200 columns, never writes a line wider than the terminal
/// and never throws; piped, whatever <c>COLUMNS</c> says, every id is written whole (as its table's prefix).
/// </summary>
public sealed class OddWidthTablesTests
{
    private const int Narrowest = 20;
    private const int Widest = 200;

    public static TheoryData<string> Commands => ["runs list", "runs show", "experiments list", "leaderboard"];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Render_EveryTerminalWidthFrom20To200_NoLineWiderThanTheTerminal(string command)
    {
        for (var width = Narrowest; width <= Widest; width++)
        {
            var columns = width;
            var lines = ConsoleRecorder.Lines(ConsoleRecorder.Terminal(columns, console => Render(command, console)));
            Assert.All(lines, line => Assert.True(ConsoleRecorder.Width(line) <= columns, $"{command} at {columns} columns wrote {ConsoleRecorder.Width(line)}: {line}"));
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Render_PipedWithAnyColumns_EveryIdWhole(string command)
    {
        foreach (var width in (int[])[Narrowest, 41, 80, Widest])
        {
            var output = ConsoleRecorder.Piped(width, console => Render(command, console));
            foreach (var id in Ids(command))
            {
                Assert.True(output.Contains(id, StringComparison.Ordinal), $"{command} piped (COLUMNS={width}) lost id {id}:\n{output}");
            }
        }
    }

    private static void Render(string command, IAnsiConsole console)
    {
        switch (command)
        {
            case "runs list":
                RunTables.List(console, Runs, RunListLayout.Default);
                break;
            case "runs show":
                RunTables.Show(console, Detail);
                SweepTables.Children(console, Detail.Children);
                var keys = Detail.MetricSummaries.Keys.Order(StringComparer.Ordinal).ToList();
                var stats = MetricCurves.Stats([.. keys.Select(k => (string[])["latest 0.4123", "min 0.3011", "max 1.2", "steps 0–99", "2 NaN/Inf"])]);
                var layout = MetricCurves.Layout(console.Profile.Width, keys, stats);
                // The collector downsamples each curve's history to the layout's width (maxPoints).
                foreach (var line in MetricCurves.Lines(layout, [.. keys.Select((k, i) => new MetricCurve(k, stats[i], [.. Enumerable.Range(0, layout.CurveWidth).Select(x => 1.0 / (x + 1))]))]))
                {
                    console.Profile.Out.Writer.WriteLine(line);
                }

                break;
            case "experiments list":
                ExperimentTables.List(console, Experiments);
                break;
            default:
                ExperimentTables.Leaderboard(console, "val_accuracy", Leaderboard);
                break;
        }
    }

    /// <summary>The ids each command shows, as its tables cut them.</summary>
    private static IEnumerable<string> Ids(string command) => command switch
    {
        "runs list" => Runs.Select(r => IdPrefixes.Of(Runs.Select(x => x.Id)).Shorten(r.Id)),
        "runs show" => [Detail.Id, .. Detail.Datasets.Select(d => IdPrefixes.Of(Detail.Datasets.Select(x => x.Digest)).Shorten(d.Digest)),
            .. Detail.Artifacts.Select(a => IdPrefixes.Of(Detail.Artifacts.Select(x => x.Sha256)).Shorten(a.Sha256)),
            .. Detail.Children.Select(c => IdPrefixes.Of(Detail.Children.Select(x => x.Id)).Shorten(c.Id))],
        "experiments list" => [],
        _ => Leaderboard.Select(e => IdPrefixes.Of(Leaderboard.Select(x => x.RunId)).Shorten(e.RunId)),
    };

    /// <summary>The demo's runs and one awkward run: a long experiment, a name of wide characters, long keys and values.</summary>
    private static List<RunSummary> Runs { get; } =
    [
        .. DemoLikeRuns.TwentyNine(),
        new()
        {
            Id = "ffffffffffff0000aaaa1111bbbb2222", Experiment = "an-experiment-whose-name-goes-on-and-on-past-any-terminal-width",
            Name = "学習率の探索-試行-第一回目の長い名前", Status = "RUNNING", StartTime = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero),
            Params = new() { ["optimizer.configuration.learning_rate_schedule"] = "cosine-with-warm-restarts-every-ten-epochs", ["learning_rate"] = "0.0001" },
            Metrics = new() { ["validation/top_5_accuracy_on_the_held_out_split"] = 0.98765, ["val_accuracy"] = 0.5, ["val_loss"] = 12345.678 },
        },
    ];

    private static RunDetail Detail { get; } = new(Runs[^1])
    {
        Note = "A note long enough to need wrapping on any narrow terminal, with a path /data/sets/imagenet/train/2026-12-06/part-0001.parquet",
        Provenance = new() { ["git.commit"] = "0123456789abcdef0123456789abcdef01234567", ["git.remote"] = "https://git.example.com/research/very-long-group/very-long-project.git" },
        MetricSummaries = Runs[^1].Metrics.ToDictionary(m => m.Key, m => new MetricSummary(m.Value, m.Value / 2, m.Value * 2, 1_000_000, 999_999)),
        Datasets =
        [
            new("imagenet-train", new string('a', 60) + "0001", "s3://bucket/datasets/imagenet/train/2026-12-06/part-0001.parquet", "training", 1_281_167, 150_000_000_000, "parquet", "{}"),
            new("imagenet-val", new string('a', 60) + "0002", "s3://bucket/datasets/imagenet/val/2026-12-06/part-0001.parquet", "validation", 50_000, 6_000_000_000, "parquet", "{}"),
        ],
        Artifacts = [new("checkpoints/epoch-0099/model-weights-fp16.safetensors", new string('b', 64), 4_400_000_000, "model", "file:///artifacts/b")],
        Children = [.. DemoLikeRuns.Sweep("demo", 1).Skip(1).Select(r => new RunChild(r.Id, r.Name, r.Status, r.Metrics))],
    };

    private static List<ExperimentSummary> Experiments { get; } =
    [
        .. Runs.GroupBy(r => r.Experiment).Select(g => new ExperimentSummary(g.Key, g.Count(), g.Max(r => r.StartTime))),
    ];

    private static List<LeaderboardEntry> Leaderboard { get; } =
    [
        .. Runs.Where(r => r.Metrics.ContainsKey("val_accuracy")).OrderByDescending(r => r.Metrics["val_accuracy"])
            .Select((r, i) => new LeaderboardEntry(i + 1, r.Id, r.Metrics["val_accuracy"], 7) { RunName = r.Name }),
    ];
}

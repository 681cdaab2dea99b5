using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>
/// Issue #3 through the real program: what the demo records about code, data and environment, its
/// artifacts, lineage, diff, and a reproduction that is checked and re-run.
/// </summary>
public sealed class ProvenanceProcessTests
{
    private const string Experiment = "demo-logistic-regression";

    [Fact]
    public async Task DemoRun_IsRecordedWithProvenance_AndReproducesWithMatchingMetrics()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        var demo = await CliProcess.RunAsync(temp.Path, "demo", "--endpoint", serve.Endpoint);
        Assert.True(demo.ExitCode == 0, demo.ToString());

        var runs = await JsonAsync(temp.Path, "runs", "list", "--experiment", Experiment, "--json", "--endpoint", serve.Endpoint);
        var child = runs.EnumerateArray().First(r => r.GetProperty("parentId").ValueKind == JsonValueKind.String && r.GetProperty("params").GetProperty("learning_rate").GetString() == "0.05");
        var sibling = runs.EnumerateArray().First(r => r.GetProperty("parentId").ValueKind == JsonValueKind.String && r.GetProperty("params").GetProperty("learning_rate").GetString() == "0.2");
        var id = child.GetProperty("id").GetString()!;

        // runs show: provenance, completeness, datasets, artifacts, attempts. Completeness is scored by a background
        // job once the run is stored (docs/jobs.md), so it may take a moment to appear.
        var show = await Eventually.UntilAsync(
            () => JsonAsync(temp.Path, "runs", "show", id, "--json", "--endpoint", serve.Endpoint),
            s => s.GetProperty("completeness").ValueKind != JsonValueKind.Null,
            _ => "the run's completeness was never scored",
            CliProcess.Timeout);

        var provenance = show.GetProperty("provenance");
        Assert.Equal(Environment.MachineName, provenance.GetProperty("host.name").GetString());
        Assert.Equal(Environment.Version.ToString(), provenance.GetProperty("process.runtime.version").GetString());
        Assert.Contains("demo", provenance.GetProperty("process.command_line").GetString(), StringComparison.Ordinal);
        Assert.Equal("7", provenance.GetProperty("ml.run.seed").GetString());
        var completeness = show.GetProperty("completeness").GetDouble();
        Assert.InRange(completeness, 0.0, 1.0);
        Assert.Equal(1, show.GetProperty("attempts").GetInt32());
        var datasets = show.GetProperty("datasets").EnumerateArray().ToList();
        Assert.Equal(["training", "validation"], datasets.Select(d => d.GetProperty("context").GetString()).Order());
        Assert.Equal(3200, datasets.Single(d => d.GetProperty("context").GetString() == "training").GetProperty("rows").GetInt64());
        var artifact = Assert.Single(show.GetProperty("artifacts").EnumerateArray());
        Assert.Equal("model", artifact.GetProperty("kind").GetString());

        // Artifacts: listed, and fetched with the checksum verified.
        var artifacts = await JsonAsync(temp.Path, "artifacts", "list", id, "--json", "--endpoint", serve.Endpoint);
        var path = Assert.Single(artifacts.EnumerateArray()).GetProperty("path").GetString()!;
        var fetched = temp.Combine("fetched-model.json");
        var get = await CliProcess.RunAsync(temp.Path, "artifacts", "get", id, path, "-o", fetched, "--endpoint", serve.Endpoint);
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Contains("\"weights\"", await File.ReadAllTextAsync(fetched, TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // A stored artifact whose bytes rotted is refused, and no file is left behind.
        var sha = artifact.GetProperty("sha256").GetString()!;
        var stored = Path.Combine(temp.Combine("data"), "artifacts", "sha256", sha[..2], sha[2..]);
        Assert.True(File.Exists(stored), "artifact bytes are not in the content-addressed store at " + stored);
        var bytes = await File.ReadAllBytesAsync(stored, TestContext.Current.CancellationToken);
        bytes[0] ^= 0xFF;
        await File.WriteAllBytesAsync(stored, bytes, TestContext.Current.CancellationToken);
        var corrupted = temp.Combine("corrupted-model.json");
        var refusedGet = await CliProcess.RunAsync(temp.Path, "artifacts", "get", id, path, "-o", corrupted, "--endpoint", serve.Endpoint);
        Assert.NotEqual(0, refusedGet.ExitCode);
        Assert.Single(refusedGet.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(corrupted));
        Assert.Empty(Directory.GetFiles(temp.Path, "corrupted-model.json*"));

        // Lineage: the training dataset is used by all five runs; the run shows its inputs and output.
        var trainingDigest = datasets.Single(d => d.GetProperty("context").GetString() == "training").GetProperty("digest").GetString()!;
        var byDataset = await JsonAsync(temp.Path, "lineage", trainingDigest, "--json", "--endpoint", serve.Endpoint);
        Assert.Equal(5, byDataset.GetProperty("produced").GetArrayLength());
        var byRun = await JsonAsync(temp.Path, "lineage", id, "--json", "--endpoint", serve.Endpoint);
        Assert.Equal(2, byRun.GetProperty("producedBy").GetArrayLength());
        Assert.Equal(artifact.GetProperty("sha256").GetString(), byRun.GetProperty("produced")[0].GetProperty("id").GetString());

        // Diff: the config differs, the data does not.
        var diff = await JsonAsync(temp.Path, "runs", "diff", id, sibling.GetProperty("id").GetString()!, "--json", "--endpoint", serve.Endpoint);
        Assert.True(diff.GetProperty("config").TryGetProperty("learning_rate", out _));
        Assert.Empty(diff.GetProperty("data").EnumerateObject());

        // Reproduce: manifest, check, a changed dataset is caught and refused, then a faithful re-run.
        var manifest = await JsonAsync(temp.Path, "reproduce", id, "--json", "--endpoint", serve.Endpoint);
        Assert.Equal("0.05", manifest.GetProperty("params").GetProperty("learning_rate").GetString());
        Assert.Equal("7", manifest.GetProperty("seed").GetString());
        Assert.Equal(2, manifest.GetProperty("datasets").GetArrayLength());
        Assert.Contains("demo", manifest.GetProperty("commandLine").GetString(), StringComparison.Ordinal);

        var check = await CliProcess.RunAsync(temp.Path, "reproduce", id, "--check", "--json", "--endpoint", serve.Endpoint);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.True(JsonDocument.Parse(check.Stdout).RootElement.GetProperty("ok").GetBoolean());

        var trainCsv = new Uri(datasets.Single(d => d.GetProperty("context").GetString() == "training").GetProperty("uri").GetString()!).LocalPath;
        var original = await File.ReadAllBytesAsync(trainCsv, TestContext.Current.CancellationToken);
        await File.AppendAllTextAsync(trainCsv, "1,2,3,4,5,6,7,8,1\n", TestContext.Current.CancellationToken);
        var changed = await CliProcess.RunAsync(temp.Path, "reproduce", id, "--check", "--endpoint", serve.Endpoint);
        Assert.Equal(5, changed.ExitCode);
        Assert.Contains("dataset synthetic-linear-8d (training): digest at", changed.Stdout, StringComparison.Ordinal);
        var refused = await CliProcess.RunAsync(temp.Path, "reproduce", id, "--run", "--endpoint", serve.Endpoint);
        Assert.Equal(5, refused.ExitCode);
        Assert.Contains("refusing to re-run", refused.Stderr, StringComparison.Ordinal);
        await File.WriteAllBytesAsync(trainCsv, original, TestContext.Current.CancellationToken);

        var rerun = await CliProcess.RunAsync(temp.Path, "reproduce", id, "--run", "--json", "--endpoint", serve.Endpoint);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        var result = JsonDocument.Parse(rerun.Stdout).RootElement;
        Assert.Equal(id, result.GetProperty("original").GetString());
        Assert.NotEqual(id, result.GetProperty("reproduction").GetString());
        Assert.True(result.GetProperty("withinTolerance").GetBoolean(), rerun.Stdout);
        Assert.Equal(0, result.GetProperty("metrics").GetProperty("val_accuracy").GetProperty("delta").GetDouble());

        var stats = await JsonAsync(temp.Path, "stats", "--experiment", Experiment, "--json", "--endpoint", serve.Endpoint);
        Assert.Equal(1, stats.GetProperty("reproductions").GetInt32());
        Assert.Equal(1.0, stats.GetProperty("reproducibilityRate").GetDouble());
    }

    private static async Task<JsonElement> JsonAsync(string workingDirectory, params string[] args)
    {
        var result = await CliProcess.RunAsync(workingDirectory, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }
}

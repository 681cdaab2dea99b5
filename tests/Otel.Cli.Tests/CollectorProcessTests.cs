using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>The real otel-track program: serve, demo and the read commands, as users and scripts run them.</summary>
public sealed class CollectorProcessTests
{
    private const string Experiment = "demo-logistic-regression";

    [Fact]
    public async Task Serve_KilledHardAndRestarted_StillListsEveryAcknowledgedRun()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("data");
        string[] ids;
        await using (var serve = await ServeProcess.StartAsync(data))
        {
            var demo = await CliProcess.RunAsync(temp.Path, "demo", "--endpoint", serve.Endpoint);
            Assert.True(demo.ExitCode == 0, demo.ToString());
            ids = RunIds(await ListJsonAsync(temp.Path, serve.Endpoint));
            Assert.Equal(6, ids.Length);
            await serve.KillHardAsync();
        }

        await using var restarted = await ServeProcess.StartAsync(data);
        var runs = await ListJsonAsync(temp.Path, restarted.Endpoint);
        Assert.Equal(ids.Order(), RunIds(runs).Order());
        Assert.All(runs.EnumerateArray(), r => Assert.Equal("FINISHED", r.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task ReadCommands_AfterDemo_PrintTheContractJson()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        var demo = await CliProcess.RunAsync(temp.Path, "demo", "--endpoint", serve.Endpoint);
        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("Leaderboard", demo.Stdout, StringComparison.Ordinal);

        var runs = await ListJsonAsync(temp.Path, serve.Endpoint);
        Assert.Equal(6, runs.GetArrayLength());
        foreach (var run in runs.EnumerateArray())
        {
            foreach (var field in new[] { "id", "experiment", "name", "status", "startTime", "endTime", "parentId", "params", "tags", "metrics" })
            {
                Assert.True(run.TryGetProperty(field, out _), $"runs list --json lacks '{field}': {run}");
            }

            Assert.True(DateTimeOffset.TryParse(run.GetProperty("startTime").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        }

        var sweep = runs.EnumerateArray().Single(r => r.GetProperty("parentId").ValueKind == JsonValueKind.Null);
        var children = runs.EnumerateArray().Where(r => r.GetProperty("parentId").GetString() == sweep.GetProperty("id").GetString()).ToList();
        Assert.Equal(5, children.Count);
        Assert.All(children, c => Assert.Equal(JsonValueKind.Number, c.GetProperty("metrics").GetProperty("val_accuracy").ValueKind));
        Assert.All(children, c => Assert.Equal(JsonValueKind.String, c.GetProperty("params").GetProperty("learning_rate").ValueKind));

        var childId = children[0].GetProperty("id").GetString()!;
        var show = await CliProcess.RunAsync(temp.Path, "runs", "show", childId, "--json", "--endpoint", serve.Endpoint);
        Assert.True(show.ExitCode == 0, show.ToString());
        var detail = JsonDocument.Parse(show.Stdout).RootElement;
        var history = detail.GetProperty("history").GetProperty("val_loss").EnumerateArray().ToList();
        Assert.Equal(8, history.Count);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), history.Select(p => p.GetProperty("step").GetInt64()));
        Assert.All(history, p => Assert.True(p.TryGetProperty("timestamp", out _) && p.TryGetProperty("value", out _)));
        Assert.Equal("otel-track-demo", detail.GetProperty("provenance").GetProperty("service.name").GetString());

        var otherId = children[1].GetProperty("id").GetString()!;
        var compare = await CliProcess.RunAsync(temp.Path, "runs", "compare", childId, otherId, "--json", "--endpoint", serve.Endpoint);
        Assert.True(compare.ExitCode == 0, compare.ToString());
        var comparison = JsonDocument.Parse(compare.Stdout).RootElement;
        Assert.Equal(2, comparison.GetProperty("runs").GetArrayLength());
        Assert.Contains("learning_rate", comparison.GetProperty("differingParams").EnumerateArray().Select(p => p.GetString()));
        Assert.DoesNotContain("model", comparison.GetProperty("differingParams").EnumerateArray().Select(p => p.GetString()));

        var human = await CliProcess.RunAsync(temp.Path, "runs", "list", "--endpoint", serve.Endpoint);
        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.Contains("FINISHED", human.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_ExitNonZero_WithOneLineReason()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));

        var unknown = await CliProcess.RunAsync(temp.Path, "runs", "show", "no-such-run", "--json", "--endpoint", serve.Endpoint);
        Assert.Equal(4, unknown.ExitCode);
        Assert.Empty(unknown.Stdout);
        Assert.Equal("otel-track: unknown run id 'no-such-run': list runs with `otel-track runs list`", unknown.Stderr.Trim());

        var unreachable = await CliProcess.RunAsync(temp.Path, "runs", "list", "--json", "--endpoint", "http://127.0.0.1:1");
        Assert.Equal(3, unreachable.ExitCode);
        Assert.Single(unreachable.Stderr.Trim().Split('\n'));
        Assert.Contains("cannot reach the collector at http://127.0.0.1:1/", unreachable.Stderr, StringComparison.Ordinal);

        var badPort = await CliProcess.RunAsync(temp.Path, "serve", "--data", temp.Combine("other"), "--grpc-port", "70000");
        Assert.Equal(2, badPort.ExitCode);
        Assert.Contains("--grpc-port 70000 is not a port number", badPort.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_Sigterm_StopsGracefullyWithExitZero()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        using var http = new HttpClient();
        using var health = await http.GetAsync(new Uri(serve.Http, "healthz"), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);

        Assert.Equal(0, await serve.TerminateAsync());
        Assert.Contains("stopping", serve.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_WithoutEndpoint_HostsItsOwnCollector()
    {
        using var temp = new TempDirectory();
        var demo = await CliProcess.RunAsync(temp.Path, "demo");
        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("Leaderboard", demo.Stdout, StringComparison.Ordinal);
        Assert.Contains("otel-track runs list --experiment " + Experiment, demo.Stdout, StringComparison.Ordinal);
        Assert.True(Directory.Exists(temp.Combine("otel-track-data")));

        await using var serve = await ServeProcess.StartAsync(temp.Combine("otel-track-data"));
        var runs = await ListJsonAsync(temp.Path, serve.Endpoint);
        Assert.Equal(6, runs.GetArrayLength());

        // The demo's last step: the best run's model registered and promoted to champion.
        var best = runs.EnumerateArray().Where(r => r.GetProperty("metrics").TryGetProperty("val_accuracy", out _) && r.GetProperty("parentId").ValueKind == JsonValueKind.String)
            .OrderByDescending(r => r.GetProperty("metrics").GetProperty("val_accuracy").GetDouble()).First().GetProperty("id").GetString()!;
        Assert.Contains("Registered " + Experiment + " version 1 from run", demo.Stdout, StringComparison.Ordinal);
        Assert.Contains("Promoted version 1 to champion", demo.Stdout, StringComparison.Ordinal);
        Assert.Contains("otel-track models show " + Experiment, demo.Stdout, StringComparison.Ordinal);
        var show = await CliProcess.RunAsync(temp.Path, "models", "show", Experiment, "--json", "--endpoint", serve.Endpoint);
        Assert.True(show.ExitCode == 0, show.ToString());
        var model = JsonDocument.Parse(show.Stdout).RootElement;
        Assert.Equal(1, model.GetProperty("aliases").GetProperty("champion").GetInt64());
        var version = Assert.Single(model.GetProperty("versions").EnumerateArray());
        Assert.Equal(best, version.GetProperty("runId").GetString());
    }

    private static async Task<JsonElement> ListJsonAsync(string workingDirectory, string endpoint)
    {
        var list = await CliProcess.RunAsync(workingDirectory, "runs", "list", "--experiment", Experiment, "--json", "--endpoint", endpoint);
        Assert.True(list.ExitCode == 0, list.ToString());
        return JsonDocument.Parse(list.Stdout).RootElement.Clone();
    }

    private static string[] RunIds(JsonElement runs) => runs.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToArray();
}

using System.Text.Json;
using Google.Protobuf;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Cli.Tests.Infrastructure;
using static Otel.Testing.OtlpRequests;

namespace Otel.Cli.Tests;

/// <summary>
/// Finding runs through the real otel-track program against a real collector process: filter, order, columns, CSV, empty
/// results that say why, experiments list, leaderboard and a sweep parent's children.
/// </summary>
public sealed class FindRunsProcessTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FindingRuns_ThroughTheCli_FiltersOrdersAndExplainsEmptyResults()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        await SeedAsync(serve);

        // Filter and order, MLflow's names; the direction as a second word or inside the field's string.
        Assert.Equal(["o1", "f1", "f3"], Ids(await JsonAsync("runs", "list", "--filter", "metrics.acc > 0", "--order-by", "metrics.acc", "desc")));
        Assert.Equal(["f1", "f3", "f2"], Ids(await JsonAsync("runs", "list", "--experiment", "find", "--order-by", "metrics.acc DESC")));
        Assert.Equal(["f3", "f2", "f1"], Ids(await JsonAsync("runs", "list", "--filter", "params.lr = '0.1' or (tags.owner = 'bo' and metrics.acc < 0)")));
        Assert.Equal(["f3", "f1"], Ids(await JsonAsync("runs", "list", "--filter", "params.lr = '0.1' or tags.owner = 'bo' and metrics.acc > 0")));
        Assert.Equal(["f2"], Ids(await JsonAsync("runs", "list", "--experiment", "find", "--order-by", "metrics.acc", "--limit", "1")));

        var bad = await RunAsync("runs", "list", "--filter", "params.x = 'a' and metrics.acc lr");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("otel-track: filter: at character 32: expected a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN) after 'metrics.acc', got 'lr'",
            bad.Stderr.Trim());

        var none = await RunAsync("runs", "list", "--filter", "metrics.acc > 2");
        Assert.Equal(0, none.ExitCode);
        Assert.Equal("No runs match the filter.", none.Stdout.Trim());

        var unknown = await RunAsync("runs", "list", "--experiment", "nosuch");
        Assert.Equal(4, unknown.ExitCode);
        Assert.Equal("otel-track: no experiment named 'nosuch'; experiments: find, other", unknown.Stderr.Trim());
        // Scripts (--json, --csv) keep an empty answer and exit 0, for polling; the reason goes to stderr.
        var unknownJson = await RunAsync("runs", "list", "--experiment", "nosuch", "--json");
        Assert.Equal((0, "[]", "otel-track: no experiment named 'nosuch'; experiments: find, other"), (unknownJson.ExitCode, unknownJson.Stdout.Trim(), unknownJson.Stderr.Trim()));
        Assert.Equal(0, (await JsonAsync("runs", "list", "--experiment", "find", "--filter", "metrics.acc > 2")).GetArrayLength());

        // CSV: fixed columns, then every metric and param of the listed runs, or the --columns ones.
        var csv = Lines((await SucceedAsync("runs", "list", "--experiment", "find", "--order-by", "attributes.run_name", "--csv")).Stdout);
        Assert.Equal("id,experiment,name,status,start_time,end_time,metrics.acc,params.lr,\"params.note, quoted\"", csv[0]);
        Assert.Equal("f1,find,alpha,FINISHED,2026-01-01T00:00:00.000Z,2026-01-01T00:00:30.000Z,0.9,0.1,\"'=1+1, \"\"x\"\"\"", csv[1]);
        Assert.Equal(4, csv.Length);
        var chosen = Lines((await SucceedAsync("runs", "list", "--experiment", "find", "--columns", "acc", "--csv")).Stdout);
        Assert.Equal("id,experiment,name,status,start_time,end_time,metrics.acc", chosen[0]);
        var noColumn = await RunAsync("runs", "list", "--experiment", "find", "--columns", "nope", "--csv");
        Assert.Equal(2, noColumn.ExitCode);
        Assert.Contains("no metric or param named 'nope' in the listed runs; metrics: acc; params: lr, note, quoted", noColumn.Stderr, StringComparison.Ordinal);
        var both = await RunAsync("runs", "list", "--json", "--csv");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("choose one of --json and --csv", both.Stderr, StringComparison.Ordinal);

        // Experiments and leaderboards.
        var experiments = await JsonAsync("experiments", "list");
        var find = experiments.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "find");
        Assert.Equal(3, find.GetProperty("runs").GetInt64());
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T00:02:00Z", System.Globalization.CultureInfo.InvariantCulture), find.GetProperty("lastRunTime").GetDateTimeOffset());
        Assert.Equal("name,runs,last_run_time", Lines((await SucceedAsync("experiments", "list", "--csv")).Stdout)[0]);

        var board = await JsonAsync("leaderboard", "find", "--metric", "acc", "--order", "desc");
        Assert.Equal([("f1", "alpha"), ("f3", "gamma"), ("f2", "beta")],
            board.EnumerateArray().Select(e => (e.GetProperty("runId").GetString(), e.GetProperty("runName").GetString())));
        Assert.Equal(["rank,run_id,run_name,value,step", "1,f2,beta,-1,1"], Lines((await SucceedAsync("leaderboard", "find", "--metric", "acc", "--limit", "1", "--csv")).Stdout));
        var noExperiment = await RunAsync("leaderboard", "nosuch", "--metric", "acc");
        Assert.Equal((4, "otel-track: no experiment named 'nosuch'; experiments: find, other"), (noExperiment.ExitCode, noExperiment.Stderr.Trim()));
        var noMetric = await RunAsync("leaderboard", "find", "--metric", "f1");
        Assert.Equal((4, "otel-track: no run of experiment 'find' logged a metric named 'f1'; its metrics: acc"), (noMetric.ExitCode, noMetric.Stderr.Trim()));

        // A sweep parent lists its children.
        var children = (await JsonAsync("runs", "show", "f1")).GetProperty("children");
        Assert.Equal(["f3"], children.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(0.5, children[0].GetProperty("metrics").GetProperty("acc").GetDouble());

        async Task<JsonElement> JsonAsync(params string[] args) => JsonDocument.Parse((await SucceedAsync([.. args, "--json"])).Stdout).RootElement.Clone();

        async Task<CliResult> SucceedAsync(params string[] args)
        {
            var result = await RunAsync(args);
            Assert.True(result.ExitCode == 0, result.ToString());
            return result;
        }

        Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(temp.Path, [.. args, "--endpoint", serve.Endpoint]);
    }

    private static string[] Ids(JsonElement runs) => [.. runs.EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];

    private static string[] Lines(string csv) => csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// find: f1 alpha (acc 0.9, lr 0.1, a formula-like param), f2 beta (acc -1, owner bo), f3 gamma (acc 0.5, lr 0.1, child
    /// of f1), a minute apart from T0; other: o1 (acc 0.95).
    /// </summary>
    internal static async Task SeedAsync(ServeProcess serve)
    {
        Span[] spans =
        [
            .. Run("f1", "find", "alpha", 0, 0.9, Attr("ml.param.lr", "0.1"), Attr("ml.param.note, quoted", "=1+1, \"x\"")),
            .. Run("f2", "find", "beta", 1, -1, Attr("ml.tag.owner", "bo")),
            .. Run("f3", "find", "gamma", 2, 0.5, Attr("ml.param.lr", "0.1"), Attr("ml.run.parent_id", "f1")),
            .. Run("o1", "other", "omega", 3, 0.95),
        ];
        using var http = new HttpClient { BaseAddress = serve.Http };
        using var content = new ByteArrayContent(TracesRequest(spans).ToByteArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        using var response = await http.PostAsync("v1/traces", content, Cancellation);
        Assert.True(response.IsSuccessStatusCode);
    }

    private static Span[] Run(string id, string experiment, string name, int minute, double acc, params OpenTelemetry.Proto.Common.V1.KeyValue[] attributes)
    {
        var start = (ulong)minute * 60 * Second;
        var startSpan = RunSpan("ml.run.start", id, experiment, [Attr("ml.run.name", name), .. attributes]);
        startSpan.StartTimeUnixNano = startSpan.EndTimeUnixNano = T0 + start;
        var end = RunSpan("ml.run", id, experiment, [Attr("ml.run.name", name), .. attributes]);
        end.TraceId = startSpan.TraceId;
        end.StartTimeUnixNano = T0 + start;
        end.EndTimeUnixNano = T0 + start + (30 * Second);
        end.Status = new Status { Code = Status.Types.StatusCode.Ok };
        end.Events.Add(MetricEvent("acc", acc, 1, T0 + start + Second));
        return [startSpan, end];
    }
}

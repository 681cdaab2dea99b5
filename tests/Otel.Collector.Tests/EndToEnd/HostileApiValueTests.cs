using System.Text.Json;
using Otel.Collector.Tests.Storage;
using Otel.Tracking;
using static Otel.Collector.Tests.EndToEnd.OtlpSpans;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>
/// Hostile strings (quotes, <c>--</c>, <c>;</c>, backslashes, NUL, newlines, 100 KB…) sent over OTLP to a collector
/// on real sockets, then used as every query-API filter that reaches SQL: each comes back intact.
/// </summary>
public sealed class HostileApiValueTests
{
    public static TheoryData<string> Names => HostileValues.Names;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Names))]
    public async Task HostileValue_AsExperimentRunIdMetricKeyDatasetAndLineageKey_ComesBackThroughEveryEndpoint(string name)
    {
        await using var collector = await RunningCollector.StartAsync("hostile_api");
        var value = HostileValues.All[name];
        // A URL carries a few KB (Kestrel answers 414 beyond 8 KB): the 100 KB value is stored and read back, not used as a filter.
        var inUrl = value.Length is > 0 and <= 2048;
        var experiment = inUrl ? value : "hostile-experiment";
        var runId = PathSafe(value) ? value : "hostile-run-" + Guid.NewGuid().ToString("N");
        var otherId = runId + "-2";
        var metric = inUrl ? value : "metric";
        var digest = inUrl ? value : "digest";

        var spans = new[] { runId, otherId }.SelectMany(id =>
        {
            var run = RunSpan("ml.run", id, experiment, value, Attr("ml.param.p", value));
            run.Events.Add(Event("ml.metric", Attr("ml.metric.key", metric), Attr("ml.metric.value", id == runId ? 0.25 : 0.5), Attr("ml.metric.step", 3L)));
            run.Events.Add(Event("ml.dataset", Attr("ml.dataset.name", value.Length > 0 ? value : "data"), Attr("ml.dataset.digest", digest), Attr("ml.dataset.context", "training")));
            return new[] { RunSpan("ml.run.start", id, experiment, value), run };
        }).ToArray();
        await SendAsync(collector.Api, Request([Attr("service.name", "hostile")], spans), Cancellation);

        var e = Uri.EscapeDataString(experiment);
        var id = Uri.EscapeDataString(runId);
        var m = Uri.EscapeDataString(metric);
        var listed = await GetAsync(collector, $"api/runs?experiment={e}");
        Assert.Equal(2, listed.GetArrayLength());
        var summary = listed.EnumerateArray().Single(r => r.GetProperty("id").GetString() == runId);
        Assert.Equal(runId, summary.GetProperty("id").GetString());
        Assert.Equal(experiment, summary.GetProperty("experiment").GetString());
        Assert.Equal(value, summary.GetProperty("name").GetString());
        Assert.Equal(value, summary.GetProperty("params").GetProperty("p").GetString());
        Assert.Equal(0.25, summary.GetProperty("metrics").GetProperty(metric).GetDouble());

        var detail = await GetAsync(collector, $"api/runs/{id}");
        Assert.Equal(runId, detail.GetProperty("id").GetString());
        Assert.Equal(digest, Assert.Single(detail.GetProperty("datasets").EnumerateArray()).GetProperty("digest").GetString());

        var history = await GetAsync(collector, $"api/runs/{id}/history?key={m}");
        Assert.Equal(3, Assert.Single(history.EnumerateArray()).GetProperty("step").GetInt64());

        var board = await GetAsync(collector, $"api/leaderboard?experiment={e}&metric={m}&order=asc");
        Assert.Equal([runId, otherId], board.EnumerateArray().Select(r => r.GetProperty("runId").GetString()));

        var byDataset = await GetAsync(collector, $"api/runs?dataset={Uri.EscapeDataString(digest)}");
        Assert.Contains(runId, byDataset.EnumerateArray().Select(r => r.GetProperty("id").GetString()));

        var other = Uri.EscapeDataString(otherId);
        var compare = await GetAsync(collector, $"api/runs/compare?id={id}&id={other}");
        Assert.Equal([runId, otherId], compare.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()));

        var diff = await GetAsync(collector, $"api/runs/diff?a={id}&b={other}");
        Assert.Equal(JsonValueKind.Object, diff.ValueKind);

        var stats = await GetAsync(collector, $"api/stats?experiment={e}");
        Assert.Equal(2, stats.GetProperty("runs").GetInt64());

        Assert.Equal(JsonValueKind.Array, (await GetAsync(collector, $"api/runs/{id}/artifacts")).ValueKind);
        if (PathSafe(digest))
        {
            var lineage = await GetAsync(collector, $"api/lineage/{Uri.EscapeDataString(digest)}");
            Assert.Contains(runId, JsonStrings.In(lineage));
        }
    }

    /// <summary>Values that the run id rule refuses (control characters, empty, too long) travel in query strings only.</summary>
    private static bool PathSafe(string value) => RunIdRule.Check(value) is null;

    private static async Task<JsonElement> GetAsync(RunningCollector collector, string path)
    {
        using var response = await collector.Api.GetAsync(path, Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"GET {path[..Math.Min(path.Length, 200)]} → {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

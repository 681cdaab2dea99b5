using System.Text;
using System.Text.Json;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>
/// A foreign client (any OTel SDK, here raw OTLP/JSON) that names the experiment only on the run's own spans:
/// its metric spans carry <c>ml.run.id</c> alone, some of them before the run's start span arrives. Points belong to
/// their run's experiment all the same (issue 8, part 10).
/// </summary>
public sealed class ForeignClientLeaderboardTests
{
    private const string Experiment = "foreign-exp";
    private const ulong T0 = 1_767_225_600_000_000_000;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MetricSpansWithOnlyRunId_LeaderboardAndRunsListOfTheRunsExperiment_IncludeTheRunAndItsMetrics()
    {
        await using var collector = await RunningCollector.StartAsync("foreign_leaderboard");

        // Run "early": its metrics arrive in a request before its start span; run "late": after it.
        await PostAsync(collector, "v1/traces", Traces(MetricSpan("early", 1, 0.40), MetricSpan("early", 2, 0.20)));
        await PostAsync(collector, "v1/traces", Traces(RunSpan("ml.run.start", "early"), RunSpan("ml.run.start", "late")));
        await PostAsync(collector, "v1/traces", Traces(MetricSpan("late", 1, 0.30), RunSpan("ml.run", "early"), RunSpan("ml.run", "late")));
        await PostAsync(collector, "v1/metrics", GaugeWithOnlyRunId("gpu.utilization", "late", 0.75));

        var board = await collector.GetJsonAsync($"api/leaderboard?experiment={Experiment}&metric=val_loss&order=asc");
        Assert.Equal([("early", 0.20, 2L), ("late", 0.30, 1L)],
            board.EnumerateArray().Select(e => (e.GetProperty("runId").GetString(), e.GetProperty("value").GetDouble(), e.GetProperty("step").GetInt64())));
        var gpu = await collector.GetJsonAsync($"api/leaderboard?experiment={Experiment}&metric=gpu.utilization&order=desc");
        Assert.Equal("late", Assert.Single(gpu.EnumerateArray()).GetProperty("runId").GetString());
        Assert.Empty((await collector.GetJsonAsync("api/leaderboard?experiment=Default&metric=val_loss&order=asc")).EnumerateArray());

        var runs = (await collector.ListRunsAsync(Experiment)).ToDictionary(r => r.Id);
        Assert.Equal(["early", "late"], runs.Keys.Order());
        Assert.Equal(0.20, runs["early"].Metrics["val_loss"]);
        Assert.Equal(0.30, runs["late"].Metrics["val_loss"]);
        Assert.Equal(0.75, runs["late"].Metrics["gpu.utilization"]);
        Assert.Empty(await collector.ListRunsAsync("Default"));
    }

    private static async Task PostAsync(RunningCollector collector, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await collector.Api.PostAsync(path, content, Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.DoesNotContain("rejected", body, StringComparison.Ordinal);
    }

    private static string Traces(params object[] spans) => JsonSerializer.Serialize(new
    {
        resourceSpans = new[]
        {
            new
            {
                resource = new { attributes = new[] { Attr("service.name", "python-trainer") } },
                scopeSpans = new[] { new { scope = new { name = "my.tracker" }, spans } },
            },
        },
    });

    /// <summary>The run's own spans: the only ones that name the experiment.</summary>
    private static object RunSpan(string name, string runId) => Span(name, runId, T0, name == "ml.run" ? T0 + 60_000_000_000 : T0,
        [Attr("ml.run.id", runId), Attr("ml.experiment.name", Experiment), Attr("ml.run.name", runId)], []);

    private static object MetricSpan(string runId, long step, double value) => Span("train.epoch", runId, T0 + ((ulong)step * 1_000_000_000), T0 + ((ulong)step * 1_000_000_000),
        [Attr("ml.run.id", runId)],
        [new { name = "ml.metric", timeUnixNano = (T0 + ((ulong)step * 1_000_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture), attributes = new[] { Attr("ml.metric.key", "val_loss"), new { key = "ml.metric.value", value = (object)new { doubleValue = value } }, new { key = "ml.metric.step", value = (object)new { intValue = step.ToString(System.Globalization.CultureInfo.InvariantCulture) } } } }]);

    private static object Span(string name, string runId, ulong start, ulong end, object[] attributes, object[] events) => new
    {
        traceId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(runId))[..16]),
        spanId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8]),
        name,
        kind = 1,
        startTimeUnixNano = start.ToString(System.Globalization.CultureInfo.InvariantCulture),
        endTimeUnixNano = end.ToString(System.Globalization.CultureInfo.InvariantCulture),
        attributes,
        events,
    };

    private static string GaugeWithOnlyRunId(string metric, string runId, double value) => JsonSerializer.Serialize(new
    {
        resourceMetrics = new[]
        {
            new
            {
                resource = new { attributes = new[] { Attr("service.name", "python-trainer") } },
                scopeMetrics = new[]
                {
                    new
                    {
                        metrics = new[]
                        {
                            new
                            {
                                name = metric,
                                gauge = new { dataPoints = new[] { new { timeUnixNano = (T0 + 5_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture), asDouble = value, attributes = new[] { Attr("ml.run.id", runId) } } } },
                            },
                        },
                    },
                },
            },
        },
    });

    private static object Attr(string key, string value) => new { key, value = new { stringValue = value } };
}

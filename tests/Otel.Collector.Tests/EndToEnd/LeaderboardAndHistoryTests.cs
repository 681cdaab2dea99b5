using OpenTelemetry.Proto.Common.V1;
using static Otel.Collector.Tests.EndToEnd.OtlpSpans;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.EndToEnd;

public sealed class LeaderboardAndHistoryTests
{
    [Fact]
    public async Task Leaderboard_RanksRunsByLatestValue_AndHistoryIsDownsampledKeepingExtremes()
    {
        await using var collector = await RunningCollector.StartAsync("leaderboard");
        var ct = TestContext.Current.CancellationToken;
        var experiment = "lb-" + Guid.NewGuid().ToString("N");
        const int points = 12_000;
        foreach (var (runId, final) in new[] { ("a", 0.30), ("b", 0.10), ("c", 0.20) })
        {
            var span = RunSpan("ml.run", runId, experiment, runId);
            var values = Enumerable.Range(0, points).Select(i => i == points - 1 ? final : 1.0 + i % 7).ToList();
            values[4321] = 99; // a spike that downsampling must not hide
            span.Events.Add(Event("ml.metrics",
                new KeyValue { Key = "ml.metric.keys", Value = Array(Enumerable.Repeat("val_loss", points).Select(k => new AnyValue { StringValue = k })) },
                new KeyValue { Key = "ml.metric.values", Value = Array(values.Select(v => new AnyValue { DoubleValue = v })) },
                new KeyValue { Key = "ml.metric.steps", Value = Array(Enumerable.Range(0, points).Select(i => new AnyValue { IntValue = i })) }));
            await SendAsync(collector.Api, Request([Attr("service.name", "t")], RunSpan("ml.run.start", runId, experiment, runId), span), ct);
        }

        var board = await collector.GetJsonAsync($"api/leaderboard?experiment={experiment}&metric=val_loss&order=asc");
        Assert.Equal(["b", "c", "a"], board.EnumerateArray().Select(e => e.GetProperty("runId").GetString()));
        Assert.Equal(0.10, board[0].GetProperty("value").GetDouble());
        Assert.Equal(points - 1, board[0].GetProperty("step").GetInt64());

        var history = (await collector.GetJsonAsync("api/runs/a/history?key=val_loss&maxPoints=2000")).EnumerateArray().ToList();
        Assert.InRange(history.Count, 1000, 2000);
        Assert.Equal(points, history.Sum(p => p.GetProperty("points").GetInt64()));
        Assert.Equal(points - 1, history[^1].GetProperty("step").GetInt64());
        Assert.Equal(0.30, history[^1].GetProperty("value").GetDouble());
        Assert.Equal(99, history.Max(p => p.GetProperty("max").GetDouble()));

        // A run's detail keeps at most 10,000 points per series and says which series it downsampled.
        var detail = await collector.GetRunAsync("a");
        Assert.Equal(["val_loss"], detail.DownsampledHistory);
        Assert.InRange(detail.History["val_loss"].Count, 5000, 10_000);
        Assert.Equal(0.30, detail.History["val_loss"][^1].Value);

        using var bad = await collector.Api.GetAsync("api/leaderboard?experiment=x", ct);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task History_WideStepRange_IsReadFromTheStepRollup_WithTheSameLastMinMaxAndPointCount()
    {
        await using var collector = await RunningCollector.StartAsync("rollup_history");
        var ct = TestContext.Current.CancellationToken;
        var experiment = "rollup-" + Guid.NewGuid().ToString("N");
        const int points = 5_000;
        var steps = Enumerable.Range(0, points).Select(i => (long)i * 997 - 20_000).ToList(); // negative steps too
        var values = Enumerable.Range(0, points).Select(i => Math.Sin(i / 50.0)).ToList();
        values[2345] = 42; // a spike
        var span = RunSpan("ml.run", "wide", experiment, "wide");
        span.Events.Add(Event("ml.metrics",
            new KeyValue { Key = "ml.metric.keys", Value = Array(Enumerable.Repeat("loss", points).Select(k => new AnyValue { StringValue = k })) },
            new KeyValue { Key = "ml.metric.values", Value = Array(values.Select(v => new AnyValue { DoubleValue = v })) },
            new KeyValue { Key = "ml.metric.steps", Value = Array(steps.Select(v => new AnyValue { IntValue = v })) }));
        var request = Request([Attr("service.name", "t")], RunSpan("ml.run.start", "wide", experiment, "wide"), span);
        await SendAsync(collector.Api, request, ct);
        await SendAsync(collector.Api, request, ct); // a client retry: values stay exact

        // 5 M steps in 50 buckets: 100,000 steps each, far above the rollup's 1,024-step blocks.
        var history = (await collector.GetJsonAsync("api/runs/wide/history?key=loss&maxPoints=50")).EnumerateArray().ToList();
        Assert.InRange(history.Count, 40, 50);
        Assert.Equal(steps[^1], history[^1].GetProperty("step").GetInt64());
        Assert.Equal(values[^1], history[^1].GetProperty("value").GetDouble(), 12);
        Assert.Equal(42, history.Max(p => p.GetProperty("max").GetDouble()));
        Assert.Equal(values.Min(), history.Min(p => p.GetProperty("min").GetDouble()), 12);
        Assert.True(history.Sum(p => p.GetProperty("points").GetInt64()) >= points);
        foreach (var bucket in history)
        {
            // Each bucket's value is the value at its last step.
            var step = bucket.GetProperty("step").GetInt64();
            Assert.Equal(values[steps.IndexOf(step)], bucket.GetProperty("value").GetDouble(), 12);
        }
    }

    private static AnyValue Array(IEnumerable<AnyValue> values)
    {
        var array = new ArrayValue();
        array.Values.AddRange(values);
        return new AnyValue { ArrayValue = array };
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Otel.Collector.ClickHouse;
using Otel.Collector.Jobs;
using Otel.Collector.Production;
using Otel.Collector.Production.Drift;
using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking.Query.Production;

namespace Otel.Collector.Tests.Production.Drift;

/// <summary>The drift job on the seeded collector (<see cref="DriftScenario"/>): its <c>ml_drift</c> rows, written through the pipeline, keyed per window.</summary>
[Collection(SharedDriftScenario.Name)]
public sealed class DriftJobTests(DriftScenario scenario)
{
    private DriftRig Rig => scenario.Rig;

    [Fact]
    public async Task DriftJob_Run_WritesARowPerWindowAndDistributionOfEveryVersionThatServed_AndASecondCollectorReplacesThem()
    {
        // Steps of a minute, so that all three windows end at the same minute, after the telemetry.
        var options = new DriftOptions
        {
            Windows = [(ServingWindow.FifteenMinutes, TimeSpan.FromMinutes(1)), (ServingWindow.OneHour, TimeSpan.FromMinutes(1)), (ServingWindow.OneDay, TimeSpan.FromMinutes(1))],
        };
        // Both collectors run within the same minute, so they compute the same windows.
        var afterTelemetry = Rig.Start.AddMinutes(14);
        var end = afterTelemetry.AddTicks(-(afterTelemetry.Ticks % TimeSpan.TicksPerMinute));
        var now = new FakeTimeProvider(end.AddSeconds(1));

        await RunAsync(options, now);
        var rows = await Eventually.UntilAsync(() => RowsAsync(end), r => r.Count == 24, r => $"{r.Count} ml_drift rows ending {end:O}", TestTimeouts.Default);
        // Another collector computing the same windows later in the minute (after a lease change): same keys, newer rows.
        var second = end.AddSeconds(30);
        await RunAsync(options, new FakeTimeProvider(second));
        await Eventually.UntilAsync(
            () => ComputedAtAsync(end), at => at == (second.ToUnixTimeMilliseconds(), second.ToUnixTimeMilliseconds()),
            at => $"rows computed at {at} after the second collector's run", TestTimeouts.Default);

        Assert.Equal(24, (await RowsAsync(end)).Count);
        Assert.Equal(["15m", "1d", "1h"], rows.Select(r => r.Window).Distinct().Order(StringComparer.Ordinal));
        Assert.All(rows.Where(r => r.Version == 2), r => Assert.Equal(DriftStatus.InsufficientData, r.Status));
        foreach (var window in new[] { "15m", "1h", "1d" })
        {
            var version1 = rows.Where(r => r.Version == 1 && r.Window == window).ToDictionary(r => r.Feature);
            Assert.Equal((DriftStatus.Drift, 2000L, 1000L), (version1["age"].Status, version1["age"].Count, version1["age"].BaselineCount));
            Assert.Equal(ReferenceDrift.Of(DriftScenario.AgeBaseline, DriftScenario.AgeShifted, categorical: false).Psi, version1["age"].Psi!.Value, 1e-9);
            Assert.All(["income", "country", "score"], feature => Assert.Equal(DriftStatus.Ok, version1[feature].Status));
            Assert.Equal(300L, version1["income"].MismatchedCount);
        }
    }

    [Fact]
    public async Task DriftJob_LeaseBudgetUsed_StopsAfterAModelAndTheNextRunCarriesOn()
    {
        var options = new DriftOptions
        {
            Windows = [(ServingWindow.FifteenMinutes, TimeSpan.FromMinutes(1)), (ServingWindow.OneHour, TimeSpan.FromMinutes(1)), (ServingWindow.OneDay, TimeSpan.FromMinutes(1))],
        };
        // A minute after the other job test's windows, so the rows here are this test's own.
        var afterTelemetry = Rig.Start.AddMinutes(15);
        var end = afterTelemetry.AddTicks(-(afterTelemetry.Ticks % TimeSpan.TicksPerMinute));
        // No budget at all: every run computes one model, then leaves the rest to the next run.
        var job = ActivatorUtilities.CreateInstance<DriftJob>(Rig.Collector.Host.Services, options, new JobOptions { LeaseDuration = TimeSpan.Zero }, new FakeTimeProvider(end.AddSeconds(1)));

        await RunAsync(job);
        var first = await Eventually.UntilAsync(() => RowsAsync(end, model: null), r => r.Count == 8, r => $"{r.Count} rows after the first run", TestTimeouts.Default);
        for (var i = 0; i < 4; i++)
        {
            await RunAsync(job);
        }

        var all = await Eventually.UntilAsync(() => RowsAsync(end, model: null), r => r.Count == 36, r => $"{r.Count} rows after five runs", TestTimeouts.Default);

        Assert.All(first, r => Assert.Equal(("churn", "15m"), (r.Model, r.Window)));
        Assert.Equal([("churn", 24), ("loan", 12)], all.GroupBy(r => r.Model).Select(g => (g.Key, g.Count())).Order());
        Assert.All(all.Where(r => r.Model == "loan"), r => Assert.Equal(DriftStatus.InsufficientData, r.Status));
    }

    private Task RunAsync(DriftOptions options, TimeProvider time) => RunAsync(ActivatorUtilities.CreateInstance<DriftJob>(Rig.Collector.Host.Services, options, time));

    private static Task RunAsync(DriftJob job) =>
        job.RunOnceAsync(new JobRun(job.Name, 1, "test"), TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);

    private async Task<List<DriftResult>> RowsAsync(DateTimeOffset end, string? model = "churn")
    {
        var output = await Rig.Collector.Store.QueryAsync(
            """
            SELECT ModelName, ModelVersion, Feature, Kind, Type, Window, Psi, Js, Ks, Count, BaselineCount, MismatchedCount, Status
            FROM ml_drift FINAL WHERE (ModelName = {model:String} OR {model:String} = '') AND WindowEnd = toDateTime({end:Int64}, 'UTC')
            SETTINGS output_format_json_quote_denormals = 1
            """,
            "JSONEachRow", new QueryParameters().Add("end", end.ToUnixTimeSeconds()).Add("model", model ?? ""), TestContext.Current.CancellationToken);
        return JsonRows.Parse(output).Select(row => new DriftResult
        {
            Model = row.String("ModelName"),
            Version = row.Int64("ModelVersion"),
            Feature = row.String("Feature"),
            Kind = row.String("Kind"),
            Type = row.String("Type"),
            Window = row.String("Window"),
            WindowStart = end,
            WindowEnd = end,
            Psi = row.GetProperty("Psi").ValueKind == System.Text.Json.JsonValueKind.Null ? null : row.Double("Psi"),
            Count = row.Int64("Count"),
            BaselineCount = row.Int64("BaselineCount"),
            MismatchedCount = row.Int64("MismatchedCount"),
            Status = row.String("Status"),
        }).ToList();
    }

    /// <summary>The oldest and newest ComputedAt (unix ms) of the rows that count (FINAL).</summary>
    private async Task<(long Min, long Max)> ComputedAtAsync(DateTimeOffset end)
    {
        const string sql = """
            SELECT toUnixTimestamp64Milli(min(ComputedAt)) AS Oldest, toUnixTimestamp64Milli(max(ComputedAt)) AS Newest
            FROM ml_drift FINAL WHERE ModelName = 'churn' AND WindowEnd = toDateTime({end:Int64}, 'UTC')
            """;
        var output = await Rig.Collector.Store.QueryAsync(sql, "JSONEachRow", new QueryParameters().Add("end", end.ToUnixTimeSeconds()), TestContext.Current.CancellationToken);
        var row = JsonRows.Parse(output).Single();
        return (row.Int64("Oldest"), row.Int64("Newest"));
    }
}

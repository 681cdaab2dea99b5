using System.Globalization;
using System.Net;
using System.Text;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Tests.Registry;

/// <summary>The seeds' M4 in /api/stats: from run end to the first move of <c>production</c> to the run's version.</summary>
public sealed class TimeToPromoteTests
{
    [Fact]
    public async Task Stats_VersionsMovedToProduction_TimeFromRunEndToTheFirstMove_OtherAliasesAndLaterMovesIgnored()
    {
        await using var collector = await RegistryCollector.StartAsync("registry_time_to_promote");
        var empty = await StatsAsync(collector, "churn-exp");
        var first = await collector.SeedRunAsync("churn-exp");
        var second = await collector.SeedRunAsync("churn-exp", accuracy: 0.95);
        await Register(collector, first);
        await Register(collector, second);

        await Move(collector, "production", 1);
        await Move(collector, "staging", 2);
        await Move(collector, "production", 2);
        await Move(collector, "production", 1);
        var stats = await StatsAsync(collector, "churn-exp");
        var other = await StatsAsync(collector, "another-exp");

        Assert.Equal(new TimeToPromote(0, null, null, null), empty);
        Assert.Equal(new TimeToPromote(0, null, null, null), other);
        var expected = new[] { await SecondsAsync(collector, first.RunId, 1), await SecondsAsync(collector, second.RunId, 2) }.Order().ToArray();
        Assert.Equal(2, stats.Versions);
        Assert.Equal(expected[1], stats.MaxSeconds!.Value, 3);
        Assert.Equal((expected[0] + expected[1]) / 2, stats.P50Seconds!.Value, 3);
        Assert.Equal(expected[0] + (0.9 * (expected[1] - expected[0])), stats.P90Seconds!.Value, 3);
    }

    private static async Task Register(RegistryCollector collector, RegistryRuns.SeededRun run)
    {
        var (status, _) = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions", new ModelRegistration { RunId = run.RunId, Artifact = run.ArtifactPath });
        Assert.Equal(HttpStatusCode.Created, status);
    }

    private static async Task Move(RegistryCollector collector, string alias, long version)
    {
        var (status, _) = await collector.SendAsync(HttpMethod.Put, $"api/models/churn/aliases/{alias}", new ModelAliasTarget(version));
        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static async Task<TimeToPromote> StatsAsync(RegistryCollector collector, string experiment)
    {
        var (status, body) = await collector.SendAsync(HttpMethod.Get, $"api/stats?experiment={experiment}");
        Assert.Equal(HttpStatusCode.OK, status);
        return System.Text.Json.JsonSerializer.Deserialize<RunStats>(body, QueryJson.Options)!.TimeToPromote!;
    }

    /// <summary>What M4 should be for one version, from the stored run end and the stored first move.</summary>
    private static async Task<double> SecondsAsync(RegistryCollector collector, string runId, long version)
    {
        var text = Encoding.UTF8.GetString(await collector.Store.QueryAsync(
            "SELECT toUnixTimestamp64Milli(min(MovedAt)) - (SELECT toUnixTimestamp64Milli(assumeNotNull(EndTime)) FROM ml_runs FINAL WHERE RunId = {run:String}) " +
            "FROM ml_model_alias_moves WHERE Name = 'churn' AND Alias = 'production' AND Version = {version:Int64}", "TabSeparated",
            new Otel.Collector.ClickHouse.QueryParameters().Add("run", runId).Add("version", version), RegistryCollector.Cancellation).Within());
        return long.Parse(text.Trim(), CultureInfo.InvariantCulture) / 1000.0;
    }
}

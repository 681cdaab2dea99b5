using Otel.Collector.Retention;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Lifecycle;

/// <summary>The retention job deletes what <c>retention show</c> predicted: old points, raw rows and artifacts of its experiment only, never of held or registered runs.</summary>
public sealed class RetentionTests
{
    private const ulong Day = 86_400 * Second;

    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch.AddTicks((long)(T0 / 100)).AddDays(50);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retention_DeletesWhatShowPredicted_OfItsExperimentOnly_SparingHeldAndRegisteredRuns()
    {
        await using var rig = await LifecycleRig.StartAsync("retention", Now);
        var oldBlob = await rig.SendRunAsync("r1", "kept-short", [T0 + Second, T0 + (45 * Day)], "r1's old model");
        await rig.SendRunAsync("held", "kept-short", [T0 + Second], "held model");
        var registered = await rig.SendRunAsync("registered", "kept-short", [T0 + Second], "registered model");
        await rig.RegisterAsync("registered", registered!);
        await rig.SendRunAsync("elsewhere", "kept-long", [T0 + Second], "another experiment's model");
        await rig.Service.HoldAsync("held", hold: true, "legal", Cancellation);
        var rawOfR1 = await rig.CountAsync("SELECT count() FROM otel_traces WHERE SpanAttributes['ml.run.id'] = {id:String}", "r1");
        var untouched = new Dictionary<string, Dictionary<string, long>>();
        foreach (var run in new[] { "held", "registered", "elsewhere" })
        {
            untouched[run] = await rig.RowsOfAsync(run);
        }

        var policy = new RetentionPolicy("kept-short", PointsDays: 30, RawDays: 30, ArtifactDays: 30, "alice", Now);
        await new RetentionPolicyStore(rig.Store, rig.Pipeline).WriteAsync(policy, "entry", Cancellation);
        var forecast = await rig.Forecaster.ForecastAsync(policy, Cancellation);

        Assert.Equal((1, 1), (forecast.Points!.Due, forecast.Points.Runs));
        Assert.Equal(T0Time.AddDays(45 + 30), forecast.Points.NextDueAt);
        Assert.Equal((rawOfR1, 1), (forecast.Raw!.Due, forecast.Raw.Runs));
        Assert.Equal((1, 1), (forecast.Artifacts!.Due, forecast.Artifacts.Runs));
        Assert.Equal(2, forecast.ProtectedRuns);

        await LifecycleRig.RunAsync(rig.RetentionJob);

        var r1 = await rig.RowsOfAsync("r1");
        Assert.Equal(1, r1["ml_metrics"]);
        Assert.Equal(0, r1["otel_traces"]);
        Assert.Equal(0, r1["ml_artifacts"]);
        Assert.True(r1["ml_runs"] > 0);
        Assert.Null(await rig.Artifacts.GetSizeAsync(oldBlob!, Cancellation));
        foreach (var (run, rows) in untouched)
        {
            Assert.Equal(rows, await rig.RowsOfAsync(run));
        }

        var after = await rig.Forecaster.ForecastAsync(policy, Cancellation);
        Assert.Equal((0L, 0L, 0L), (after.Points!.Due, after.Raw!.Due, after.Artifacts!.Due));
        Assert.Equal(1, await rig.CountAsync(
            "SELECT count() FROM ml_audit_pending WHERE Action = 'retention.enforced' AND Actor = 'system:retention' AND Target = {id:String}", "experiment:kept-short"));
    }

    private static DateTimeOffset T0Time => DateTimeOffset.UnixEpoch.AddTicks((long)(T0 / 100));
}

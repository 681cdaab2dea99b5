using System.Net;
using System.Net.Http.Json;
using Otel.Collector.Production.Slo;
using Otel.Collector.Tests.EndToEnd;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking.Query;

namespace Otel.Collector.Tests.Production.Slo;

/// <summary>Loading SLOs: <c>PUT /api/slos</c> (what <c>slo apply</c> sends) and <c>serve --slos FILE</c> at start.</summary>
public sealed class SloApplyTests
{
    private const string First = """
        slos:
          - {name: churn-availability, kind: availability, model: churn, objective: 0.999}
          - {name: churn-latency, kind: latency, model: churn, threshold: 0.25, objective: 0.99}
        """;

    private const string Second = """
        slos:
          - {name: churn-availability, kind: availability, model: churn, objective: 0.995, window: 28d}
          - {name: churn-latency, kind: latency, model: churn, threshold: 0.25, objective: 0.99}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_SameNameAgain_ReplacesTheSloAndAuditsOnlyWhatChanged()
    {
        await using var collector = await RunningCollector.StartAsync("slo_apply_replaces");

        var first = await ApplyAsync(collector, First);
        var second = await ApplyAsync(collector, Second);

        Assert.Equal(["churn-availability", "churn-latency"], first.Changed);
        Assert.Equal(["churn-availability"], second.Changed);
        var slos = await RunningCollector.EventuallyAsync(() => ListAsync(collector), list => list.Any(s => s.Objective == 0.995), TestTimeouts.Default);
        var replaced = Assert.Single(slos, s => s.Name == "churn-availability");
        Assert.Equal((0.995, "28d", "apply:slos.yaml"), (replaced.Objective, replaced.Window, replaced.Source));
        Assert.Equal(2, slos.Count);

        var entries = await RunningCollector.EventuallyAsync(
            () => collector.GetJsonAsync("api/audit/entries?action=slo.apply&target=" + Uri.EscapeDataString("slo:churn-availability")),
            json => json.GetArrayLength() == 2, TestTimeouts.Default);
        var newest = entries.EnumerateArray().MaxBy(e => e.GetProperty("seq").GetUInt64());
        Assert.Equal(0.995, newest.GetProperty("details").GetProperty("definition").GetProperty("objective").GetDouble());
        Assert.Equal(0.999, newest.GetProperty("details").GetProperty("previous").GetProperty("objective").GetDouble());
    }

    [Fact]
    public async Task Apply_InvalidFile_Is400NamingFileSloAndFieldAndStoresNothing()
    {
        await using var collector = await RunningCollector.StartAsync("slo_apply_invalid");

        using var response = await collector.Api.PutAsJsonAsync("api/slos", new SloApplyRequest("team.yaml", "slos:\n  - {name: x, kind: latency, model: m, objective: 0.99, widow: 30d}\n"), QueryJson.Options, Ct)
            .WaitAsync(TestTimeouts.Default, Ct);
        var error = await response.Content.ReadFromJsonAsync<ApiError>(QueryJson.Options, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("team.yaml: SLO 'x' (line 2): unknown field 'widow'", error!.Error, StringComparison.Ordinal);
        Assert.Contains("team.yaml: SLO 'x' (line 2): threshold: missing", error.Error, StringComparison.Ordinal);
        Assert.Empty(await ListAsync(collector));
    }

    [Fact]
    public async Task Serve_WithSloFile_AppliesItAtStartAsTheFile()
    {
        var file = SloFileParser.Parse("/etc/otel-track/slos.yaml", First);
        await using var collector = await RunningCollector.StartAsync("slo_serve_file", options => options.Slos.File = file);

        var slos = await RunningCollector.EventuallyAsync(() => ListAsync(collector), list => list.Count == 2, TestTimeouts.Default);

        Assert.All(slos, slo => Assert.Equal((SloFileApplier.Actor, "file:/etc/otel-track/slos.yaml"), (slo.UpdatedBy, slo.Source)));
    }

    [Fact]
    public async Task Serve_WithInvalidSloFile_DoesNotStartAndSaysWhy()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("slo_serve_invalid", Ct);
        var file = SloFileParser.Parse("slos.yaml", "slos:\n  - {name: x, kind: availability, model: m, objective: 0.999, window: 7d}\n");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestCollectorHosts.StartAsync("slo_serve_invalid", store, options => options.Slos.File = file));

        Assert.Contains("--slos slos.yaml: SLO 'x' (line 2): window: '7d' is not a window; use 28d or 30d", error.Message, StringComparison.Ordinal);
    }

    private static async Task<SloApplyResult> ApplyAsync(RunningCollector collector, string yaml)
    {
        using var response = await collector.Api.PutAsJsonAsync("api/slos", new SloApplyRequest("slos.yaml", yaml), QueryJson.Options, Ct).WaitAsync(TestTimeouts.Default, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<SloApplyResult>(QueryJson.Options, Ct))!;
    }

    private static async Task<List<SloRecord>> ListAsync(RunningCollector collector) =>
        (await collector.Api.GetFromJsonAsync<List<SloRecord>>("api/slos", QueryJson.Options, Ct).WaitAsync(TestTimeouts.Default, Ct))!;
}

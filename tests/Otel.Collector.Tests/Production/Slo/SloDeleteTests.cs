using System.Net;
using System.Net.Http.Json;
using Otel.Collector.Tests.EndToEnd;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking.Query;

namespace Otel.Collector.Tests.Production.Slo;

/// <summary>Deleting an SLO: <c>DELETE /api/slos/NAME</c> (what <c>slo delete</c> sends), audited like an apply.</summary>
public sealed class SloDeleteTests
{
    private const string File = """
        slos:
          - {name: churn-availability, kind: availability, model: churn, objective: 0.999}
          - {name: churn-latency, kind: latency, model: churn, threshold: 0.25, objective: 0.99}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Delete_AppliedSlo_LeavesTheListAuditsTheDefinitionAndASecondDeleteIs404()
    {
        await using var collector = await RunningCollector.StartAsync("slo_delete");
        await ApplyAsync(collector);
        await RunningCollector.EventuallyAsync(() => ListAsync(collector), list => list.Count == 2, TestTimeouts.Default);

        using var deleted = await collector.Api.DeleteAsync("api/slos/churn-latency", Ct).WaitAsync(TestTimeouts.Default, Ct);
        var record = await deleted.Content.ReadFromJsonAsync<SloRecord>(QueryJson.Options, Ct);
        var remaining = await RunningCollector.EventuallyAsync(() => ListAsync(collector), list => list.Count == 1, TestTimeouts.Default);
        using var again = await collector.Api.DeleteAsync("api/slos/churn-latency", Ct).WaitAsync(TestTimeouts.Default, Ct);
        var error = await again.Content.ReadFromJsonAsync<ApiError>(QueryJson.Options, Ct);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(("churn-latency", 0.25), (record!.Name, record.Threshold));
        Assert.Equal("churn-availability", Assert.Single(remaining).Name);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("there is no SLO 'churn-latency': list SLOs with `otel-track slo list`", error!.Error);
        var entry = Assert.Single((await RunningCollector.EventuallyAsync(
            () => collector.GetJsonAsync("api/audit/entries?action=slo.delete&target=" + Uri.EscapeDataString("slo:churn-latency")),
            json => json.GetArrayLength() == 1, TestTimeouts.Default)).EnumerateArray());
        Assert.Equal(0.25, entry.GetProperty("details").GetProperty("previous").GetProperty("threshold").GetDouble());
    }

    [Fact]
    public async Task Apply_AfterDelete_BringsTheSloBack()
    {
        await using var collector = await RunningCollector.StartAsync("slo_delete_reapply");
        await ApplyAsync(collector);
        await RunningCollector.EventuallyAsync(() => ListAsync(collector), list => list.Count == 2, TestTimeouts.Default);
        using (var deleted = await collector.Api.DeleteAsync("api/slos/churn-latency", Ct).WaitAsync(TestTimeouts.Default, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        await RunningCollector.EventuallyAsync(() => ListAsync(collector), list => list.Count == 1, TestTimeouts.Default);

        var reapplied = await ApplyAsync(collector);

        Assert.Equal(["churn-latency"], reapplied.Changed);
        await RunningCollector.EventuallyAsync(() => ListAsync(collector), list => list.Count == 2, TestTimeouts.Default);
    }

    private static async Task<SloApplyResult> ApplyAsync(RunningCollector collector)
    {
        using var response = await collector.Api.PutAsJsonAsync("api/slos", new SloApplyRequest("slos.yaml", File), QueryJson.Options, Ct).WaitAsync(TestTimeouts.Default, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<SloApplyResult>(QueryJson.Options, Ct))!;
    }

    private static async Task<List<SloRecord>> ListAsync(RunningCollector collector) =>
        (await collector.Api.GetFromJsonAsync<List<SloRecord>>("api/slos", QueryJson.Options, Ct).WaitAsync(TestTimeouts.Default, Ct))!;
}

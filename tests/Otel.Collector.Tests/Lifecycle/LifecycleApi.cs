using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Otel.Collector.Tests.EndToEnd;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking.Query;
using static Otel.Collector.Tests.EndToEnd.OtlpSpans;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Lifecycle;

/// <summary>Helpers for the lifecycle routes of a <see cref="RunningCollector"/>: runs sent over OTLP, verbs over HTTP.</summary>
internal static class LifecycleApi
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Sends finished runs named after their ids, each with one val_loss point, over OTLP/HTTP.</summary>
    public static async Task SendRunsAsync(RunningCollector collector, string experiment, params (string Id, double Loss)[] runs)
    {
        foreach (var (id, loss) in runs)
        {
            var span = RunSpan("ml.run", id, experiment, id, Attr("ml.tag.team", "vision"));
            span.Events.Add(MetricEvent("val_loss", loss, 1, T0 + Second));
            await SendAsync(collector.Api, Request([Attr("service.name", "trainer")], RunSpan("ml.run.start", id, experiment, id), span), Cancellation);
        }
    }

    public static Task<HttpResponseMessage> PostAsync(RunningCollector collector, string id, string verb) =>
        collector.Api.PostAsync($"api/runs/{Uri.EscapeDataString(id)}/{verb}", null, Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

    public static Task<HttpResponseMessage> PatchAsync(RunningCollector collector, string id, string json) =>
        collector.Api.PatchAsync($"api/runs/{Uri.EscapeDataString(id)}", new StringContent(json, Encoding.UTF8, "application/json"), Cancellation)
            .WaitAsync(TestTimeouts.Default, Cancellation);

    public static Task<HttpResponseMessage> TagAsync(RunningCollector collector, string id, string key, string value) =>
        collector.Api.PutAsJsonAsync($"api/runs/{Uri.EscapeDataString(id)}/tags/{Uri.EscapeDataString(key)}", new RunTagRequest(value), QueryJson.Options, Cancellation)
            .WaitAsync(TestTimeouts.Default, Cancellation);

    public static Task<HttpResponseMessage> UntagAsync(RunningCollector collector, string id, string key) =>
        collector.Api.DeleteAsync($"api/runs/{Uri.EscapeDataString(id)}/tags/{Uri.EscapeDataString(key)}", Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

    /// <summary>The lifecycle record of a 200 answer (fails with the body otherwise).</summary>
    public static async Task<RunLifecycleRecord> OkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<RunLifecycleRecord>(body, QueryJson.Options)!;
    }

    /// <summary>The status and error message of a refused call.</summary>
    public static async Task<(HttpStatusCode Status, string Error)> RefusedAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var error = await response.Content.ReadFromJsonAsync<ApiError>(QueryJson.Options, Cancellation);
        return (response.StatusCode, error!.Error);
    }

    public static async Task<List<string>> ListIdsAsync(RunningCollector collector, string experiment, string? state = null) =>
        (await collector.Api.GetFromJsonAsync<List<RunSummary>>(
            $"api/runs?experiment={Uri.EscapeDataString(experiment)}{(state is null ? string.Empty : "&state=" + state)}", QueryJson.Options, Cancellation)
            .WaitAsync(TestTimeouts.Default, Cancellation))!
        .Select(r => r.Id).Order(StringComparer.Ordinal).ToList();

    /// <summary>Audit entries accepted so far (pending or sequenced), as (actor, action, target), oldest first.</summary>
    public static async Task<List<(string Actor, string Action, string Target)>> AuditAsync(Otel.Collector.ClickHouse.IClickHouseStore store, string actionPrefix)
    {
        var text = Encoding.UTF8.GetString(await store.QueryAsync(
            "SELECT Actor, Action, Target FROM ml_audit_pending WHERE startsWith(Action, {prefix:String}) ORDER BY StoredAt, Time",
            "TabSeparated", new Otel.Collector.ClickHouse.QueryParameters().Add("prefix", actionPrefix), Cancellation));
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).Select(p => (p[0], p[1], p[2])).ToList();
    }
}

using System.Net;
using System.Net.Http.Json;
using Otel.Collector.Tests.EndToEnd;
using Otel.Tracking.Query;
using static Otel.Collector.Tests.Lifecycle.LifecycleApi;

namespace Otel.Collector.Tests.Lifecycle;

/// <summary>A real collector: retention policies set and listed through the API, validated, and audited.</summary>
public sealed class RetentionApiTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SetPolicy_IsAuditedAndListed_BadOnesAreRefusedWithTheFix()
    {
        await using var collector = await RunningCollector.StartAsync("retention_api");
        await SendRunsAsync(collector, "ret-api", ("r", 0.5));
        collector.Api.DefaultRequestHeaders.Add(Otel.Collector.Security.RequestActor.UserHeader, "carol");

        using (var set = await collector.Api.PutAsJsonAsync("api/retention/ret-api", new RetentionPolicyRequest(90, null, 365), QueryJson.Options, Cancellation))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        var listed = (await collector.Api.GetFromJsonAsync<List<RetentionForecast>>("api/retention", QueryJson.Options, Cancellation))!;
        var forecast = Assert.Single(listed);
        Assert.Equal(("ret-api", 90, (int?)null, 365, "carol"),
            (forecast.Policy.Experiment, forecast.Policy.PointsDays, forecast.Policy.RawDays, forecast.Policy.ArtifactDays, forecast.Policy.UpdatedBy));
        Assert.Null(forecast.Raw);
        Assert.Equal(90, forecast.Points!.Days);

        var unknown = await RefusedAsync(collector.Api.PutAsJsonAsync("api/retention/nope", new RetentionPolicyRequest(1, null, null), QueryJson.Options, Cancellation));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        var zero = await RefusedAsync(collector.Api.PutAsJsonAsync("api/retention/ret-api", new RetentionPolicyRequest(0, null, null), QueryJson.Options, Cancellation));
        Assert.Equal(HttpStatusCode.BadRequest, zero.Status);
        Assert.Contains("pointsDays must be between 1", zero.Error, StringComparison.Ordinal);
        var empty = await RefusedAsync(collector.Api.PutAsJsonAsync("api/retention/ret-api", new RetentionPolicyRequest(null, null, null), QueryJson.Options, Cancellation));
        Assert.Contains("at least one of", empty.Error, StringComparison.Ordinal);

        Assert.Equal([("carol", "retention.set", "experiment:ret-api")], await AuditAsync(collector.Store, "retention."));
    }
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Otel.Collector.Audit;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query;
using Otel.Collector.Security;
using Otel.Tracking.Query;

namespace Otel.Collector.Retention;

/// <summary>
/// <c>PUT /api/retention/{experiment}</c> sets an experiment's policy (audited <c>retention.set</c>) and answers its
/// forecast; <c>GET /api/retention[?experiment=E]</c> lists every policy with what will go, and when.
/// </summary>
internal static class RetentionApi
{
    /// <summary>About a hundred years: anything longer is a typo, and keeping for ever is leaving the field out.</summary>
    private const int MaxDays = 36_500;

    public static IEndpointRouteBuilder MapRetentionApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/retention", async (RetentionPolicyStore policies, RetentionForecaster forecaster, string? experiment, CancellationToken ct) =>
        {
            var forecasts = new List<RetentionForecast>();
            foreach (var policy in await policies.ListAsync(experiment, ct))
            {
                forecasts.Add(await forecaster.ForecastAsync(policy, ct));
            }

            return Results.Json(forecasts, QueryJson.Options);
        });

        endpoints.MapPut("/api/retention/{experiment}", async (RetentionPolicyStore policies, RetentionForecaster forecaster, IClickHouseStore store,
            IAuditTrail audit, ApiKeyAuthenticator keys, TimeProvider time, HttpContext context, string experiment, CancellationToken ct) =>
        {
            var (request, error) = await JsonRequestBody.ReadAsync<RetentionPolicyRequest>(context.Request, """such as {"pointsDays": 90, "rawDays": 30, "artifactDays": 365}""", ct);
            if (request is null)
            {
                return QueryApi.Error(StatusCodes.Status400BadRequest, error!);
            }

            if (Check(request) is { } problem)
            {
                return QueryApi.Error(StatusCodes.Status400BadRequest, problem);
            }

            var known = JsonRows.Parse(await store.QueryAsync("SELECT count() AS N FROM ml_runs FINAL WHERE Experiment = {experiment:String}",
                "JSONEachRow", new QueryParameters().Add("experiment", experiment), ct)).Single().Int64("N") > 0;
            if (!known)
            {
                return QueryApi.Error(StatusCodes.Status404NotFound,
                    $"unknown experiment '{experiment}': no run belongs to it. List experiments with `otel-track runs list --all`");
            }

            var actor = RequestActor.Of(context, keys.Current);
            var entryId = await audit.RecordAsync(actor, AuditActions.RetentionSet, "experiment:" + experiment, new JsonObject
            {
                ["pointsDays"] = request.PointsDays,
                ["rawDays"] = request.RawDays,
                ["artifactDays"] = request.ArtifactDays,
            }, ct);
            var policy = new RetentionPolicy(experiment, request.PointsDays, request.RawDays, request.ArtifactDays, actor, time.GetUtcNow());
            await policies.WriteAsync(policy, entryId, ct);
            return Results.Json(await forecaster.ForecastAsync(policy, ct), QueryJson.Options);
        });

        return endpoints;
    }

    private static string? Check(RetentionPolicyRequest request)
    {
        if (request.PointsDays is null && request.RawDays is null && request.ArtifactDays is null)
        {
            return "a retention policy needs at least one of pointsDays, rawDays, artifactDays (days to keep; leave one out to keep that data for ever)";
        }

        foreach (var (name, days) in new[] { ("pointsDays", request.PointsDays), ("rawDays", request.RawDays), ("artifactDays", request.ArtifactDays) })
        {
            if (days is < 1 or > MaxDays)
            {
                return $"{name} must be between 1 and {MaxDays} days (got {days}); leave it out to keep that data for ever";
            }
        }

        return null;
    }
}

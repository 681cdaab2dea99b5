using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Otel.Collector.Production.Status;
using Otel.Collector.Query;
using Otel.Collector.Security;
using Otel.Tracking.Query;

namespace Otel.Collector.Production.Slo;

/// <summary>
/// The SLO routes (docs/slos.md): <c>GET /api/slos</c> lists the definitions; <c>PUT /api/slos</c> applies an SLO file
/// (admin scope, audited <c>slo.apply</c>); <c>GET /api/slos/status[?model=M][&amp;at=T]</c> computes every status fresh;
/// <c>GET /api/slos/compare?model=M&amp;version=A&amp;version=B[&amp;at=T]</c> sets two versions side by side.
/// <c>at</c> (ISO 8601) evaluates as of an earlier time, for a post-mortem; default now. <c>DELETE /api/slos/NAME</c>
/// deletes one (admin scope, audited <c>slo.delete</c>).
/// </summary>
internal static class SloApi
{
    public static IEndpointRouteBuilder MapSloApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/slos", async (SloStore slos, CancellationToken ct) =>
            Results.Json((await slos.ListAsync(ct)).Select(s => s.ToRecord()).ToList(), QueryJson.Options));

        endpoints.MapPut("/api/slos", async (SloApplier applier, ApiKeyAuthenticator keys, HttpContext context, CancellationToken ct) =>
        {
            var (request, error) = await JsonRequestBody.ReadAsync<SloApplyRequest>(context.Request,
                """such as {"file": "slos.yaml", "yaml": "slos:\n  - name: …"} (the SLO file's name and text; docs/slos.md)""", ct);
            if (request is null || string.IsNullOrWhiteSpace(request.File) || request.Yaml is null)
            {
                return QueryApi.Error(StatusCodes.Status400BadRequest,
                    error ?? "the request needs the SLO file's name (file) and text (yaml): `otel-track slo apply FILE` sends both");
            }

            var file = SloFileParser.Parse(request.File, request.Yaml);
            if (!file.IsValid)
            {
                return QueryApi.Error(StatusCodes.Status400BadRequest, string.Join("\n", file.Errors));
            }

            var actor = RequestActor.Of(context, keys.Current);
            return Results.Json(await applier.ApplyAsync(file, actor, "apply:" + request.File, ct), QueryJson.Options);
        });

        endpoints.MapGet("/api/slos/status", async (SloStatuses statuses, TimeProvider time, string? model, string? at, CancellationToken ct) =>
            At(at, time) is not { } now ? BadTime(at)
            : Results.Json(await statuses.EvaluateAsync(string.IsNullOrEmpty(model) ? null : model, now, ct), QueryJson.Options));

        endpoints.MapGet("/api/slos/compare", async (SloStatuses statuses, LatestDrift drift, TimeProvider time, HttpRequest request, CancellationToken ct) =>
        {
            var model = request.Query["model"].ToString();
            var versions = request.Query["version"].Where(v => !string.IsNullOrEmpty(v)).ToList();
            if (model.Length == 0 || versions.Count != 2)
            {
                return QueryApi.Error(StatusCodes.Status400BadRequest,
                    "compare needs a model and two versions: ?model=NAME&version=A&version=B (`otel-track slo compare NAME --version A --version B`)");
            }

            if (At(request.Query["at"], time) is not { } now)
            {
                return BadTime(request.Query["at"]);
            }

            var comparison = await statuses.CompareAsync(model, versions[0]!, versions[1]!, now, ct);
            return comparison.Slos.Count == 0
                ? QueryApi.Error(StatusCodes.Status404NotFound, $"model '{model}' has no SLO: list SLOs with `otel-track slo list`, add one with `otel-track slo apply FILE`")
                : Results.Json(comparison with { Drift = await drift.CompareAsync(model, versions[0]!, versions[1]!, now, ct) }, QueryJson.Options);
        });

        endpoints.MapDelete("/api/slos/{name}", async (SloDeleter deleter, ApiKeyAuthenticator keys, HttpContext context, string name, CancellationToken ct) =>
            await deleter.DeleteAsync(name, RequestActor.Of(context, keys.Current), ct) is { } deleted
                ? Results.Json(deleted.ToRecord(), QueryJson.Options)
                : QueryApi.Error(StatusCodes.Status404NotFound, $"there is no SLO '{name}': list SLOs with `otel-track slo list`"));

        return endpoints;
    }

    /// <summary>The evaluation time: <paramref name="at"/> when given (ISO 8601), else now; null when it is not a time.</summary>
    private static DateTimeOffset? At(string? at, TimeProvider time) =>
        string.IsNullOrEmpty(at) ? time.GetUtcNow()
        : DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value.ToUniversalTime()
        : null;

    private static IResult BadTime(string? at) =>
        QueryApi.Error(StatusCodes.Status400BadRequest, $"at '{at}' is not a time: give ISO 8601, such as 2026-12-06T10:00:00Z");
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Otel.Collector.Query;
using Otel.Collector.Security;
using Otel.Tracking.Query;

namespace Otel.Collector.Runs.Lifecycle;

/// <summary>
/// Changes to runs after the fact (docs/run-lifecycle.md): <c>PATCH /api/runs/{id}</c> (name, note),
/// <c>PUT|DELETE /api/runs/{id}/tags/{key}</c>, <c>POST /api/runs/{id}/archive|restore|delete|hold|release</c>.
/// Every answer is the run's lifecycle afterwards; errors use <see cref="ApiError"/>.
/// </summary>
internal static class RunLifecycleApi
{
    public static IEndpointRouteBuilder MapRunLifecycleApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPatch("/api/runs/{id}", async (RunLifecycleService service, ApiKeyAuthenticator keys, HttpContext context, string id, CancellationToken ct) =>
        {
            var (patch, error) = await JsonRequestBody.ReadAsync<RunPatchRequest>(context.Request, """such as {"name": "baseline-v2", "note": "markdown text"}""", ct);
            return patch is null
                ? QueryApi.Error(StatusCodes.Status400BadRequest, error!)
                : Answer(await service.PatchAsync(id, patch, RequestActor.Of(context, keys.Current), ct));
        });

        var runs = endpoints.MapGroup("/api/runs/{id}");
        runs.MapPut("/tags/{key}", async (RunLifecycleService service, ApiKeyAuthenticator keys, HttpContext context, string id, string key, CancellationToken ct) =>
        {
            var (tag, error) = await JsonRequestBody.ReadAsync<RunTagRequest>(context.Request, """such as {"value": "baseline"}""", ct);
            return tag is null
                ? QueryApi.Error(StatusCodes.Status400BadRequest, error!)
                : Answer(await service.TagAsync(id, key, tag.Value, RequestActor.Of(context, keys.Current), ct));
        });

        runs.MapDelete("/tags/{key}", async (RunLifecycleService service, ApiKeyAuthenticator keys, HttpContext context, string id, string key, CancellationToken ct) =>
            Answer(await service.UntagAsync(id, key, RequestActor.Of(context, keys.Current), ct)));

        runs.MapPost("/archive", async (RunLifecycleService service, ApiKeyAuthenticator keys, HttpContext context, string id, CancellationToken ct) =>
            Answer(await service.ArchiveAsync(id, RequestActor.Of(context, keys.Current), ct)));
        runs.MapPost("/restore", async (RunLifecycleService service, ApiKeyAuthenticator keys, HttpContext context, string id, CancellationToken ct) =>
            Answer(await service.RestoreAsync(id, RequestActor.Of(context, keys.Current), ct)));
        runs.MapPost("/delete", async (RunLifecycleService service, ApiKeyAuthenticator keys, HttpContext context, string id, CancellationToken ct) =>
            Answer(await service.DeleteAsync(id, RequestActor.Of(context, keys.Current), ct)));
        runs.MapPost("/hold", async (RunLifecycleService service, ApiKeyAuthenticator keys, HttpContext context, string id, CancellationToken ct) =>
            Answer(await service.HoldAsync(id, hold: true, RequestActor.Of(context, keys.Current), ct)));
        runs.MapPost("/release", async (RunLifecycleService service, ApiKeyAuthenticator keys, HttpContext context, string id, CancellationToken ct) =>
            Answer(await service.HoldAsync(id, hold: false, RequestActor.Of(context, keys.Current), ct)));

        return endpoints;
    }

    private static IResult Answer(RunLifecycleResult result) =>
        result.Record is { } record ? Results.Json(record, QueryJson.Options) : QueryApi.Error(result.Status, result.Error!);
}

using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Otel.Collector.Artifacts;
using Otel.Collector.Security;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry;

/// <summary>
/// <c>/api/models/…</c>: the model registry (docs/registry.md). Reads are answered from ClickHouse; every change goes
/// through the <see cref="RegistryWriter"/> and is attributed to <see cref="RequestActor"/>. Errors are
/// <see cref="ApiError"/>: 400 malformed, 404 unknown, 409 conflict, 503 with Retry-After when another collector
/// holds the registry writer's lease.
/// </summary>
internal static class RegistryApi
{
    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/models");

        api.MapGet("", async (RegistryQueries queries, CancellationToken ct) =>
            Results.Json(await queries.ListModelsAsync(ct), QueryJson.Options));

        api.MapGet("/resolve", (ModelResolver resolver, string? uri, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () => Results.Json((await resolver.ResolveAsync(uri, ct)).Version, QueryJson.Options)));

        api.MapGet("/{name}", (RegistryQueries queries, Governance.GovernanceQueries governance, string name, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () => Results.Json(await Governance.ModelGovernanceJson.WithGovernanceAsync(await DetailAsync(queries, name, ct), governance, ct), QueryJson.Options)));

        api.MapMethods("/{name}", [HttpMethods.Patch], (HttpContext context, ApiKeyAuthenticator keys, RegistryWriter writer, ModelUpdates updates, RegistryQueries queries, string name, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () =>
            {
                var change = await RegistryResults.ReadBodyAsync<ModelChange>(context, ct);
                var actor = RequestActor.Of(context, keys.Current);
                await writer.WriteAsync((w, t) => updates.UpdateModelAsync(w, actor, name, change, t), ct);
                return Results.Json(await DetailAsync(queries, name, ct), QueryJson.Options);
            }));

        api.MapPost("/{name}/versions", (HttpContext context, ApiKeyAuthenticator keys, ModelRegistrar registrar, string name, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () =>
            {
                var registration = await RegistryResults.ReadBodyAsync<ModelRegistration>(context, ct);
                var actor = RequestActor.Of(context, keys.Current);
                var (stored, created) = await registrar.RegisterAsync(actor, name, registration, ct);
                return Results.Json(stored.Version, QueryJson.Options, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
            }));

        api.MapGet("/{name}/versions/{version}",
            (RegistryQueries queries, Governance.GovernanceQueries governance, Audit.AuditChain audit, string name, string version, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () => Results.Json(await Governance.ModelGovernanceJson.WithVersionGovernanceAsync(
                (await VersionAsync(queries, name, version, ct)).Version, queries, governance, audit, ct), QueryJson.Options)));

        api.MapMethods("/{name}/versions/{version}", [HttpMethods.Patch],
            (HttpContext context, ApiKeyAuthenticator keys, RegistryWriter writer, ModelUpdates updates, string name, string version, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () =>
            {
                var change = await RegistryResults.ReadBodyAsync<ModelChange>(context, ct);
                var actor = RequestActor.Of(context, keys.Current);
                var number = ModelNames.ParseVersion(version);
                var stored = await writer.WriteAsync((w, t) => updates.UpdateVersionAsync(w, actor, name, number, change, t), ct);
                return Results.Json(stored.Version, QueryJson.Options);
            }));

        api.MapGet("/{name}/versions/{version}/artifact",
            async (HttpContext context, RegistryQueries queries, IArtifactStore store, ILoggerFactory logs, string name, string version, CancellationToken ct) =>
            {
                StoredVersion stored;
                try
                {
                    stored = await VersionAsync(queries, name, version, ct);
                }
                catch (RegistryRefusal refusal)
                {
                    await RegistryResults.Refused(refusal).ExecuteAsync(context);
                    return;
                }

                context.Response.Headers[ModelHeaders.ArtifactSha256] = stored.Version.Artifact.Sha256;
                await ArtifactDownload.GetAsync(stored.Version.Artifact.Sha256, context, store, logs, ct);
            });

        api.MapGet("/{name}/versions/{version}/baseline", (RegistryQueries queries, string name, string version, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () => Results.Json(VersionBaseline.Of(await VersionAsync(queries, name, version, ct)), QueryJson.Options)));

        api.MapPut("/{name}/aliases/{alias}", (HttpContext context, ApiKeyAuthenticator keys, AliasChange aliases, string name, string alias, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () =>
            {
                var target = await RegistryResults.ReadBodyAsync<ModelAliasTarget>(context, ct);
                if (target.Version < 1)
                {
                    throw RegistryRefusal.BadInput("the body must name a version from 1: {\"version\": 3}");
                }

                return Results.Json(await aliases.MoveAsync(RequestActor.Of(context, keys.Current), name, alias, target.Version, ct), QueryJson.Options);
            }));

        api.MapDelete("/{name}/aliases/{alias}", (HttpContext context, ApiKeyAuthenticator keys, AliasChange aliases, string name, string alias, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () => Results.Json(await aliases.MoveAsync(RequestActor.Of(context, keys.Current), name, alias, 0, ct), QueryJson.Options)));

        api.MapGet("/{name}/history", (RegistryQueries queries, string name, string? at, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () =>
            {
                ModelNames.CheckModel(name);
                _ = await queries.GetModelAsync(name, ct) ?? throw ModelUpdates.UnknownModel(name);
                if (at is null)
                {
                    return Results.Json(await queries.MovesAsync(name, ct), QueryJson.Options);
                }

                if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                {
                    throw RegistryRefusal.BadInput($"at '{at}' is not an ISO 8601 time, e.g. 2026-06-01T12:00:00.250Z (UTC when no zone is given)");
                }

                return Results.Json(await queries.AliasesAtAsync(name, time, ct), QueryJson.Options);
            }));

        return endpoints;
    }

    private static async Task<ModelDetail> DetailAsync(RegistryQueries queries, string name, CancellationToken ct)
    {
        ModelNames.CheckModel(name);
        var model = await queries.GetModelAsync(name, ct) ?? throw ModelUpdates.UnknownModel(name);
        return new ModelDetail
        {
            Name = model.Name,
            Description = model.Description,
            Tags = new Dictionary<string, string>(model.Tags, StringComparer.Ordinal),
            CreatedBy = model.CreatedBy,
            CreatedAt = model.CreatedAt,
            Versions = [.. (await queries.ListVersionsAsync(name, ct)).Select(v => v.Version)],
            Aliases = await queries.AliasesAsync(name, ct),
        };
    }

    private static async Task<StoredVersion> VersionAsync(RegistryQueries queries, string name, string version, CancellationToken ct)
    {
        ModelNames.CheckModel(name);
        var number = ModelNames.ParseVersion(version);
        return await queries.GetVersionAsync(name, number, ct) ?? throw ModelUpdates.UnknownVersion(name, number);
    }
}

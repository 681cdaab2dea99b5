using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Otel.Collector.Query;
using Otel.Collector.Security;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Registry.Governance;

/// <summary>
/// <c>/api/models/{name}/…</c> of governance (docs/governance.md): gates, approvals, promotions and deployments. Scopes
/// are checked before a handler runs (<see cref="EndpointScopes"/>), except a forced promotion, whose body decides that
/// it needs admin.
/// </summary>
internal static class GovernanceApi
{
    public static IEndpointRouteBuilder MapGovernanceApi(this IEndpointRouteBuilder endpoints)
    {
        var models = endpoints.MapGroup("/api/models/{name}");

        models.MapGet("/gates", (string name, RegistryQueries registry, GovernanceQueries governance, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () =>
            {
                await GovernanceChecks.RequireModelAsync(registry, name, ct);
                return Results.Json(await governance.GatesAsync(name, ct), QueryJson.Options);
            }));

        models.MapPut("/gates/{alias}", (string name, string alias, HttpContext context, ApiKeyAuthenticator keys, GateChanges gates, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () =>
            {
                var request = await RegistryResults.ReadBodyAsync<GateRequest>(context, ct);
                return Results.Json(await gates.SetAsync(RequestActor.Of(context, keys.Current), name, alias, request, ct), QueryJson.Options);
            }));

        models.MapDelete("/gates/{alias}", (string name, string alias, HttpContext context, ApiKeyAuthenticator keys, GateChanges gates, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () =>
                Results.Json(await gates.DeleteAsync(RequestActor.Of(context, keys.Current), name, alias, ct), QueryJson.Options)));

        models.MapPost("/versions/{version}/approvals", (string name, string version, HttpContext context, ApiKeyAuthenticator keys, ApprovalDecisions approvals, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () =>
            {
                var number = ModelNames.ParseVersion(version);
                var request = await RegistryResults.ReadBodyAsync<ApprovalRequest>(context, ct);
                var record = await approvals.DecideAsync(RequestActor.Of(context, keys.Current), name, number, request, ct);
                return Results.Json(record, QueryJson.Options, statusCode: StatusCodes.Status201Created);
            }));

        models.MapPost("/versions/{version}/promotions", (string name, string version, HttpContext context, ApiKeyAuthenticator keys, Promotions promotions,
            SecurityAuditRecorder denials, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () =>
            {
                var number = ModelNames.ParseVersion(version);
                var request = await RegistryResults.ReadBodyAsync<PromotionRequest>(context, ct);
                if (request.Force && !IsAdmin(context, keys.Current))
                {
                    var key = context.User.FindFirst(ClaimTypes.Name)?.Value;
                    denials.CountDenial(key, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", DenialReason.Scope, context.Request.Path.ToUriComponent());
                    return QueryApi.Error(StatusCodes.Status403Forbidden,
                        $"the API key '{key}' may not force a promotion: --force overrides the gates and needs an admin key; without it, the gates decide");
                }

                var result = await promotions.PromoteAsync(RequestActor.Of(context, keys.Current), name, number, request.Alias, request.Force, ct);
                return Results.Json(result, QueryJson.Options, statusCode: result.Promoted ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
            }));

        models.MapPost("/versions/{version}/deployments", (string name, string version, HttpContext context, ApiKeyAuthenticator keys, Deployments deployments, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () =>
            {
                var number = ModelNames.ParseVersion(version);
                var request = await RegistryResults.ReadBodyAsync<DeploymentRequest>(context, ct);
                var record = await deployments.DeployAsync(RequestActor.Of(context, keys.Current), name, number, request.Environment, ct);
                return Results.Json(record, QueryJson.Options, statusCode: StatusCodes.Status201Created);
            }));

        models.MapGet("/deployments", (string name, RegistryQueries registry, GovernanceQueries governance, CancellationToken ct) =>
            RegistryResults.AnswerAsync(async () =>
            {
                await GovernanceChecks.RequireModelAsync(registry, name, ct);
                return Results.Json(await governance.DeploymentsAsync(name, ct), QueryJson.Options);
            }));

        return endpoints;
    }

    /// <summary>Without keys everyone on loopback is an operator, as today; with keys, only an admin key is.</summary>
    private static bool IsAdmin(HttpContext context, ApiKeySet keys) =>
        !keys.Enabled || context.User.HasClaim(ApiKeyMiddleware.ScopeClaim, ApiKeyScope.Admin.Name());
}

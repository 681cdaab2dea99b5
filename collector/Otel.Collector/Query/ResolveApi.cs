using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Otel.Collector.ClickHouse;
using Otel.Tracking.Query;

namespace Otel.Collector.Query;

/// <summary>
/// <c>GET /api/resolve?prefix=P[&amp;kind=run|dataset|artifact]</c>: what a user typed where an id is expected, as the id
/// it names (200), the candidates when it names several (409), or why it names none (404; 400 when it is too short to
/// be a prefix). Without a kind, runs, artifacts and datasets are searched, in that order.
/// </summary>
internal static class ResolveApi
{
    public static IEndpointRouteBuilder MapResolveApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/resolve", async (IClickHouseStore store, string? prefix, string? kind, CancellationToken ct) =>
        {
            if (string.IsNullOrEmpty(prefix))
            {
                return QueryApi.Error(StatusCodes.Status400BadRequest, "resolve needs what was typed: /api/resolve?prefix=a1b2c3[&kind=run|dataset|artifact]");
            }

            var only = kind is null ? null : IdKind.Parse(kind);
            if (kind is not null && only is null)
            {
                return QueryApi.Error(StatusCodes.Status400BadRequest, $"kind must be run, dataset or artifact (or left out for any of them); got '{kind}'");
            }

            var resolution = await new IdResolver(new IdPrefixQueries(store)).ResolveAsync(prefix, only is null ? IdKind.All : [only], ct);
            return resolution switch
            {
                IdResolution.Resolved resolved => Results.Json(resolved.Match, QueryJson.Options),
                IdResolution.Ambiguous ambiguous => Results.Json(
                    new AmbiguousId(IdResolutionMessages.Ambiguous(prefix, ambiguous.Candidates, ambiguous.Total), ambiguous.Candidates, ambiguous.Total),
                    QueryJson.Options, statusCode: StatusCodes.Status409Conflict),
                IdResolution.TooShort => QueryApi.Error(StatusCodes.Status400BadRequest, IdResolutionMessages.TooShort(prefix, only)),
                _ => QueryApi.Error(StatusCodes.Status404NotFound, IdResolutionMessages.NotFound(prefix, only)),
            };
        });
        return api;
    }
}

using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Otel.Collector.Query;
using Otel.Collector.Security;
using Otel.Tracking.Query;

namespace Otel.Collector.Audit;

/// <summary>
/// <c>/api/audit/…</c>: read the chain, its head and its verification (scope <c>read</c>, like every GET of the API:
/// auditors read with read keys, and the log holds no secret), and <c>/api/whoami</c>, the actor a request acts as.
/// </summary>
internal static class AuditApi
{
    private const int DefaultLimit = 1000;
    private const int MaxLimit = 100_000;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");

        api.MapGet("/whoami", (HttpContext context, ApiKeyAuthenticator keys) =>
        {
            var (actor, via) = RequestActor.Resolve(context, keys.Current);
            return Results.Json(new ActorRecord(actor, via), QueryJson.Options);
        });

        api.MapGet("/audit/head", async (AuditChain chain, CancellationToken ct) =>
        {
            var head = await chain.HeadAsync(await chain.TermCutoffsAsync(ct), ct);
            return Results.Json(head is null ? new AuditHead(0, AuditHash.Genesis) : new AuditHead(head.Seq, head.Hash), QueryJson.Options);
        });

        api.MapGet("/audit/verify", async (AuditChain chain, string? anchor, CancellationToken ct) =>
        {
            AuditAnchor? parsed = null;
            if (anchor is not null)
            {
                if (!AuditAnchor.TryParse(anchor, out var value))
                {
                    return QueryApi.Error(StatusCodes.Status400BadRequest,
                        $"anchor '{anchor}' is not SEQ:HASH (a seq from 1 and 64 hex digits), as `otel-track audit head` prints it");
                }

                parsed = value;
            }

            return Results.Json(AuditVerifier.Verify(await chain.AllRowsAsync(ct), parsed), QueryJson.Options);
        });

        api.MapGet("/audit/entries", async (AuditChain chain, string? target, string? actor, string? action, string? since, string? until, string? limit, CancellationToken ct) =>
        {
            if (!TryParseTime(since, out var from) || !TryParseTime(until, out var to))
            {
                return QueryApi.Error(StatusCodes.Status400BadRequest,
                    $"since and until must be ISO 8601 times, e.g. 2025-06-01T12:00:00Z (UTC when no zone is given; got since '{since}', until '{until}')");
            }

            if (QueryStringValues.Int(limit, "limit", 1, MaxLimit, out var maxRows) is { } bad)
            {
                return bad;
            }

            var rows = await chain.ListAsync(new AuditFilter(target, actor, action, from, to, maxRows ?? DefaultLimit), ct);
            return Results.Json(rows.Select(ToRecord), QueryJson.Options);
        });

        return endpoints;
    }

    /// <summary>
    /// A chain row as the API answers it. Details that are not JSON (written around the collector: `audit verify` flags
    /// the entry) are shown as the string they are, so the list still answers and shows what is there.
    /// </summary>
    public static AuditEntryRecord ToRecord(AuditRow row)
    {
        JsonElement details;
        try
        {
            using var parsed = JsonDocument.Parse(row.Details.Length > 0 ? row.Details : "{}");
            details = parsed.RootElement.Clone();
        }
        catch (JsonException)
        {
            details = JsonSerializer.SerializeToElement(row.Details);
        }

        return new AuditEntryRecord(row.Seq, DateTimeOffset.FromUnixTimeMilliseconds(row.TimeMs), row.Actor, row.Action, row.Target,
            details, row.EntryId, row.Hash);
    }

    private static bool TryParseTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otel.Tracking.Query;

namespace Otel.Collector.Artifacts;

/// <summary>
/// <c>/api/artifacts/{sha256}</c>: PUT stores bytes (idempotent; 201 new, 200 present, 400 hash mismatch, 413 too
/// large), HEAD says whether they exist, GET serves them verified. Errors are <c>{"error": "…"}</c> like the query API.
/// </summary>
internal static class ArtifactApi
{
    public const string Route = "/api/artifacts";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapArtifactApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Route);
        api.MapPut("/{sha256}", PutAsync);
        api.MapMethods("/{sha256}", [HttpMethods.Head], HeadAsync);
        api.MapGet("/{sha256}", ArtifactDownload.GetAsync);
        return endpoints;
    }

    internal static IResult Error(int status, string message) =>
        Results.Json(new ApiError(message), Json, statusCode: status);

    internal static IResult BadKey(string text) =>
        Error(StatusCodes.Status400BadRequest, $"'{text}' is not a SHA-256: expected 64 hexadecimal digits");

    private static async Task<IResult> PutAsync(
        string sha256, HttpContext context, IArtifactStore store, IOptions<ArtifactStoreOptions> options, ILoggerFactory logs, CancellationToken ct)
    {
        if (!ArtifactKey.TryNormalize(sha256, out var key))
        {
            return BadKey(sha256);
        }

        var limit = options.Value.MaxArtifactBytes;
        if (context.Request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        try
        {
            // Idempotent without re-reading: the content is named by its hash, so what is stored is what was sent.
            if (await store.GetSizeAsync(key, ct) is { } existing)
            {
                return Stored(key, existing, created: false);
            }

            // The host's request limit is sized for OTLP batches; artifacts have their own.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            {
                bodyLimit.MaxRequestBodySize = limit;
            }

            var result = await store.PutAsync(key, context.Request.Body, ct);
            return result.Outcome switch
            {
                ArtifactPutOutcome.Created => Stored(key, result.Size, created: true),
                ArtifactPutOutcome.AlreadyExists => Stored(key, result.Size, created: false),
                _ => Error(StatusCodes.Status400BadRequest,
                    $"the content ({result.Size} bytes) hashes to {result.ActualSha256}, not to {key}: nothing was stored"),
            };
        }
        catch (ArtifactTooLargeException)
        {
            return TooLarge(limit);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        catch (Exception e) when (e is BadHttpRequestException or ConnectionResetException || (e is IOException or OperationCanceledException && ct.IsCancellationRequested))
        {
            // The client went away mid-body; the store kept nothing, and a retry starts afresh.
            logs.CreateLogger(typeof(ArtifactApi)).LogInformation("Upload of artifact {Sha256} was interrupted: {Reason}", key, e.Message);
            return Error(StatusCodes.Status400BadRequest, $"the upload of {key} was interrupted ({e.Message}): nothing was stored; retry it");
        }
        catch (ArtifactStoreException e)
        {
            return Unavailable(e);
        }
        catch (IOException e)
        {
            // The collector's own disk (full, read-only): nothing was stored.
            logs.CreateLogger(typeof(ArtifactApi)).LogError(e, "Storing artifact {Sha256} failed", key);
            return Error(StatusCodes.Status500InternalServerError, $"storing {key} failed: {e.Message}");
        }
    }

    private static async Task<IResult> HeadAsync(string sha256, HttpContext context, IArtifactStore store, CancellationToken ct)
    {
        if (!ArtifactKey.TryNormalize(sha256, out var key))
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        try
        {
            if (await store.GetSizeAsync(key, ct) is not { } size)
            {
                return Results.StatusCode(StatusCodes.Status404NotFound);
            }

            context.Response.ContentLength = size;
            context.Response.ContentType = "application/octet-stream";
            return Results.StatusCode(StatusCodes.Status200OK);
        }
        catch (ArtifactStoreException)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }

    internal static IResult Unavailable(ArtifactStoreException e) =>
        Error(StatusCodes.Status503ServiceUnavailable, "artifact store unavailable: " + e.Message);

    private static IResult TooLarge(long limit) =>
        Error(StatusCodes.Status413PayloadTooLarge, $"the artifact is larger than the limit of {limit} bytes");

    private static IResult Stored(string key, long size, bool created)
    {
        var body = new StoredArtifact(key, size, created);
        return created
            ? Results.Json(body, Json, statusCode: StatusCodes.Status201Created)
            : Results.Json(body, Json);
    }

    internal sealed record StoredArtifact(string Sha256, long Size, bool Created);
}

using System.Buffers;
using Google.Protobuf;
using Code = Google.Rpc.Code;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otel.Collector.Ingest;
using Otel.Collector.Ingest.Decoding;
using Otel.Collector.Limits;

namespace Otel.Collector.Receivers.Http;

/// <summary>
/// The OTLP/HTTP endpoints (POST /v1/traces, /v1/metrics, /v1/logs): checks the encoding, reads
/// the body within the size limit, waits for its turn (<see cref="IngestAdmission"/>), counts what the body
/// would decode into, decodes protobuf or OTLP/JSON, applies the edge limits, hands
/// the request to <see cref="IOtlpIngest"/> and answers in the request's encoding.
/// </summary>
internal sealed class OtlpHttpReceiver(
    IOptions<OtlpReceiverOptions> options, EdgeLimitChecker limits, IngestAdmission admission, BodyMemoryBudget budget, ILogger<OtlpHttpReceiver> logger)
{
    private const string UnsupportedContentType = "send application/x-protobuf or application/json";

    private readonly OtlpReceiverOptions _options = options.Value;

    public void Map(IEndpointRouteBuilder endpoints)
    {
        Map(endpoints, OtlpHttpSignals.Traces);
        Map(endpoints, OtlpHttpSignals.Metrics);
        Map(endpoints, OtlpHttpSignals.Logs);
    }

    internal async Task HandleAsync<TRequest>(HttpContext context, OtlpHttpSignal<TRequest> signal)
    {
        var request = context.Request;
        if (!OtlpContentTypes.TryParse(request.ContentType, out var format))
        {
            // The client's encoding is unknown: answer in JSON, the one a person can read.
            var shown = string.IsNullOrEmpty(request.ContentType) ? "A request without Content-Type" : $"Content-Type '{request.ContentType}'";
            await RejectAsync(context, signal, StatusCodes.Status415UnsupportedMediaType, OtlpBodyFormat.Json, Code.InvalidArgument, $"{shown} is not supported: {UnsupportedContentType}.");
            return;
        }

        if (!TryReadContentEncoding(request, out var gzip))
        {
            await RejectAsync(context, signal, StatusCodes.Status415UnsupportedMediaType, format, Code.InvalidArgument, $"Content-Encoding '{request.Headers.ContentEncoding}' is not supported: send gzip, identity or none.");
            return;
        }

        var limit = _options.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            await RejectAndCloseAsync(context, signal, StatusCodes.Status413PayloadTooLarge, format, Code.ResourceExhausted, OtlpRequestBodyReader.TooLarge(limit, "The request body").Message);
            return;
        }

        // This limit, enforced while reading, replaces the server's own (about 28.6 MiB in Kestrel).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = null;
        }

        PooledByteBuffer body;
        try
        {
            body = await OtlpRequestBodyReader.ReadAsync(request.Body, gzip, limit, budget, context.RequestAborted);
        }
        catch (RequestTooLargeException ex)
        {
            await RejectAndCloseAsync(context, signal, StatusCodes.Status413PayloadTooLarge, format, Code.ResourceExhausted, ex.Message);
            return;
        }
        catch (InvalidDataException ex)
        {
            await RejectAndCloseAsync(context, signal, StatusCodes.Status400BadRequest, format, Code.InvalidArgument, $"The request body is not valid gzip: {ex.Message}");
            return;
        }
        catch (BodyBudgetExhaustedException ex)
        {
            // The rest of the body is not read: the connection closes after the answer.
            OtlpHttpResponses.CloseConnection(context);
            await RefuseAsync(context, signal, StatusCodes.Status429TooManyRequests, format, Code.ResourceExhausted, IngestResult.Throttle(IngestAdmission.RetryAfter, ex.Message));
            return;
        }

        // The turn is taken only now that the whole body is here: a slow sender holds no turn.
        using var lease = await AcquireTurnAsync(body, context.RequestAborted);
        if (!lease.IsAcquired)
        {
            await RefuseAsync(context, signal, StatusCodes.Status429TooManyRequests, format, Code.ResourceExhausted, IngestResult.Throttle(IngestAdmission.RetryAfter, IngestAdmission.BusyMessage));
            return;
        }

        await DecodeAndIngestAsync(context, signal, format, body);
    }

    private async ValueTask<RateLimitLease> AcquireTurnAsync(PooledByteBuffer body, CancellationToken cancellationToken)
    {
        try
        {
            var lease = await admission.AcquireAsync(cancellationToken);
            if (!lease.IsAcquired)
            {
                body.Dispose();
            }

            return lease;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private async Task DecodeAndIngestAsync<TRequest>(HttpContext context, OtlpHttpSignal<TRequest> signal, OtlpBodyFormat format, PooledByteBuffer body)
    {
        TRequest? message;
        string? decodeError;
        using (body)
        {
            // Protobuf is walked twice (counted, decoded), so a body that arrived in chunks is made one piece once.
            using var bytes = format == OtlpBodyFormat.Protobuf ? ContiguousBytes.Of(body.ToSequence()) : null;
            var sequence = bytes?.Sequence ?? body.ToSequence();

            // Counted on the bytes, before any object exists: a small body that would decode into gigabytes stops here.
            var counts = bytes is not null
                ? OtlpProtobufItemCounter.Count(bytes.Span, signal.Signal)
                : OtlpJsonItemCounter.Count(sequence, _options.MaxJsonDepth);
            if (counts.Refusal(limits.Limits, signal.Signal) is { } tooMany)
            {
                await RejectAsync(context, signal, StatusCodes.Status413PayloadTooLarge, format, Code.ResourceExhausted, tooMany);
                return;
            }

            message = TryDecode(sequence, format, signal, out decodeError);
        }

        if (message is null)
        {
            await RejectAsync(context, signal, StatusCodes.Status400BadRequest, format, Code.InvalidArgument, decodeError!);
            return;
        }

        var verdict = signal.Enforce(limits, message);
        if (verdict.Refusal is { } refusal)
        {
            await RejectAsync(context, signal, StatusCodes.Status413PayloadTooLarge, format, Code.ResourceExhausted, refusal);
            return;
        }

        if (verdict.Message is { } rejected)
        {
            OtlpReceiverLog.ItemsOverLimits(logger, signal.Path, verdict.Rejected, rejected);
        }

        var ingest = context.RequestServices.GetRequiredService<IOtlpIngest>();
        var result = verdict.Merge(await signal.Ingest(ingest, message, context.RequestAborted));
        switch (result.Outcome)
        {
            case IngestOutcome.Accepted:
                await OtlpHttpResponses.WriteAsync(context, StatusCodes.Status200OK, format, signal.Respond(result));
                break;
            case IngestOutcome.Throttled:
                await RefuseAsync(context, signal, StatusCodes.Status429TooManyRequests, format, Code.ResourceExhausted, result);
                break;
            default:
                await RefuseAsync(context, signal, StatusCodes.Status503ServiceUnavailable, format, Code.Unavailable, result);
                break;
        }
    }

    /// <summary>The decoded request, or null with the reason it is not one (HTTP 400).</summary>
    private TRequest? TryDecode<TRequest>(ReadOnlySequence<byte> body, OtlpBodyFormat format, OtlpHttpSignal<TRequest> signal, out string? error)
    {
        error = null;
        try
        {
            return format == OtlpBodyFormat.Protobuf
                ? signal.ParseProtobuf(body, limits.Limits)
                : signal.ParseJson(body, _options.MaxJsonDepth);
        }
        catch (InvalidProtocolBufferException ex)
        {
            error = $"The request body is not a valid protobuf {signal.MessageName}: {ex.Message}";
        }
        catch (OtlpJsonException ex)
        {
            error = ex.Message;
        }

        return default;
    }

    /// <summary>No Content-Encoding, identity or gzip (case-insensitive); anything else, including a list, is refused.</summary>
    private static bool TryReadContentEncoding(HttpRequest request, out bool gzip)
    {
        var encoding = request.Headers.ContentEncoding;
        gzip = false;
        if (encoding.Count == 0)
        {
            return true;
        }

        if (encoding.Count > 1)
        {
            return false;
        }

        var value = encoding[0].AsSpan().Trim();
        gzip = value.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        return gzip || value.IsEmpty || value.Equals("identity", StringComparison.OrdinalIgnoreCase);
    }

    private void Map<TRequest>(IEndpointRouteBuilder endpoints, OtlpHttpSignal<TRequest> signal) =>
        endpoints.MapPost(signal.Path, context => HandleAsync(context, signal)).WithDisplayName($"OTLP/HTTP {signal.Path}");

    /// <summary>For a body abandoned part-way (too large, not gzip): the server must not go on reading it.</summary>
    private Task RejectAndCloseAsync<TRequest>(HttpContext context, OtlpHttpSignal<TRequest> signal, int statusCode, OtlpBodyFormat format, Code code, string reason)
    {
        OtlpHttpResponses.CloseConnection(context);
        return RejectAsync(context, signal, statusCode, format, code, reason);
    }

    private Task RejectAsync<TRequest>(HttpContext context, OtlpHttpSignal<TRequest> signal, int statusCode, OtlpBodyFormat format, Code code, string reason)
    {
        OtlpReceiverLog.HttpRequestRejected(logger, signal.Path, statusCode, reason);
        return OtlpHttpResponses.WriteStatusAsync(context, statusCode, format, code, reason);
    }

    private Task RefuseAsync<TRequest>(HttpContext context, OtlpHttpSignal<TRequest> signal, int statusCode, OtlpBodyFormat format, Code code, IngestResult result)
    {
        var delay = OtlpResponses.RetryDelay(result);
        var reason = OtlpResponses.RefusalMessage(result);
        OtlpReceiverLog.HttpRequestRefused(logger, signal.Path, result.Outcome.ToString(), OtlpHttpResponses.RetryAfterSeconds(delay), reason);
        return OtlpHttpResponses.WriteStatusAsync(context, statusCode, format, code, reason, delay);
    }
}

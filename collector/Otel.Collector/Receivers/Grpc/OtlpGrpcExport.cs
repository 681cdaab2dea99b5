using System.Buffers;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Otel.Collector.Ingest;
using Otel.Collector.Limits;

namespace Otel.Collector.Receivers.Grpc;

/// <summary>
/// What differs between the three OTLP/gRPC Export methods; the handling is shared. <typeparamref name="TRequest"/> is
/// what the edge limits and ingest take: the export message, or for traces a <see cref="TraceExport"/>.
/// </summary>
internal sealed record OtlpGrpcSignal<TRequest, TResponse>(
    OtlpSignal Signal,
    string MessageName,
    Func<ReadOnlySequence<byte>, EdgeLimits, TRequest> Parse,
    Func<EdgeLimitChecker, TRequest, EdgeVerdict> Enforce,
    Func<IOtlpIngest, TRequest, CancellationToken, ValueTask<IngestResult>> Ingest,
    Func<IngestResult, TResponse> Respond);

/// <summary>
/// One gRPC export, as on HTTP: wait for a turn (the message has fully arrived by now), count what
/// it would decode into and refuse it whole with RESOURCE_EXHAUSTED when over a per-request limit,
/// decode it, apply the edge limits, ingest, answer.
/// </summary>
internal sealed class OtlpGrpcExport(IOtlpIngest ingest, EdgeLimitChecker limits, IngestAdmission admission, ILogger<OtlpGrpcExport> logger)
{
    public async Task<TResponse> HandleAsync<TRequest, TResponse>(OtlpGrpcSignal<TRequest, TResponse> signal, OtlpGrpcPayload payload, ServerCallContext context)
    {
        using (payload)
        {
            using var lease = await admission.AcquireAsync(context.CancellationToken);
            if (!lease.IsAcquired)
            {
                GrpcRefusal.ThrowIfRefused(IngestResult.Throttle(IngestAdmission.RetryAfter, IngestAdmission.BusyMessage));
            }

            return await DecodeAndIngestAsync(signal, payload, context);
        }
    }

    private async Task<TResponse> DecodeAndIngestAsync<TRequest, TResponse>(OtlpGrpcSignal<TRequest, TResponse> signal, OtlpGrpcPayload payload, ServerCallContext context)
    {
        var counts = OtlpProtobufItemCounter.Count(payload.Bytes, signal.Signal);
        if (counts.Refusal(limits.Limits, signal.Signal) is { } tooMany)
        {
            GrpcEdgeLimits.Refuse(logger, context.Method, tooMany);
        }

        TRequest request;
        try
        {
            request = signal.Parse(payload.Bytes, limits.Limits);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.InvalidArgument, $"The message is not a valid {signal.MessageName}: {ex.Message}"));
        }

        payload.Dispose();
        var verdict = GrpcEdgeLimits.Enforce(signal.Enforce(limits, request), logger, context.Method);
        var result = verdict.Merge(await signal.Ingest(ingest, request, context.CancellationToken));
        GrpcRefusal.ThrowIfRefused(result);
        return signal.Respond(result);
    }
}

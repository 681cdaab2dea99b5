using Grpc.Core;
using Microsoft.Extensions.Logging;
using Otel.Collector.Limits;

namespace Otel.Collector.Receivers.Grpc;

/// <summary>
/// The gRPC side of the edge limits: a request refused whole fails with RESOURCE_EXHAUSTED (no
/// RetryInfo: not retryable); rejected items are logged, as on HTTP, and go into the partial success.
/// </summary>
internal static class GrpcEdgeLimits
{
    public static EdgeVerdict Enforce(EdgeVerdict verdict, ILogger logger, string method)
    {
        if (verdict.Refusal is { } refusal)
        {
            Refuse(logger, method, refusal);
        }

        if (verdict.Message is { } rejected)
        {
            OtlpReceiverLog.ItemsOverLimits(logger, method, verdict.Rejected, rejected);
        }

        return verdict;
    }

    /// <summary>Refuses the whole request with RESOURCE_EXHAUSTED and the limit's reason.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Refuse(ILogger logger, string method, string refusal)
    {
        OtlpReceiverLog.GrpcRequestOverLimits(logger, method, refusal);
        throw new RpcException(new global::Grpc.Core.Status(StatusCode.ResourceExhausted, refusal));
    }
}

using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Otel.Collector.Ingest;

namespace Otel.Collector.Receivers.Grpc;

/// <summary>
/// Turns a refused ingest (throttled or unavailable) into gRPC UNAVAILABLE with a
/// <c>google.rpc.RetryInfo</c> detail in <c>grpc-status-details-bin</c>: the signal OTLP exporters
/// read to retry after the given delay.
/// </summary>
internal static class GrpcRefusal
{
    public static void ThrowIfRefused(IngestResult result)
    {
        if (result.Outcome == IngestOutcome.Accepted)
        {
            return;
        }

        var status = new Google.Rpc.Status
        {
            Code = (int)Code.Unavailable,
            Message = OtlpResponses.RefusalMessage(result),
            Details = { Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(OtlpResponses.RetryDelay(result)) }) },
        };
        throw status.ToRpcException();
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.Receivers.Grpc;
using Otel.Collector.Receivers.Http;

namespace Otel.Collector.Receivers;

/// <summary>Maps the OTLP receivers onto the host's endpoints.</summary>
internal static class OtlpReceiverEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the gRPC services <c>opentelemetry.proto.collector.{trace,metrics,logs}.v1.*Service/Export</c>
    /// and POST <c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>. Which port serves which is the
    /// host's Kestrel configuration (gRPC needs HTTP/2). Requires <see cref="OtlpReceiverServiceCollectionExtensions.AddOtlpReceivers"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapOtlpReceivers(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var receiver = endpoints.ServiceProvider.GetService<OtlpHttpReceiver>()
            ?? throw new InvalidOperationException($"Call {nameof(OtlpReceiverServiceCollectionExtensions.AddOtlpReceivers)} on the service collection before {nameof(MapOtlpReceivers)}.");
        endpoints.MapGrpcService<OtlpGrpcTraceService>();
        endpoints.MapGrpcService<OtlpGrpcMetricsService>();
        endpoints.MapGrpcService<OtlpGrpcLogsService>();
        receiver.Map(endpoints);
        return endpoints;
    }
}

using Grpc.Core;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using Otel.Collector.Ingest;
using Otel.Collector.Limits;

namespace Otel.Collector.Receivers.Grpc;

/// <summary>OTLP/gRPC metrics receiver (<c>MetricsService/Export</c>): a thin adapter onto <see cref="IOtlpIngest"/>, behind the edge limits.</summary>
internal sealed class OtlpGrpcMetricsService(IOtlpIngest ingest, EdgeLimitChecker limits, ILogger<OtlpGrpcMetricsService> logger) : OtlpGrpcMetricsServiceBase
{
    public override async Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
    {
        var verdict = GrpcEdgeLimits.Enforce(limits.Enforce(request), logger, context.Method);
        var result = verdict.Merge(await ingest.IngestMetricsAsync(request, context.CancellationToken));
        GrpcRefusal.ThrowIfRefused(result);
        return OtlpResponses.Metrics(result);
    }
}

/// <summary>
/// Binds <c>MetricsService/Export</c> with the marshallers of <see cref="OtlpGrpcMethods"/> in place of
/// the generated service base. Grpc.AspNetCore finds <see cref="BindService"/> through the attribute
/// and then the handler as the override of <see cref="Export"/>.
/// </summary>
[BindServiceMethod(typeof(OtlpGrpcMetricsServiceBase), nameof(BindService))]
internal abstract class OtlpGrpcMetricsServiceBase
{
    private static readonly Method<ExportMetricsServiceRequest, ExportMetricsServiceResponse> ExportMethod =
        OtlpGrpcMethods.Export(MetricsServiceReflection.Descriptor.Services[0], ExportMetricsServiceRequest.Parser, ExportMetricsServiceResponse.Parser);

    public static void BindService(ServiceBinderBase binder, OtlpGrpcMetricsServiceBase? service) =>
        binder.AddMethod(ExportMethod, service is null ? null : service.Export);

    public abstract Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context);
}

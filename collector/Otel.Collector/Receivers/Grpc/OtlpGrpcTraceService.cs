using Grpc.Core;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Ingest;
using Otel.Collector.Limits;

namespace Otel.Collector.Receivers.Grpc;

/// <summary>OTLP/gRPC traces receiver (<c>TraceService/Export</c>): a thin adapter onto <see cref="IOtlpIngest"/>, behind the edge limits.</summary>
internal sealed class OtlpGrpcTraceService(IOtlpIngest ingest, EdgeLimitChecker limits, ILogger<OtlpGrpcTraceService> logger) : OtlpGrpcTraceServiceBase
{
    public override async Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
    {
        var verdict = GrpcEdgeLimits.Enforce(limits.Enforce(request), logger, context.Method);
        var result = verdict.Merge(await ingest.IngestTracesAsync(request, context.CancellationToken));
        GrpcRefusal.ThrowIfRefused(result);
        return OtlpResponses.Traces(result);
    }
}

/// <summary>
/// Binds <c>TraceService/Export</c> with the marshallers of <see cref="OtlpGrpcMethods"/> in place of
/// the generated service base. Grpc.AspNetCore finds <see cref="BindService"/> through the attribute
/// and then the handler as the override of <see cref="Export"/>.
/// </summary>
[BindServiceMethod(typeof(OtlpGrpcTraceServiceBase), nameof(BindService))]
internal abstract class OtlpGrpcTraceServiceBase
{
    private static readonly Method<ExportTraceServiceRequest, ExportTraceServiceResponse> ExportMethod =
        OtlpGrpcMethods.Export(TraceServiceReflection.Descriptor.Services[0], ExportTraceServiceRequest.Parser, ExportTraceServiceResponse.Parser);

    public static void BindService(ServiceBinderBase binder, OtlpGrpcTraceServiceBase? service) =>
        binder.AddMethod(ExportMethod, service is null ? null : service.Export);

    public abstract Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context);
}

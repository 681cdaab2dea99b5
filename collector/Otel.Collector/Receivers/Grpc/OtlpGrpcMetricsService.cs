using Grpc.Core;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using Otel.Collector.Limits;

namespace Otel.Collector.Receivers.Grpc;

/// <summary>OTLP/gRPC metrics receiver (<c>MetricsService/Export</c>): a thin adapter onto <see cref="OtlpGrpcExport"/>.</summary>
internal sealed class OtlpGrpcMetricsService(OtlpGrpcExport export) : OtlpGrpcMetricsServiceBase
{
    private static readonly OtlpGrpcSignal<ExportMetricsServiceRequest, ExportMetricsServiceResponse> Signal = new(
        OtlpSignal.Metrics,
        nameof(ExportMetricsServiceRequest),
        static (body, _) => OtlpParsers.Metrics.ParseFrom(body),
        static (limits, request) => limits.Enforce(request),
        static (ingest, request, ct) => ingest.IngestMetricsAsync(request, ct),
        OtlpResponses.Metrics);

    public override Task<ExportMetricsServiceResponse> Export(OtlpGrpcPayload request, ServerCallContext context) => export.HandleAsync(Signal, request, context);
}

/// <summary>
/// Binds <c>MetricsService/Export</c> with the marshallers of <see cref="OtlpGrpcMethods"/> in place of
/// the generated service base. Grpc.AspNetCore finds <see cref="BindService"/> through the attribute
/// and then the handler as the override of <see cref="Export"/>.
/// </summary>
[BindServiceMethod(typeof(OtlpGrpcMetricsServiceBase), nameof(BindService))]
internal abstract class OtlpGrpcMetricsServiceBase
{
    private static readonly Method<OtlpGrpcPayload, ExportMetricsServiceResponse> ExportMethod =
        OtlpGrpcMethods.Export(MetricsServiceReflection.Descriptor.Services[0], ExportMetricsServiceResponse.Parser);

    public static void BindService(ServiceBinderBase binder, OtlpGrpcMetricsServiceBase? service) =>
        binder.AddMethod(ExportMethod, service is null ? null : service.Export);

    public abstract Task<ExportMetricsServiceResponse> Export(OtlpGrpcPayload request, ServerCallContext context);
}

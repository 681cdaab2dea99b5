using Grpc.Core;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Otel.Collector.Ingest;
using Otel.Collector.Ingest.Decoding;
using Otel.Collector.Limits;

namespace Otel.Collector.Receivers.Grpc;

/// <summary>OTLP/gRPC traces receiver (<c>TraceService/Export</c>): a thin adapter onto <see cref="OtlpGrpcExport"/>.</summary>
internal sealed class OtlpGrpcTraceService(OtlpGrpcExport export) : OtlpGrpcTraceServiceBase
{
    private static readonly OtlpGrpcSignal<TraceExport, ExportTraceServiceResponse> Signal = new(
        OtlpSignal.Traces,
        nameof(ExportTraceServiceRequest),
        static (body, limits) => TraceExportReader.Read(body, OtlpParsers.Traces, limits.MetricArrays),
        static (limits, request) => limits.Enforce(request.Request),
        static (ingest, request, ct) => ingest.IngestTracesAsync(request, ct),
        OtlpResponses.Traces);

    public override Task<ExportTraceServiceResponse> Export(OtlpGrpcPayload request, ServerCallContext context) => export.HandleAsync(Signal, request, context);
}

/// <summary>
/// Binds <c>TraceService/Export</c> with the marshallers of <see cref="OtlpGrpcMethods"/> in place of
/// the generated service base. Grpc.AspNetCore finds <see cref="BindService"/> through the attribute
/// and then the handler as the override of <see cref="Export"/>.
/// </summary>
[BindServiceMethod(typeof(OtlpGrpcTraceServiceBase), nameof(BindService))]
internal abstract class OtlpGrpcTraceServiceBase
{
    private static readonly Method<OtlpGrpcPayload, ExportTraceServiceResponse> ExportMethod =
        OtlpGrpcMethods.Export(TraceServiceReflection.Descriptor.Services[0], ExportTraceServiceResponse.Parser);

    public static void BindService(ServiceBinderBase binder, OtlpGrpcTraceServiceBase? service) =>
        binder.AddMethod(ExportMethod, service is null ? null : service.Export);

    public abstract Task<ExportTraceServiceResponse> Export(OtlpGrpcPayload request, ServerCallContext context);
}

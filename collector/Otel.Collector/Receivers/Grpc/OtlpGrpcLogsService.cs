using Grpc.Core;
using OpenTelemetry.Proto.Collector.Logs.V1;
using Otel.Collector.Limits;

namespace Otel.Collector.Receivers.Grpc;

/// <summary>OTLP/gRPC logs receiver (<c>LogsService/Export</c>): a thin adapter onto <see cref="OtlpGrpcExport"/>.</summary>
internal sealed class OtlpGrpcLogsService(OtlpGrpcExport export) : OtlpGrpcLogsServiceBase
{
    private static readonly OtlpGrpcSignal<ExportLogsServiceRequest, ExportLogsServiceResponse> Signal = new(
        OtlpSignal.Logs,
        nameof(ExportLogsServiceRequest),
        static (body, _) => OtlpParsers.Logs.ParseFrom(body),
        static (limits, request) => limits.Enforce(request),
        static (ingest, request, ct) => ingest.IngestLogsAsync(request, ct),
        OtlpResponses.Logs);

    public override Task<ExportLogsServiceResponse> Export(OtlpGrpcPayload request, ServerCallContext context) => export.HandleAsync(Signal, request, context);
}

/// <summary>
/// Binds <c>LogsService/Export</c> with the marshallers of <see cref="OtlpGrpcMethods"/> in place of
/// the generated service base. Grpc.AspNetCore finds <see cref="BindService"/> through the attribute
/// and then the handler as the override of <see cref="Export"/>.
/// </summary>
[BindServiceMethod(typeof(OtlpGrpcLogsServiceBase), nameof(BindService))]
internal abstract class OtlpGrpcLogsServiceBase
{
    private static readonly Method<OtlpGrpcPayload, ExportLogsServiceResponse> ExportMethod =
        OtlpGrpcMethods.Export(LogsServiceReflection.Descriptor.Services[0], ExportLogsServiceResponse.Parser);

    public static void BindService(ServiceBinderBase binder, OtlpGrpcLogsServiceBase? service) =>
        binder.AddMethod(ExportMethod, service is null ? null : service.Export);

    public abstract Task<ExportLogsServiceResponse> Export(OtlpGrpcPayload request, ServerCallContext context);
}

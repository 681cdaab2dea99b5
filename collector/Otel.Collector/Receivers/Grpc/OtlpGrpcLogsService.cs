using Grpc.Core;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Proto.Collector.Logs.V1;
using Otel.Collector.Ingest;
using Otel.Collector.Limits;

namespace Otel.Collector.Receivers.Grpc;

/// <summary>OTLP/gRPC logs receiver (<c>LogsService/Export</c>): a thin adapter onto <see cref="IOtlpIngest"/>, behind the edge limits.</summary>
internal sealed class OtlpGrpcLogsService(IOtlpIngest ingest, EdgeLimitChecker limits, ILogger<OtlpGrpcLogsService> logger) : OtlpGrpcLogsServiceBase
{
    public override async Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
    {
        var verdict = GrpcEdgeLimits.Enforce(limits.Enforce(request), logger, context.Method);
        var result = verdict.Merge(await ingest.IngestLogsAsync(request, context.CancellationToken));
        GrpcRefusal.ThrowIfRefused(result);
        return OtlpResponses.Logs(result);
    }
}

/// <summary>
/// Binds <c>LogsService/Export</c> with the marshallers of <see cref="OtlpGrpcMethods"/> in place of
/// the generated service base. Grpc.AspNetCore finds <see cref="BindService"/> through the attribute
/// and then the handler as the override of <see cref="Export"/>.
/// </summary>
[BindServiceMethod(typeof(OtlpGrpcLogsServiceBase), nameof(BindService))]
internal abstract class OtlpGrpcLogsServiceBase
{
    private static readonly Method<ExportLogsServiceRequest, ExportLogsServiceResponse> ExportMethod =
        OtlpGrpcMethods.Export(LogsServiceReflection.Descriptor.Services[0], ExportLogsServiceRequest.Parser, ExportLogsServiceResponse.Parser);

    public static void BindService(ServiceBinderBase binder, OtlpGrpcLogsServiceBase? service) =>
        binder.AddMethod(ExportMethod, service is null ? null : service.Export);

    public abstract Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context);
}

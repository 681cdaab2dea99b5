using OpenTelemetry.Proto.Trace.V1;

namespace Otel.Collector.Ingest.Decoding;

/// <summary>Enum and id spellings as the contrib ClickHouse exporter stores them.</summary>
internal static class OtlpText
{
    public static string SpanKind(Span.Types.SpanKind kind) => kind switch
    {
        Span.Types.SpanKind.Internal => "Internal",
        Span.Types.SpanKind.Server => "Server",
        Span.Types.SpanKind.Client => "Client",
        Span.Types.SpanKind.Producer => "Producer",
        Span.Types.SpanKind.Consumer => "Consumer",
        _ => "Unspecified",
    };

    public static string StatusCode(Status.Types.StatusCode code) => code switch
    {
        Status.Types.StatusCode.Ok => "Ok",
        Status.Types.StatusCode.Error => "Error",
        _ => "Unset",
    };

    /// <summary>Lowercase hex of a trace or span id; empty for an empty id.</summary>
    public static string Hex(Google.Protobuf.ByteString id) =>
        id.IsEmpty ? string.Empty : Convert.ToHexStringLower(id.Span);
}

using OpenTelemetry.Exporter;

namespace Otel.Tracking.Export;

/// <summary>Where and how the OTLP exporter of one signal sends: the exact request URI and the protocol.</summary>
internal sealed record ExportTarget(Uri Uri, OtlpExportProtocol Protocol)
{
    /// <summary><c>grpc</c> or <c>http/protobuf</c>, as <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> spells it.</summary>
    public string ProtocolName => Protocol == OtlpExportProtocol.HttpProtobuf ? "http/protobuf" : "grpc";

    /// <summary>The endpoint a user configured, without the signal's path: <c>http://host:4317</c>.</summary>
    public string Endpoint => Uri.GetLeftPart(UriPartial.Authority);

    /// <summary>
    /// The same endpoint's URI for another signal, when it follows the standard layout (the signal path appended to
    /// one base address); null for a signal-specific endpoint that cannot be derived.
    /// </summary>
    public ExportTarget? ForSignal(string from, string to)
    {
        var own = Protocol == OtlpExportProtocol.HttpProtobuf ? OtlpSignal.HttpPath(from) : OtlpSignal.GrpcPath(from);
        var other = Protocol == OtlpExportProtocol.HttpProtobuf ? OtlpSignal.HttpPath(to) : OtlpSignal.GrpcPath(to);
        var uri = Uri.AbsoluteUri;
        return uri.EndsWith(own, StringComparison.Ordinal) ? this with { Uri = new Uri(uri[..^own.Length] + other) } : null;
    }
}

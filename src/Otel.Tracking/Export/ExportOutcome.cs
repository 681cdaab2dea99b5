using System.Globalization;
using System.Net;
using OpenTelemetry.Exporter;

namespace Otel.Tracking.Export;

/// <summary>How an export went, judged the same way for live exports and for buffered ones sent again.</summary>
internal enum ExportOutcomeKind
{
    /// <summary>Stored by the collector (a partial success included: OTLP says never to retry it).</summary>
    Accepted,

    /// <summary>An OTLP receiver refused the data itself (malformed, too large): sending it again cannot help.</summary>
    DataRefused,

    /// <summary>Something answered, but not OTLP in the configured protocol, or refused the client (a key, a path).</summary>
    WrongTarget,

    /// <summary>Nothing answered in time, or the collector asked to come back later.</summary>
    Unavailable,
}

/// <summary>An outcome and a short reason for people (a status, a protocol error).</summary>
internal sealed record ExportOutcome(ExportOutcomeKind Kind, string Reason)
{
    private const string GrpcContentType = "application/grpc";
    private const int GrpcOk = 0;
    private const int GrpcInvalidArgument = 3;

    public static readonly ExportOutcome Accepted = new(ExportOutcomeKind.Accepted, "accepted");

    /// <summary>Judges a response whose body has been read (for gRPC, the status travels in trailers after it).</summary>
    public static ExportOutcome Of(HttpResponseMessage response, OtlpExportProtocol protocol)
    {
        var grpcAnswer = response.Content.Headers.ContentType?.MediaType?.StartsWith(GrpcContentType, StringComparison.OrdinalIgnoreCase) == true;
        return protocol == OtlpExportProtocol.HttpProtobuf ? OfHttp(response, grpcAnswer) : OfGrpc(response, grpcAnswer);
    }

    /// <summary>Judges a request that got no HTTP answer.</summary>
    public static ExportOutcome Of(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } http =>
            new(ExportOutcomeKind.Unavailable, Innermost(http)),
        HttpRequestException http => new(ExportOutcomeKind.WrongTarget, Innermost(http)),
        OperationCanceledException => new(ExportOutcomeKind.Unavailable, "no answer before the export timeout"),
        _ => new(ExportOutcomeKind.Unavailable, Innermost(exception)),
    };

    private static ExportOutcome OfHttp(HttpResponseMessage response, bool grpcAnswer)
    {
        var status = (int)response.StatusCode;
        if (grpcAnswer)
        {
            return new(ExportOutcomeKind.WrongTarget, "it answered with gRPC");
        }

        if (response.IsSuccessStatusCode)
        {
            return Accepted;
        }

        // An OTLP receiver explains a 400 in a protobuf (or JSON) Status; a bare 400 is a server that did not
        // understand the request at all, such as Kestrel on an HTTP/2-only (gRPC) port.
        var otlpAnswer = response.Content.Headers.ContentType?.MediaType is "application/x-protobuf" or "application/json";
        return response.StatusCode switch
        {
            HttpStatusCode.BadRequest when otlpAnswer => new(ExportOutcomeKind.DataRefused, Describe(response)),
            HttpStatusCode.RequestEntityTooLarge => new(ExportOutcomeKind.DataRefused, Describe(response)),
            HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout => new(ExportOutcomeKind.Unavailable, Describe(response)),
            HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported => new(ExportOutcomeKind.WrongTarget, Describe(response)),
            _ when status >= 500 => new(ExportOutcomeKind.Unavailable, Describe(response)),
            _ => new(ExportOutcomeKind.WrongTarget, Describe(response)),
        };
    }

    private static ExportOutcome OfGrpc(HttpResponseMessage response, bool grpcAnswer)
    {
        if (!response.IsSuccessStatusCode || !grpcAnswer)
        {
            return new(ExportOutcomeKind.WrongTarget, $"it is not a gRPC service ({Describe(response)})");
        }

        var status = GrpcStatus(response);
        return status switch
        {
            null => new(ExportOutcomeKind.WrongTarget, "it answered without a gRPC status"),
            GrpcOk => Accepted,
            GrpcInvalidArgument => new(ExportOutcomeKind.DataRefused, GrpcDescription(response, status.Value)),
            _ => new(ExportOutcomeKind.Unavailable, GrpcDescription(response, status.Value)),
        };
    }

    /// <summary>The <c>grpc-status</c> trailer, or the header of a trailers-only answer.</summary>
    private static int? GrpcStatus(HttpResponseMessage response)
    {
        var text = Header(response.TrailingHeaders, "grpc-status") ?? Header(response.Headers, "grpc-status");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var status) ? status : null;
    }

    private static string GrpcDescription(HttpResponseMessage response, int status) =>
        (Header(response.TrailingHeaders, "grpc-message") ?? Header(response.Headers, "grpc-message")) is { } message
            ? $"gRPC status {status}: {Uri.UnescapeDataString(message)}"
            : $"gRPC status {status}";

    private static string? Header(System.Net.Http.Headers.HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Describe(HttpResponseMessage response) =>
        $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();

    private static string Innermost(Exception exception)
    {
        var inner = exception;
        while (inner.InnerException is { } next)
        {
            inner = next;
        }

        return inner == exception || exception.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? exception.Message
            : $"{exception.Message} ({inner.Message})";
    }
}

using Microsoft.Net.Http.Headers;

namespace Otel.Collector.Receivers.Http;

/// <summary>The two OTLP/HTTP encodings; the response uses the request's.</summary>
internal enum OtlpBodyFormat
{
    Protobuf,
    Json,
}

/// <summary>Reads the encoding from a Content-Type header, tolerating parameters such as charset.</summary>
internal static class OtlpContentTypes
{
    public const string Protobuf = "application/x-protobuf";
    public const string Json = "application/json";

    public static bool TryParse(string? contentType, out OtlpBodyFormat format)
    {
        format = default;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return false;
        }

        if (parsed.MediaType.Equals(Protobuf, StringComparison.OrdinalIgnoreCase))
        {
            format = OtlpBodyFormat.Protobuf;
            return true;
        }

        if (parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase))
        {
            format = OtlpBodyFormat.Json;
            return true;
        }

        return false;
    }

    public static string Of(OtlpBodyFormat format) => format == OtlpBodyFormat.Json ? Json : Protobuf;
}

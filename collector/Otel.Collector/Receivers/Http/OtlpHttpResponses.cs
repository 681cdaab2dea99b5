using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Microsoft.AspNetCore.Http;

namespace Otel.Collector.Receivers.Http;

/// <summary>Writes OTLP/HTTP responses and <c>google.rpc.Status</c> error bodies in the request's encoding.</summary>
internal static class OtlpHttpResponses
{
    public static async Task WriteAsync(HttpContext context, int statusCode, OtlpBodyFormat format, IMessage message)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = OtlpContentTypes.Of(format);
        var body = format == OtlpBodyFormat.Json
            ? System.Text.Encoding.UTF8.GetBytes(OtlpJsonWriter.Format(message))
            : message.ToByteArray();
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>An error: a Status body with the gRPC code that matches the HTTP status, plus RetryInfo when retryable.</summary>
    public static Task WriteStatusAsync(HttpContext context, int statusCode, OtlpBodyFormat format, Code code, string message, TimeSpan? retryAfter = null)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        if (retryAfter is { } delay)
        {
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) }));
            context.Response.Headers.RetryAfter = RetryAfterSeconds(delay).ToString(CultureInfo.InvariantCulture);
        }

        return WriteAsync(context, statusCode, format, status);
    }

    /// <summary>Retry-After is whole seconds: rounded up, at least 1.</summary>
    public static int RetryAfterSeconds(TimeSpan delay) => (int)Math.Clamp(Math.Ceiling(delay.TotalSeconds), 1, int.MaxValue);

    /// <summary>
    /// Ends an HTTP/1.x connection after a response sent before the body was read to its end, so the
    /// server does not read (or wait for) the rest of a body it has already refused. HTTP/2 resets
    /// the stream instead.
    /// </summary>
    public static void CloseConnection(HttpContext context)
    {
        if (HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol))
        {
            context.Response.Headers.Connection = "close";
        }
    }
}

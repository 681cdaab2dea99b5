using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Otel.Collector.Telemetry;

namespace Otel.Collector.Security;

/// <summary>
/// Once keys exist, every request but the health endpoints needs <c>Authorization: Bearer KEY</c> with a key whose
/// scope covers it (<see cref="EndpointScopes"/>). HTTP answers 401 or 403 with <c>{"error": "…"}</c>; gRPC answers
/// UNAUTHENTICATED or PERMISSION_DENIED as a trailers-only response. Every denial is counted, logged and tallied for the
/// audit log, without the presented key.
/// </summary>
internal sealed class ApiKeyMiddleware(
    RequestDelegate next, ApiKeyAuthenticator authenticator, CollectorMeter meter, ILogger<ApiKeyMiddleware> logger, SecurityAuditRecorder? audit = null)
{
    public const string AuthenticationType = "ApiKey";
    public const string ScopeClaim = "scope";

    private const string Bearer = "Bearer ";
    private const string MissingMessage =
        "this collector requires an API key: send 'Authorization: Bearer KEY' (the otel-track CLI reads OTEL_TRACK_API_KEY; " +
        "OpenTelemetry SDKs OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer KEY); an admin creates keys with `otel-track keys create`";

    private const string UnknownMessage = "the API key is not valid for this collector (unknown or revoked)";

    public Task InvokeAsync(HttpContext context)
    {
        var keys = authenticator.Current;
        if (!keys.Enabled)
        {
            return next(context);
        }

        var request = context.Request;
        if (EndpointScopes.Required(request.Method, request.Path) is not { } required)
        {
            return next(context);
        }

        if (PresentedKey(request) is not { } presented)
        {
            return DenyAsync(context, DenialReason.Missing, MissingMessage, key: null, required);
        }

        if (keys.Find(presented) is not { } key)
        {
            return DenyAsync(context, DenialReason.Unknown, UnknownMessage, key: null, required);
        }

        if (!key.Scope.Grants(required))
        {
            var message = $"the API key '{key.Name}' has scope {key.Scope.Name()}; {request.Method} {request.Path.ToUriComponent()} needs {required.Name()}";
            return DenyAsync(context, DenialReason.Scope, message, key, required);
        }

        if (key.IsRestricted && !IsWriteAllowedToRestricted(key, request))
        {
            var message = $"the API key '{key.Name}' may write only to the models {string.Join(", ", key.Models!)}; " +
                $"{request.Method} {request.Path.ToUriComponent()} is outside them: use a key for that model";
            return DenyAsync(context, DenialReason.Scope, message, key, required);
        }

        context.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, key.Name), new Claim(ClaimTypes.NameIdentifier, key.Id), new Claim(ScopeClaim, key.Scope.Name())],
            AuthenticationType));
        return next(context);
    }

    /// <summary>A key restricted to some models reads as its scope allows, and writes only under <c>/api/models/{one of them}</c>.</summary>
    private static bool IsWriteAllowedToRestricted(ApiKeyRecord key, HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
        || (EndpointScopes.WrittenModel(request.Method, request.Path) is { } model && key.MayWriteModel(model));

    private static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var key = value[Bearer.Length..].Trim();
        return key.Length == 0 ? null : key;
    }

    private Task DenyAsync(HttpContext context, DenialReason reason, string message, ApiKeyRecord? key, ApiKeyScope required)
    {
        var request = context.Request;
        var grpc = IsGrpc(request);
        var transport = grpc ? "grpc" : "http";
        meter.RequestDenied(reason, transport);
        var path = request.Path.ToUriComponent();
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        audit?.CountDenial(key?.Name, remote, reason, path);
        if (key is null)
        {
            SecurityLog.Denied(logger, request.Method, path, remote, transport, reason.Tag());
        }
        else
        {
            SecurityLog.DeniedScope(logger, request.Method, path, remote, transport, key.Name, key.Id, key.Scope.Name(), required.Name());
        }

        var response = context.Response;
        if (grpc)
        {
            // gRPC carries errors in grpc-status, on HTTP 200; with no message sent, the status travels in the headers (trailers-only).
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            response.Headers["grpc-status"] = (reason == DenialReason.Scope ? GrpcPermissionDenied : GrpcUnauthenticated).ToString(CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = PercentEncode(message);
            return Task.CompletedTask;
        }

        response.StatusCode = reason == DenialReason.Scope ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
        if (reason != DenialReason.Scope)
        {
            response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"otel-track\"";
        }

        return response.WriteAsJsonAsync(new Denied(message), context.RequestAborted);
    }

    private const int GrpcUnauthenticated = 16;
    private const int GrpcPermissionDenied = 7;

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>grpc-message is percent-encoded UTF-8: every byte outside printable ASCII, and '%', as %XX.</summary>
    internal static string PercentEncode(string message)
    {
        var encoded = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    private sealed record Denied([property: JsonPropertyName("error")] string Error);
}

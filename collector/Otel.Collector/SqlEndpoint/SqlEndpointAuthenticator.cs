using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Otel.Collector.Security;
using Otel.Collector.Telemetry;

namespace Otel.Collector.SqlEndpoint;

/// <summary>
/// The collector's API keys on the SQL endpoint, under the <c>read</c> scope (an <c>admin</c> key grants it too), in
/// each place ClickHouse clients put a password: <c>X-ClickHouse-Key</c> (clickhouse-go with TLS), the password of
/// HTTP basic auth (clickhouse-go without TLS, ClickHouse.Driver, the JavaScript client), <c>Authorization: Bearer</c>,
/// or the <c>password</c> URL parameter. The user name is not checked: the key names its holder. Without a key file the
/// endpoint is open, which the collector allows only on loopback (or with <c>--insecure</c>). Denials are counted,
/// logged and audited like the API's, with transport <c>sql</c>.
/// </summary>
internal sealed class SqlEndpointAuthenticator(ApiKeyAuthenticator keys, CollectorMeter meter, ILogger<SqlEndpointAuthenticator> logger, SecurityAuditRecorder? audit = null)
{
    private const string Transport = "sql";

    /// <summary>Null when the request may query; otherwise the error to answer with.</summary>
    public SqlEndpointException? Check(HttpContext context)
    {
        var current = keys.Current;
        if (!current.Enabled)
        {
            return null;
        }

        if (PresentedKey(context.Request) is not { } presented)
        {
            return Deny(context, DenialReason.Missing, null,
                "this collector requires an API key of scope read: send it as the password (Grafana: the data source's password; " +
                "X-ClickHouse-Key, basic auth or Authorization: Bearer); an admin creates one with `otel-track keys create --scope read`");
        }

        if (current.Find(presented) is not { } key)
        {
            return Deny(context, DenialReason.Unknown, null, "the API key is not valid for this collector (unknown or revoked)");
        }

        return key.Scope.Grants(ApiKeyScope.Read)
            ? null
            : Deny(context, DenialReason.Scope, key, $"the API key '{key.Name}' has scope {key.Scope.Name()}; SQL queries need read");
    }

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers["X-ClickHouse-Key"] is [{ Length: > 0 } header])
        {
            return header;
        }

        if (request.Headers.Authorization is [{ } authorization])
        {
            if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return NonEmpty(authorization["Bearer ".Length..].Trim());
            }

            if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) && BasicPassword(authorization["Basic ".Length..].Trim()) is { } password)
            {
                return NonEmpty(password);
            }
        }

        return request.Query["password"] is [{ Length: > 0 } parameter] ? parameter : null;
    }

    private static string? BasicPassword(string encoded)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : text[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;

    private SqlEndpointException Deny(HttpContext context, DenialReason reason, ApiKeyRecord? key, string message)
    {
        var request = context.Request;
        var path = request.Path.ToUriComponent();
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        meter.RequestDenied(reason, Transport);
        audit?.CountDenial(key?.Name, remote, reason, path);
        if (key is null)
        {
            SecurityLog.Denied(logger, request.Method, path, remote, Transport, reason.Tag());
        }
        else
        {
            SecurityLog.DeniedScope(logger, request.Method, path, remote, Transport, key.Name, key.Id, key.Scope.Name(), ApiKeyScope.Read.Name());
        }

        return new SqlEndpointException(reason == DenialReason.Scope ? ClickHouseErrors.AccessDenied : ClickHouseErrors.AuthenticationFailed, message);
    }
}

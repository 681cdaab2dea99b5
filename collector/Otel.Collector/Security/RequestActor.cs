using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Otel.Collector.Security;

/// <summary>
/// Who an API request acts as, for the audit log and every registry record (docs/audit.md, "Who"): the name of the
/// API key it was authenticated with; without keys, on a loopback connection, the OS user that the CLI names in
/// <see cref="UserHeader"/>; otherwise <see cref="Anonymous"/>. The header is trusted only where anyone who could
/// send it could also act as that user on this machine: no keys and a loopback peer. Elsewhere it is ignored.
/// </summary>
internal static class RequestActor
{
    /// <summary>Sent by the CLI's API client on every request: the OS user running it.</summary>
    public const string UserHeader = Otel.Tracking.Query.ApiHeaders.User;

    public const string Anonymous = "anonymous";

    private const int MaxUserLength = 64;

    /// <summary>The actor of <paramref name="context"/>, and how it was known: <c>key</c>, <c>os-user</c> or <c>anonymous</c>.</summary>
    public static (string Actor, string Via) Resolve(HttpContext context, ApiKeySet keys)
    {
        if (context.User.Identity is { IsAuthenticated: true, AuthenticationType: ApiKeyMiddleware.AuthenticationType }
            && context.User.FindFirst(ClaimTypes.Name)?.Value is { Length: > 0 } keyName)
        {
            return (keyName, "key");
        }

        if (!keys.Enabled && context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
            && context.Request.Headers[UserHeader] is [{ } user] && IsValidUser(user))
        {
            return (user, "os-user");
        }

        return (Anonymous, "anonymous");
    }

    /// <summary>The actor of <paramref name="context"/>: the key's name, the loopback OS user, or <see cref="Anonymous"/>.</summary>
    public static string Of(HttpContext context, ApiKeySet keys) => Resolve(context, keys).Actor;

    /// <summary>A user name as operating systems spell them: printable, no spaces, short. Anything else is ignored, not trusted.</summary>
    public static bool IsValidUser(string user) =>
        user.Length is > 0 and <= MaxUserLength && user.All(c => c > ' ' && c < 0x7F);
}

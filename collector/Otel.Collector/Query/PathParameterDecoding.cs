using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Otel.Collector.Query;

/// <summary>
/// Route parameters decoded exactly once, from the request target as sent. The server decodes a path except
/// <c>%2F</c>, so a route value alone cannot tell the run id <c>a/b</c> (sent <c>a%2Fb</c>) from the run id
/// <c>a%2Fb</c> (sent <c>a%252Fb</c>); the raw segment can.
/// </summary>
internal static class PathParameterDecoding
{
    /// <summary>Runs after routing (which a WebApplication adds first) and before the endpoint binds its parameters.</summary>
    public static IApplicationBuilder UsePathParameterDecoding(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.GetEndpoint() is RouteEndpoint endpoint && context.Features.Get<IHttpRequestFeature>()?.RawTarget is { } target)
        {
            Decode(context.Request.RouteValues, endpoint.RoutePattern, target);
        }

        return next(context);
    });

    /// <summary>
    /// Replaces each parameter that fills a whole segment by its raw segment, unescaped. Segments are counted from
    /// the end, so a path base in front does not matter.
    /// </summary>
    internal static void Decode(RouteValueDictionary values, RoutePattern pattern, string target)
    {
        if (pattern.Parameters.Any(p => p.IsOptional || p.IsCatchAll))
        {
            return;
        }

        var path = target.Split('?', 2)[0];
        if (!path.StartsWith('/'))
        {
            return; // absolute-form, sent to proxies only: the route values stay as the server decoded them.
        }

        var raw = (path.Length > 1 && path.EndsWith('/') ? path[..^1] : path).Split('/');
        var segments = pattern.PathSegments;
        if (raw.Length - 1 < segments.Count || raw.Skip(1).Any(s => Uri.UnescapeDataString(s) is "" or "." or ".."))
        {
            return; // not a canonical path: the server normalised it, so its segments do not line up with the raw ones.
        }

        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i] is { IsSimple: true, Parts: [RoutePatternParameterPart parameter] })
            {
                values[parameter.Name] = Uri.UnescapeDataString(raw[raw.Length - segments.Count + i]);
            }
        }
    }
}

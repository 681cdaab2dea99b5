namespace Otel.Tracking.EnvironmentCapture;

/// <summary>Git remote URLs as they may be stored: without credentials, and the hosting provider when obvious.</summary>
internal static class RepositoryUrl
{
    /// <summary>
    /// Removes credentials from a URL. http(s): the whole user part goes (a lone user name is often a token, as in
    /// <c>https://ghp_…@github.com/</c>). Other schemes (ssh, git): only a password goes, since <c>ssh://git@host</c>
    /// needs its user. scp-like <c>git@host:org/repo.git</c> and local paths carry no secret and stay as they are.
    /// </summary>
    public static string StripCredentials(string url) => Rewrite(url, redaction: null);

    /// <summary>
    /// For text shown to people (command lines): a password becomes <paramref name="marker"/> and the user stays,
    /// except a lone http(s) user, which is replaced as it is likely a token.
    /// </summary>
    public static string RedactPassword(string url, string marker) => Rewrite(url, marker);

    /// <summary><c>github</c> or <c>gitlab</c> when a label of the remote's host says so, else null.</summary>
    public static string? Provider(string url)
    {
        var host = Host(url);
        if (host is null)
        {
            return null;
        }

        var labels = host.ToUpperInvariant().Split('.');
        if (labels.Contains("GITHUB"))
        {
            return MlSemanticConventions.VcsProvider.GitHub;
        }

        return labels.Contains("GITLAB") ? MlSemanticConventions.VcsProvider.GitLab : null;
    }

    private static string Rewrite(string url, string? redaction)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return url;
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var at = url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
        if (at < 0)
        {
            return url;
        }

        var userInfo = url[authorityStart..at];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var scheme = url[..schemeEnd];
        var http = scheme.StartsWith("http", StringComparison.OrdinalIgnoreCase);
        var user = colon < 0 ? userInfo : userInfo[..colon];
        var kept = (redaction, http) switch
        {
            (null, true) => string.Empty,
            (null, false) => user + "@",
            (_, true) when colon < 0 => redaction + "@",
            _ when colon < 0 => user + "@",
            _ => user + ":" + redaction + "@",
        };

        return url[..authorityStart] + kept + url[(at + 1)..];
    }

    private static string? Host(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        string authority;
        if (schemeEnd > 0)
        {
            var start = schemeEnd + 3;
            var end = url.IndexOfAny(['/', '?', '#'], start);
            authority = end < 0 ? url[start..] : url[start..end];
        }
        else
        {
            // scp-like user@host:path; anything without a colon before the first slash is a local path.
            var colon = url.IndexOf(':', StringComparison.Ordinal);
            var slash = url.IndexOf('/', StringComparison.Ordinal);
            if (colon <= 0 || (slash >= 0 && slash < colon))
            {
                return null;
            }

            authority = url[..colon];
        }

        var host = authority[(authority.LastIndexOf('@') + 1)..];
        var port = host.LastIndexOf(':');
        return port > 0 ? host[..port] : host;
    }
}

using System.Web;
using ClickHouse.Driver.ADO;

namespace Otel.Collector.ClickHouse.Server;

/// <summary>
/// A ClickHouse server's HTTP interface, parsed from a URL such as
/// <c>http://user:password@host:8123/?database=otel&amp;async_insert=1</c>: user and password from the
/// user info (percent-encoded), <c>database</c> from the query string, and every other query
/// parameter sent as a ClickHouse setting with each request.
/// </summary>
internal sealed class ClickHouseServerEndpoint
{
    private ClickHouseServerEndpoint(Uri baseUri, string username, string password, string? database, IReadOnlyDictionary<string, string> settings)
    {
        BaseUri = baseUri;
        Username = username;
        Password = password;
        Database = database;
        Settings = settings;
    }

    /// <summary>Scheme, host, port and path; no credentials, no query.</summary>
    public Uri BaseUri { get; }

    public string Username { get; }

    public string Password { get; }

    /// <summary>The <c>database</c> query parameter, when the URL names one.</summary>
    public string? Database { get; }

    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The URL without password or settings, safe for logs.</summary>
    public string Redacted => $"{BaseUri.Scheme}://{(Username.Length > 0 ? Uri.EscapeDataString(Username) + "@" : "")}{BaseUri.Authority}{BaseUri.AbsolutePath}";

    /// <exception cref="ArgumentException">Not an absolute http(s) URL; the message never contains the password.</exception>
    public static ClickHouseServerEndpoint Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException(
                "The ClickHouse server URL must be an absolute http:// or https:// URL such as http://user:password@localhost:8123/?database=otel.",
                nameof(url));
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        var username = Uri.UnescapeDataString(userInfo[0]);
        var password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "";
        var query = HttpUtility.ParseQueryString(uri.Query);
        string? database = null;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in query.AllKeys)
        {
            if (key is null)
            {
                continue;
            }

            var value = query[key] ?? "";
            if (key == "database")
            {
                database = value;
            }
            else
            {
                settings[key] = value;
            }
        }

        var baseUri = new UriBuilder(uri.Scheme, uri.Host, uri.Port, uri.AbsolutePath).Uri;
        return new ClickHouseServerEndpoint(baseUri, username, password, database, settings);
    }

    public ClickHouseClientSettings ToClientSettings()
    {
        var settings = new ClickHouseClientSettings
        {
            Protocol = BaseUri.Scheme,
            Host = BaseUri.Host,
            Port = (ushort)BaseUri.Port,
            Path = BaseUri.AbsolutePath == "/" ? null : BaseUri.AbsolutePath,
            Username = Username.Length > 0 ? Username : ClickHouseDefaults.Username,
            Password = Password,

            // Each request names its database; none here, so CREATE DATABASE works before it exists.
            Database = "",

            // Query output is returned as the caller's raw bytes; no response encoding to undo.
            UseCompression = false,
        };
        foreach (var (key, value) in Settings)
        {
            settings.CustomSettings[key] = value;
        }

        return settings;
    }
}

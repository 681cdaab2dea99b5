using System.CommandLine;
using System.Net.Http.Headers;

namespace Otel.Cli.Client;

/// <summary>Options every read command shares.</summary>
internal static class CommonOptions
{
    public const string DefaultEndpoint = "http://localhost:4318";
    public const string EndpointVariable = "OTEL_TRACK_ENDPOINT";

    /// <summary>An API key for a collector that requires one; an environment variable, not a flag, so it stays out of process listings.</summary>
    public const string ApiKeyVariable = "OTEL_TRACK_API_KEY";

    public static Option<string?> Endpoint() => new("--endpoint")
    {
        Description = $"Collector URL (default {DefaultEndpoint}, or ${EndpointVariable})",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON on stdout (and nothing else)" };

    /// <summary>Sends <c>Authorization: Bearer</c> with the key of <see cref="ApiKeyVariable"/>, when set.</summary>
    public static HttpClient WithApiKey(HttpClient http)
    {
        if (Environment.GetEnvironmentVariable(ApiKeyVariable) is { } key && !string.IsNullOrWhiteSpace(key))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Trim());
        }

        return http;
    }

    /// <summary>
    /// Names the OS user running the CLI in every request. A collector without keys trusts it on loopback only, to
    /// attribute registry actions and audit entries (docs/audit.md, "Who"); with keys, the key's name is the actor.
    /// </summary>
    public static HttpClient WithOsUser(HttpClient http)
    {
        // Without validation: the collector decides what it accepts as a user name.
        http.DefaultRequestHeaders.TryAddWithoutValidation(Otel.Tracking.Query.ApiHeaders.User, Environment.UserName);

        return http;
    }

    /// <summary>The endpoint from the flag, else the environment, else the default; validated.</summary>
    public static Uri ResolveEndpoint(string? flag)
    {
        var text = flag ?? Environment.GetEnvironmentVariable(EndpointVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            text = DefaultEndpoint;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliException($"endpoint '{text}' is not an http(s) URL, e.g. {DefaultEndpoint}", ExitCodes.Usage);
        }

        return uri;
    }
}

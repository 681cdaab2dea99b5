namespace Otel.Tracking.Artifacts;

/// <summary>Where artifact bytes are uploaded: the collector's HTTP port, which also serves <c>/api/artifacts</c>.</summary>
internal static class ArtifactEndpoint
{
    public const string TrackEndpointVariable = "OTEL_TRACK_ENDPOINT";
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string OtlpProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const int CollectorHttpPort = 4318;

    public static readonly Uri Default = new("http://localhost:4318/");

    /// <summary>
    /// <see cref="MlTrackingOptions.ArtifactEndpoint"/>, else <c>OTEL_TRACK_ENDPOINT</c>, else the OTLP endpoint:
    /// as is for OTLP/HTTP (the collector serves its API on the same port), or its scheme and host on port 4318
    /// for gRPC (whose port, 4317, serves only gRPC); else <c>http://localhost:4318</c>.
    /// </summary>
    public static Uri Resolve(MlTrackingOptions options, Func<string, string?> environment)
    {
        if (options.ArtifactEndpoint is { } configured)
        {
            return configured;
        }

        if (Parse(environment(TrackEndpointVariable)) is { } track)
        {
            return track;
        }

        var otlp = options.Endpoint ?? Parse(environment(OtlpEndpointVariable));
        if (otlp is null)
        {
            return Default;
        }

        var protocol = options.Protocol?.ToString() ?? environment(OtlpProtocolVariable);
        var isHttp = protocol is not null && protocol.StartsWith("http", StringComparison.OrdinalIgnoreCase);
        return isHttp ? new Uri(otlp.GetLeftPart(UriPartial.Authority) + "/") : new UriBuilder(otlp.Scheme, otlp.Host, CollectorHttpPort).Uri;
    }

    /// <summary><c>{endpoint}/api/artifacts/{sha256}</c>, keeping any path prefix of the endpoint.</summary>
    public static Uri ObjectUri(Uri endpoint, string sha256) =>
        new(endpoint.AbsoluteUri.TrimEnd('/') + "/api/artifacts/" + sha256, UriKind.Absolute);

    /// <summary>The wire URI of bytes held by the collector (<c>ml.artifact.uri</c>).</summary>
    public static Uri StoredUri(string sha256) => new("otel-track://artifacts/sha256/" + sha256);

    private static Uri? Parse(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
}

namespace Otel.Tracking.Serving;

/// <summary>Which registered model a service serves, and where the registry is (docs/serving.md).</summary>
public sealed class ModelServingOptions
{
    /// <summary>The environment variable read when <see cref="Model"/> is not set.</summary>
    public const string ModelVariable = "OTEL_TRACK_MODEL";

    /// <summary>The environment variable read when <see cref="Endpoint"/> is not set (the CLI's too).</summary>
    public const string EndpointVariable = "OTEL_TRACK_ENDPOINT";

    /// <summary>The environment variable read when <see cref="ApiKey"/> is not set (the CLI's too).</summary>
    public const string ApiKeyVariable = "OTEL_TRACK_API_KEY";

    /// <summary>
    /// <c>models:/NAME@ALIAS</c> (resolved once, at start, to the version the alias points to then) or
    /// <c>models:/NAME/VERSION</c>. Default: <c>OTEL_TRACK_MODEL</c>. Required.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>The collector whose registry API resolves <see cref="Model"/>. Default: <c>OTEL_TRACK_ENDPOINT</c>, else <c>http://localhost:4318</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer KEY</c> when the collector requires keys (a key with read scope). Default: <c>OTEL_TRACK_API_KEY</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Stamped as <c>deployment.environment.name</c> on the resource when set (e.g. <c>production</c>, <c>canary</c>).
    /// Default: none (an <c>OTEL_RESOURCE_ATTRIBUTES</c> entry works as well).
    /// </summary>
    public string? DeploymentEnvironment { get; set; }

    /// <summary>How long resolving the model and fetching its baseline may take in all before start fails. Default 30 s; more than zero.</summary>
    public TimeSpan RegistryTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

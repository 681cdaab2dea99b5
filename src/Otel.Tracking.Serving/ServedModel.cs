using Otel.Tracking.Query.Registry;

namespace Otel.Tracking.Serving;

/// <summary>
/// The registered version a service serves, resolved once at start: what goes on the telemetry's resource
/// (<c>ml.model.name</c>, <c>ml.model.version</c>, <c>ml.run.id</c>) and the baseline predictions are binned against.
/// </summary>
public sealed class ServedModel
{
    internal ServedModel(string uri, ModelVersion version, ModelBaseline? baseline, string? deploymentEnvironment)
    {
        Uri = uri;
        Name = version.Name;
        Version = version.Version;
        RunId = version.RunId;
        Baseline = baseline;
        DeploymentEnvironment = deploymentEnvironment;
    }

    /// <summary>What was asked for: <c>models:/NAME@ALIAS</c> or <c>models:/NAME/VERSION</c>.</summary>
    public string Uri { get; }

    public string Name { get; }

    /// <summary>The resolved version number (an alias is resolved at start and not followed afterwards).</summary>
    public long Version { get; }

    /// <summary>The run that trained the version.</summary>
    public string RunId { get; }

    /// <summary>The version's training baseline; null when its run logged none (then predictions are not recorded).</summary>
    public ModelBaseline? Baseline { get; }

    public string? DeploymentEnvironment { get; }

    /// <summary>
    /// Resolves <see cref="ModelServingOptions.Model"/> through the collector's registry and fetches the version's
    /// baseline. Call it before building the host: a service that cannot say which version it serves does not start.
    /// </summary>
    /// <exception cref="ModelServingException">Bad options, a refusal (unknown model, alias or version) or an unreachable registry; the message says what to do.</exception>
    public static Task<ServedModel> ResolveAsync(ModelServingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ResolveAsync(options, Environment.GetEnvironmentVariable, handler: null, cancellationToken);
    }

    /// <summary>The test seam: the environment and the HTTP handler are given.</summary>
    internal static async Task<ServedModel> ResolveAsync(
        ModelServingOptions options, Func<string, string?> environment, HttpMessageHandler? handler, CancellationToken cancellationToken)
    {
        var settings = RegistrySettings.From(options, environment);
        using var registry = new ServingRegistryClient(settings, handler);
        var (version, baseline) = await registry.ResolveAsync(cancellationToken).ConfigureAwait(false);
        return new ServedModel(settings.Model, version, baseline, options.DeploymentEnvironment);
    }

    /// <summary>The resource attributes that link this service's telemetry to the version and its run.</summary>
    internal IEnumerable<KeyValuePair<string, object>> ResourceAttributes()
    {
        yield return new(MlSemanticConventions.ModelName, Name);
        yield return new(MlSemanticConventions.ModelVersion, Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new(MlSemanticConventions.RunId, RunId);
        if (!string.IsNullOrEmpty(DeploymentEnvironment))
        {
            yield return new(MlSemanticConventions.DeploymentEnvironmentName, DeploymentEnvironment);
        }
    }
}

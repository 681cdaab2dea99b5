using Otel.Tracking.Artifacts;
using Otel.Tracking.Query.Registry;
using Otel.Tracking.Registry;

namespace Otel.Tracking;

/// <summary>
/// The model registry (docs/registry.md) through the collector's API at <see cref="MlTrackingOptions.ArtifactEndpoint"/>
/// (the same endpoint and headers as artifact uploads). These calls are not on the training hot path: they wait for the
/// collector and throw <see cref="ModelRegistryException"/> with its reason when it refuses.
/// </summary>
public sealed partial class MlTracking
{
    private ModelRegistryClient? _registry;

    /// <summary>
    /// Registers a version of model <paramref name="name"/> from a run that has ended and one of the artifacts it
    /// logged (uploaded). The version freezes what the run was; registering the same run and artifact again returns
    /// the existing version.
    /// </summary>
    /// <param name="name">Model name: letters, digits, '.', '_', '-'.</param>
    /// <param name="runId">The run (<see cref="MlRun.Id"/>); it must have ended and reached the collector.</param>
    /// <param name="artifact">The artifact's path in the run (as <see cref="ArtifactInfo.Path"/>), or its SHA-256.</param>
    /// <param name="description">What this version is; optional.</param>
    /// <param name="tags">Tags of the version; optional.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The version, numbered 1, 2, 3… per name.</returns>
    /// <exception cref="ModelRegistryException">Refused (unknown run or artifact, a run still RUNNING, bytes missing or corrupt, a bad name) or unreachable.</exception>
    public Task<ModelVersion> RegisterModelAsync(
        string name, string runId, string artifact, string? description = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentException.ThrowIfNullOrEmpty(artifact);
        return Registry.RegisterAsync(name, new ModelRegistration
        {
            RunId = runId,
            Artifact = artifact,
            Description = description,
            Tags = tags is null ? null : new Dictionary<string, string>(tags, StringComparer.Ordinal),
        }, cancellationToken);
    }

    /// <summary>
    /// The version a model URI names now: <c>models:/NAME@ALIAS</c>, <c>models:/NAME/VERSION</c>, or <c>models:/NAME</c>
    /// (the newest version that is not archived).
    /// </summary>
    /// <param name="uri">The model URI.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="ModelRegistryException">A malformed URI, an unknown model, version or alias, or unreachable.</exception>
    public Task<ModelVersion> ResolveModelAsync(string uri, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        return Registry.ResolveAsync(uri, cancellationToken);
    }

    /// <summary>
    /// Downloads the version's artifact into <paramref name="directory"/> (under the artifact's file name) and returns
    /// the file's path; the file is kept only when its bytes hash to the version's SHA-256.
    /// </summary>
    /// <param name="version">A version from <see cref="ResolveModelAsync"/> or <see cref="RegisterModelAsync"/>.</param>
    /// <param name="directory">An existing directory.</param>
    /// <param name="cancellationToken">Stops the download; nothing is kept.</param>
    /// <exception cref="InvalidDataException">The bytes received do not hash to the version's SHA-256: nothing was kept.</exception>
    /// <exception cref="ModelRegistryException">Refused (a corrupt stored blob, an unknown version) or the download broke off.</exception>
    public Task<string> DownloadModelAsync(ModelVersion version, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"'{directory}' does not exist: create it, then download into it");
        }

        return Registry.DownloadAsync(version, directory, cancellationToken);
    }

    /// <summary>
    /// The training baseline frozen with a version at registration (<c>GET /api/models/{name}/versions/{version}/baseline</c>):
    /// the bins and categories its serving code records production values against.
    /// </summary>
    /// <param name="name">Model name.</param>
    /// <param name="version">Version number.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="ModelRegistryException">404 when the version has no baseline (its run had logged none when it was registered), an unknown model or version, or unreachable.</exception>
    public Task<ModelBaseline> GetModelBaselineAsync(string name, long version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return Registry.GetBaselineAsync(name, version, cancellationToken);
    }

    private ModelRegistryClient Registry
    {
        get
        {
            lock (_sync)
            {
                return _registry ??= new ModelRegistryClient(
                    ArtifactEndpoint.Resolve(Options, Environment.GetEnvironmentVariable), Export.OtlpHeaders.Resolve(Options, Environment.GetEnvironmentVariable));
            }
        }
    }
}

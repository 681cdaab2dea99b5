using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Otel.Collector.Artifacts;

/// <summary>Registers the artifact store; <see cref="ArtifactApi.MapArtifactApi"/> maps its HTTP API.</summary>
internal static class ArtifactStoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IArtifactStore"/> (the filesystem store, or S3 when <see cref="ArtifactStoreOptions.S3"/> is
    /// set) with validated <see cref="ArtifactStoreOptions"/> (checked at start). Uses the registered
    /// <see cref="TimeProvider"/> if any. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddArtifactStore(this IServiceCollection services, Action<ArtifactStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ArtifactStoreOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ArtifactStoreOptions>, Validator>());
        services.TryAddSingleton(Create);
        return services;
    }

    private static IArtifactStore Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ArtifactStoreOptions>>().Value;
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        if (options.S3 is { } s3)
        {
            return new S3ArtifactStore(s3, options.Directory, options.MaxArtifactBytes);
        }

        var logger = services.GetService<ILogger<FileSystemArtifactStore>>() ?? NullLogger<FileSystemArtifactStore>.Instance;
        return new FileSystemArtifactStore(options.Directory, options.MaxArtifactBytes, time, logger);
    }

    private sealed class Validator : IValidateOptions<ArtifactStoreOptions>
    {
        public ValidateOptionsResult Validate(string? name, ArtifactStoreOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}

using Microsoft.Extensions.Configuration;

namespace Otel.Tracking.Export;

/// <summary>
/// Keeps what a run logged when the collector cannot be reached: the OTLP exporter's disk retry stores each
/// failed export as a blob (at most 50 MB per signal, for 2 days) and sends stored blobs again after its next
/// successful export, also those an earlier process left. Turned on here unless the environment already
/// chose a retry mode with <c>OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY</c>.
/// </summary>
internal static class OfflineBuffer
{
    internal const string RetryVariable = "OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY";
    internal const string DirectoryVariable = "OTEL_DOTNET_EXPERIMENTAL_OTLP_DISK_RETRY_DIRECTORY_PATH";

    /// <summary>
    /// The configuration the exporter reads, with disk retry into <see cref="MlTrackingOptions.OfflineDirectory"/> when
    /// enabled, and that directory (null when the buffer is off or the environment chose its own retry mode).
    /// </summary>
    public static (IConfiguration Configuration, string? Directory) Apply(MlTrackingOptions options, IConfiguration configuration)
    {
        if (!options.BufferOffline || configuration[RetryVariable] is not null)
        {
            return (configuration, null);
        }

        var directory = options.OfflineDirectory ?? DefaultDirectory();
        try
        {
            CreatePrivateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Tracking must not fail because a cache directory cannot be made: it runs without the buffer.
            return (configuration, null);
        }

        var withRetry = new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?> { [RetryVariable] = "disk", [DirectoryVariable] = directory })
            .Build();
        return (withRetry, directory);
    }

    /// <summary><c>$XDG_CACHE_HOME/otel-track/offline</c>, else <c>~/.cache/otel-track/offline</c>.</summary>
    public static string DefaultDirectory()
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "otel-track", "offline");
    }

    /// <summary>Telemetry waiting on disk may hold parameters and data paths: only the user may read it.</summary>
    private static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}

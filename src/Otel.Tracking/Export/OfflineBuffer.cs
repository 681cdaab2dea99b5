using Microsoft.Extensions.Configuration;

namespace Otel.Tracking.Export;

/// <summary>
/// Keeps what a run logged when the collector cannot be reached or is misconfigured: exports that fail wait as
/// files in <see cref="MlTrackingOptions.OfflineDirectory"/> (<see cref="OfflineStore"/>) and are delivered by
/// <see cref="OfflineDelivery"/> once a collector accepts exports at the configured endpoint, also by a later
/// process. Off when <see cref="MlTrackingOptions.BufferOffline"/> is false or the environment chose the OTLP
/// exporter's own retry mode with <c>OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY</c>.
/// </summary>
internal static class OfflineBuffer
{
    internal const string RetryVariable = "OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY";

    /// <summary>The buffer's directory, created private to the user; null when the buffer is off or cannot be made.</summary>
    public static string? Directory(MlTrackingOptions options, IConfiguration configuration)
    {
        if (!options.BufferOffline || configuration[RetryVariable] is not null)
        {
            return null;
        }

        var directory = options.OfflineDirectory ?? DefaultDirectory();
        try
        {
            CreatePrivateDirectory(directory);
            return directory;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Tracking must not fail because a cache directory cannot be made: it runs without the buffer.
            return null;
        }
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
            System.IO.Directory.CreateDirectory(directory);
            return;
        }

        System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}

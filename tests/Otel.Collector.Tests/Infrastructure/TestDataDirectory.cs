using System.Diagnostics;
using System.Globalization;

namespace Otel.Collector.Tests.Infrastructure;

/// <summary>
/// The embedded engine's data directory for this test process: chDB opens one per process, so tests
/// isolate by database, not by directory. Removed at exit, and directories left by test processes
/// that no longer run are removed on the next start.
/// </summary>
internal static class TestDataDirectory
{
    private static readonly string Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "otel-track-tests");
    private static int s_removalRegistered;

    public static string Path { get; } = Create();

    /// <summary>
    /// Call once the engine is open: exit handlers run in registration order, so the directory
    /// goes after the engine has shut down, not from under it.
    /// </summary>
    public static void RemoveAtExit()
    {
        if (Interlocked.Exchange(ref s_removalRegistered, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(Path);
        }
    }

    private static string Create()
    {
        RemoveAbandoned();
        var path = System.IO.Path.Combine(Root, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static void RemoveAbandoned()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }

        foreach (var directory in Directory.GetDirectories(Root))
        {
            var name = System.IO.Path.GetFileName(directory);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var processId) && !IsRunning(processId))
            {
                TryDelete(directory);
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using Otel.Tracking.Diagnostics;

namespace Otel.Tracking.EnvironmentCapture;

/// <summary>
/// Runs a helper program (git, nvidia-smi) with a deadline and returns its raw stdout, or null when it is missing,
/// fails or is too slow. Never throws: capture must not fail the training program.
/// </summary>
internal static class ExternalCommand
{
    /// <summary>Full path of <paramref name="name"/> on PATH (or the path itself when rooted), or null.</summary>
    public static string? Find(string name)
    {
        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : null;
        }

        var suffix = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ".exe" : string.Empty;
        var path = System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                var candidate = Path.Combine(directory, name + suffix);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
            catch (ArgumentException)
            {
                // A malformed PATH entry is skipped, not fatal.
            }
        }

        return null;
    }

    /// <summary>Stdout bytes of a zero exit, or null. A process past <paramref name="timeout"/> is killed.</summary>
    public static byte[]? Run(string executable, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Never prompt for credentials, and never take git's optional index lock (the user may run git meanwhile).
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_OPTIONAL_LOCKS"] = "0";

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            // Everything is read on this thread: no thread-pool work to starve when capture runs on a busy pool.
            // A stuck process is killed by the timer, which closes its pipes and ends the reads.
            var timedOut = false;
            using var deadline = new Timer(_ =>
            {
                timedOut = true;
                Kill(process);
            }, null, timeout, Timeout.InfiniteTimeSpan);
            process.StandardInput.Close();
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);

            // Helpers write little to stderr; reading it after stdout cannot block past the deadline either.
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (Volatile.Read(ref timedOut))
            {
                TrackingEventSource.Log.CaptureFailed(Path.GetFileName(executable), $"no answer within {timeout.TotalMilliseconds} ms");
                return null;
            }

            return process.ExitCode == 0 ? output.ToArray() : null;
        }
        catch (Exception exception)
        {
            TrackingEventSource.Log.CaptureFailed(Path.GetFileName(executable), exception);
            return null;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the timeout and the kill.
        }
    }
}

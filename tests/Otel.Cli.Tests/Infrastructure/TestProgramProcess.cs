using System.Diagnostics;
using System.Reflection;

namespace Otel.Cli.Tests.Infrastructure;

/// <summary>
/// Runs the small training program (tests/Otel.Tracking.TestProgram) as a child process: one run through
/// <c>MlTracking.Create</c>, configured only by the OTLP environment variables, its offline buffer under
/// <c>$XDG_CACHE_HOME/otel-track/offline</c>.
/// </summary>
internal static class TestProgramProcess
{
    public static string Dll { get; } = Path.GetFullPath(Path.Combine(
        typeof(TestProgramProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TestProgramDirectory").Value!,
        "otel-track-test-program.dll"));

    public static async Task<CliResult> RunAsync(string workingDirectory, string cacheHome, string endpoint, string protocol, params string[] args) =>
        await CliProcess.RunStartedAsync(StartInfo(workingDirectory, cacheHome, endpoint, protocol, args));

    /// <summary>The program's start, exporting to <paramref name="endpoint"/> and nowhere else the environment says.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, string cacheHome, string endpoint, string protocol, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["XDG_CACHE_HOME"] = cacheHome;
        info.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint;
        info.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = protocol;
        return info;
    }
}

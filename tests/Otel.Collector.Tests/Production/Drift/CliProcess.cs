using System.Diagnostics;
using System.Reflection;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Production.Drift;

/// <summary>The real otel-track program (its built otel-track.dll) as a child process, against a collector this test hosts.</summary>
internal static class CliProcess
{
    private static readonly string Dll = Path.Combine(
        typeof(CliProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CliDirectory").Value!, "otel-track.dll");

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("OTEL_TRACK_ENDPOINT");
        start.Environment.Remove("OTEL_TRACK_API_KEY");
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.StoreOpen, TestContext.Current.CancellationToken);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}

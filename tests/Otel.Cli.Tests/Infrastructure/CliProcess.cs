using System.Diagnostics;
using System.Text;

namespace Otel.Cli.Tests.Infrastructure;

/// <summary>Runs the real otel-track program (the built otel-track.dll) as a child process.</summary>
internal static class CliProcess
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "otel-track.dll");

    /// <summary>The app host, which <c>dotnet run</c> starts: no .dll on the command line.</summary>
    public static string AppHost { get; } = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "otel-track.exe" : "otel-track");

    /// <summary><c>dotnet otel-track.dll ARGS</c>.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args) => StartInfo(workingDirectory, viaAppHost: false, args);

    /// <summary><c>dotnet otel-track.dll ARGS</c>, or <c>otel-track ARGS</c> through the app host.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, bool viaAppHost, params string[] args)
    {
        var info = new ProcessStartInfo(viaAppHost ? AppHost : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!viaAppHost)
        {
            info.ArgumentList.Add(Dll);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Keep tests independent of the developer's environment.
        info.Environment.Remove("OTEL_TRACK_ENDPOINT");
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        info.Environment.Remove("OTEL_TRACK_API_KEY");
        info.Environment.Remove("OTEL_EXPORTER_OTLP_HEADERS");
        info.Environment["NO_COLOR"] = "1";
        return info;
    }

    /// <summary>Runs to completion and returns exit code, stdout and stderr.</summary>
    public static Task<CliResult> RunAsync(string workingDirectory, params string[] args) => RunStartedAsync(StartInfo(workingDirectory, args));

    /// <summary>Runs a prepared start to completion and returns exit code, stdout and stderr.</summary>
    public static async Task<CliResult> RunStartedAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => new StringBuilder()
        .Append("exit ").Append(ExitCode).AppendLine()
        .AppendLine("stdout: " + Stdout)
        .AppendLine("stderr: " + Stderr).ToString();
}

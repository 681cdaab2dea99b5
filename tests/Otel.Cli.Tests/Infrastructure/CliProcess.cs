using System.Diagnostics;
using System.Text;

namespace Otel.Cli.Tests.Infrastructure;

/// <summary>Runs the real otel-track program (the built otel-track.dll) as a child process.</summary>
internal static class CliProcess
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "otel-track.dll");

    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
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

        // Keep tests independent of the developer's environment.
        info.Environment.Remove("OTEL_TRACK_ENDPOINT");
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        info.Environment.Remove("OTEL_TRACK_API_KEY");
        info.Environment.Remove("OTEL_EXPORTER_OTLP_HEADERS");
        info.Environment["NO_COLOR"] = "1";
        return info;
    }

    /// <summary>Runs to completion and returns exit code, stdout and stderr.</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args))!;
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

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => new StringBuilder()
        .Append("exit ").Append(ExitCode).AppendLine()
        .AppendLine("stdout: " + Stdout)
        .AppendLine("stderr: " + Stderr).ToString();
}

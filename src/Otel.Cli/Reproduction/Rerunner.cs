using System.Diagnostics;
using Otel.Cli.Client;
using Otel.Tracking.Artifacts;
using Otel.Tracking.Runs;

namespace Otel.Cli.Reproduction;

/// <summary>
/// Runs a recorded command again in its recorded working directory, asking the SDK (through the
/// environment) to link the run of the same experiment and name to the original. The command is told the
/// collector this CLI reads from, so that its run lands where it is compared: <c>OTEL_TRACK_ENDPOINT</c> (the demo
/// then sends there rather than opening a data directory the running collector holds) and, unless the environment
/// already chose them, the OTLP endpoint and protocol of that collector's HTTP port.
/// </summary>
internal static class Rerunner
{
    public static async Task RunAsync(ReproductionManifest manifest, Uri collector, TextWriter log, CancellationToken cancellationToken)
    {
        var args = manifest.Arguments()
            ?? throw new CliException($"run {manifest.RunId} recorded no command (process.command_args or process.command_line); it was not reported by the otel-track SDK's environment capture");
        var workingDirectory = manifest.WorkingDirectory is { Length: > 0 } recorded && Directory.Exists(recorded) ? recorded : Directory.GetCurrentDirectory();
        var start = new ProcessStartInfo(args[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[CommonOptions.EndpointVariable] = collector.ToString();
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ArtifactEndpoint.OtlpEndpointVariable)))
        {
            start.Environment[ArtifactEndpoint.OtlpEndpointVariable] = collector.ToString();
            start.Environment[ArtifactEndpoint.OtlpProtocolVariable] = "http/protobuf";
        }

        start.Environment[ReproductionRequest.RunIdVariable] = manifest.RunId;
        start.Environment[ReproductionRequest.ExperimentVariable] = manifest.Experiment;
        start.Environment[ReproductionRequest.RunNameVariable] = manifest.Name;

        await log.WriteLineAsync($"otel-track: re-running in {workingDirectory}: {manifest.CommandLine ?? string.Join(' ', args)}");
        using var process = Process.Start(start) ?? throw new CliException($"could not start '{args[0]}'");
        // The command's own output goes to stderr, so stdout stays clean for --json.
        var copyOut = CopyAsync(process.StandardOutput, log);
        var copyErr = CopyAsync(process.StandardError, log);
        await process.WaitForExitAsync(cancellationToken);
        await Task.WhenAll(copyOut, copyErr);
        if (process.ExitCode != 0)
        {
            throw new CliException($"the recorded command exited with {process.ExitCode}; nothing to compare");
        }
    }

    private static async Task CopyAsync(StreamReader from, TextWriter to)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            await to.WriteLineAsync(line);
        }
    }
}

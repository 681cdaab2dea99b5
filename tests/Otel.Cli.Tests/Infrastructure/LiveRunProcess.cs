using System.Diagnostics;

namespace Otel.Cli.Tests.Infrastructure;

/// <summary>
/// The test program's <c>live</c> mode as a child process: a run that declares its total steps and logs "loss" and
/// "accuracy" until told to stop (a line on stdin: FINISHED) or terminated (SIGTERM: KILLED).
/// </summary>
internal sealed class LiveRunProcess : IAsyncDisposable
{
    private readonly Process _process;

    private LiveRunProcess(Process process, string runId)
    {
        _process = process;
        RunId = runId;
    }

    public string RunId { get; }

    /// <summary>Starts the program and returns once the collector lists its run (its start span exported and stored).</summary>
    public static async Task<LiveRunProcess> StartAsync(string workingDirectory, string endpoint, long totalSteps)
    {
        var info = TestProgramProcess.StartInfo(workingDirectory, Path.Combine(workingDirectory, "cache"), endpoint, "http/protobuf",
            "live", "watched", totalSteps.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.RedirectStandardInput = true;
        var process = Process.Start(info)!;
        _ = process.StandardError.ReadToEndAsync();
        var runId = await process.StandardOutput.ReadLineAsync().WaitAsync(CliProcess.Timeout)
            ?? throw new InvalidOperationException("the live test program exited before printing its run id");
        using var api = new HttpClient { BaseAddress = new Uri(endpoint + "/") };
        await Eventually.UntilAsync(
            async () => (await api.GetAsync("api/runs/" + Uri.EscapeDataString(runId))).IsSuccessStatusCode,
            $"run {runId} of the live test program never reached the collector",
            TimeSpan.FromSeconds(60));
        return new LiveRunProcess(process, runId);
    }

    /// <summary>Tells the program to end its run (FINISHED) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        await _process.StandardInput.WriteLineAsync("stop");
        await _process.StandardInput.FlushAsync();
        await _process.WaitForExitAsync().WaitAsync(CliProcess.Timeout);
        Assert.Equal(0, _process.ExitCode);
    }

    /// <summary>SIGTERM, as a scheduler stopping the job sends it: the SDK ends the run KILLED.</summary>
    public async Task TerminateAsync()
    {
        Assert.Equal(0, ServeProcess.SendSignal(_process.Id, ServeProcess.Sigterm));
        await _process.WaitForExitAsync().WaitAsync(CliProcess.Timeout);
    }

    /// <summary>kill -9, as the OOM killer does: the SDK sends nothing more, and the collector's lost-run job marks the run LOST.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(CliProcess.Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(CliProcess.Timeout);
        }

        _process.Dispose();
    }
}

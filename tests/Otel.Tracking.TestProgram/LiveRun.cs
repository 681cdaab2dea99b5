using System.Globalization;
using Otel.Tracking;

/// <summary>
/// Mode <c>live EXPERIMENT TOTAL_STEPS</c>: a run that declares TOTAL_STEPS steps and logs "loss" and "accuracy" at
/// one step every 20 ms (loss is NaN at step 3, so readers show a gap) until a line arrives on stdin (or stdin
/// closes); then it ends the run FINISHED. Prints the run id first, so a test can watch it.
/// </summary>
internal static class LiveRun
{
    private static readonly TimeSpan StepPeriod = TimeSpan.FromMilliseconds(20);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 2 || !long.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var totalSteps))
        {
            await Console.Error.WriteLineAsync("usage: otel-track-test-program live EXPERIMENT TOTAL_STEPS");
            return 2;
        }

        using var tracking = MlTracking.Create(o =>
        {
            o.ServiceName = "otel-track-test-program";
            o.CaptureGitDiff = false;
            o.UploadArtifacts = false;
        });
        using var run = tracking.StartRun(new RunOptions { Experiment = args[0], Name = "live", TotalSteps = totalSteps });
        await Console.Out.WriteLineAsync(run.Id);
        await Console.Out.FlushAsync();

        // Console.In reads synchronously, even through ReadLineAsync: read on the thread pool.
        var stop = Task.Run(Console.In.ReadLine);
        for (var step = 0L; step < totalSteps && !stop.IsCompleted; step++)
        {
            run.LogMetric("loss", step == 3 ? double.NaN : 1.0 / (step + 1), step);
            run.LogMetric("accuracy", 1.0 - 1.0 / (step + 2), step);
            await Task.WhenAny(stop, Task.Delay(StepPeriod));
        }

        return 0;
    }
}

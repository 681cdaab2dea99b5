using System.Globalization;
using Otel.Tracking;

// Usage: otel-track-test-program live EXPERIMENT TOTAL_STEPS: see LiveRun.
if (args is ["live", .. var liveArgs])
{
    return await LiveRun.RunAsync(liveArgs);
}

// Usage: otel-track-test-program EXPERIMENT POINTS [ANY MORE ARGUMENTS]
// Records one run named "probe" with POINTS values of "loss" and the arguments after POINTS as params arg.0, arg.1...,
// exporting as OTEL_EXPORTER_OTLP_* say, and prints the run id. Exits 0 whatever happened to the exports.
//   otel-track-test-program --end-killed EXPERIMENT POINTS: the same run with param lr=0.1, ended KILLED (a preempted job).
//   otel-track-test-program --resume RUN_ID POINTS: resumes the run, logs POINTS more values of "loss" at the steps that
//   follow, logs lr=0.1 again (allowed: the same value), and ends it FINISHED.
var mode = args.Length > 0 && args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : null;
var rest = mode is null ? args : args[1..];
if (rest.Length < 2 || !int.TryParse(rest[1], NumberStyles.None, CultureInfo.InvariantCulture, out var points) || mode is not (null or "--end-killed" or "--resume"))
{
    Console.Error.WriteLine("usage: otel-track-test-program [--end-killed] EXPERIMENT POINTS [ARGUMENTS...] | --resume RUN_ID POINTS");
    return 2;
}

using var tracking = MlTracking.Create(o =>
{
    o.ServiceName = "otel-track-test-program";
    o.CaptureGitDiff = false;
    o.UploadArtifacts = false;
});

if (mode == "--resume")
{
    using var resumed = tracking.ResumeRun(rest[0]);
    resumed.LogParam("lr", 0.1);
    for (var i = 0; i < points; i++)
    {
        resumed.LogMetric("loss", 1.0 / (i + 1));
    }

    Console.WriteLine(resumed.Id);
    return 0;
}

var options = new RunOptions { Experiment = rest[0], Name = "probe" };
for (var i = 2; i < rest.Length; i++)
{
    options.Params["arg." + (i - 2).ToString(CultureInfo.InvariantCulture)] = rest[i];
}

using var run = tracking.StartRun(options);

for (var step = 0; step < points; step++)
{
    run.LogMetric("loss", 1.0 / (step + 1), step);
}

if (mode == "--end-killed")
{
    run.LogParam("lr", 0.1);
    run.End(RunStatus.Killed);
}

Console.WriteLine(run.Id);
return 0;

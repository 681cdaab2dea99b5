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
if (args.Length < 2 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var points))
{
    Console.Error.WriteLine("usage: otel-track-test-program EXPERIMENT POINTS [ARGUMENTS...]");
    return 2;
}

using var tracking = MlTracking.Create(o =>
{
    o.ServiceName = "otel-track-test-program";
    o.CaptureGitDiff = false;
    o.UploadArtifacts = false;
});
var options = new RunOptions { Experiment = args[0], Name = "probe" };
for (var i = 2; i < args.Length; i++)
{
    options.Params["arg." + (i - 2).ToString(CultureInfo.InvariantCulture)] = args[i];
}

using var run = tracking.StartRun(options);

for (var step = 0; step < points; step++)
{
    run.LogMetric("loss", 1.0 / (step + 1), step);
}

Console.WriteLine(run.Id);
return 0;

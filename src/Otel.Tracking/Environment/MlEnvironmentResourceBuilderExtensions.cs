using Otel.Tracking.EnvironmentCapture;

namespace OpenTelemetry.Resources;

/// <summary>Adds the environment the ML SDK captures to a resource of the host's own OpenTelemetry setup.</summary>
public static class MlEnvironmentResourceBuilderExtensions
{
    /// <summary>
    /// Describes the process on the resource: git commit, branch, dirty flag, diff hash and remote (credentials
    /// stripped), CI run, container, host (OS, CPU, memory, NVIDIA GPUs), runtime, command line (obvious secrets
    /// redacted) and NuGet package versions; see "Environment captured by the .NET SDK" in
    /// docs/semantic-conventions.md. Captured once per process, at the first build; never throws (failures go to
    /// the <c>Otel-Tracking</c> EventSource). Keys set in <c>OTEL_RESOURCE_ATTRIBUTES</c> keep their configured value.
    /// <see cref="Otel.Tracking.MlTracking.Create"/> does this itself unless <c>CaptureEnvironment</c> is false.
    /// </summary>
    public static ResourceBuilder AddMlEnvironment(this ResourceBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddDetector(new EnvironmentResourceDetector());
    }
}

using Microsoft.AspNetCore.Http;
using Otel.Tracking.Query;

namespace Otel.Collector.Runs.Lifecycle;

/// <summary>What a change after the fact came to: the run's lifecycle (200), or the status and message of the refusal.</summary>
internal sealed record RunLifecycleResult(RunLifecycleRecord? Record, int Status, string? Error)
{
    public static RunLifecycleResult Ok(RunLifecycleRecord record) => new(record, StatusCodes.Status200OK, null);

    public static RunLifecycleResult UnknownRun(string runId) =>
        new(null, StatusCodes.Status404NotFound, $"unknown run id '{runId}': list runs with `otel-track runs list --all`");

    public static RunLifecycleResult Conflict(string message) => new(null, StatusCodes.Status409Conflict, message);

    public static RunLifecycleResult Invalid(string message) => new(null, StatusCodes.Status400BadRequest, message);
}

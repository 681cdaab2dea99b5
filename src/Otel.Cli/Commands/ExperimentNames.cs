using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Tracking.Query;

namespace Otel.Cli.Commands;

/// <summary>Why a list by experiment came back empty: the experiment does not exist, and which do.</summary>
internal static class ExperimentNames
{
    /// <summary>
    /// Throws (exit code <see cref="ExitCodes.NotFound"/>) when no run in any state has the experiment
    /// <paramref name="name"/>, naming the experiments that exist; returns when it exists.
    /// </summary>
    public static async Task RequireAsync(TrackingApiClient client, string name, CancellationToken ct)
    {
        if (await MissingAsync(client, name, ct) is { } missing)
        {
            throw new CliException(missing, ExitCodes.NotFound);
        }
    }

    /// <summary>
    /// For <c>--json</c> and <c>--csv</c>: the empty answer stays on stdout (exit 0) for scripts that poll for runs, and
    /// the reason goes to stderr.
    /// </summary>
    public static async Task WarnAsync(TrackingApiClient client, string name, CancellationToken ct)
    {
        if (await MissingAsync(client, name, ct) is { } missing)
        {
            await Console.Error.WriteLineAsync("otel-track: " + ConsoleText.InertLines(missing));
        }
    }

    private static async Task<string?> MissingAsync(TrackingApiClient client, string name, CancellationToken ct)
    {
        var experiments = TrackingApiClient.Read<List<ExperimentSummary>>(await client.GetJsonAsync("api/experiments", ct));
        if (experiments.Any(e => e.Name == name)
            || (await client.GetRunsJsonAsync(name, 1, ct, allAttempts: true, state: RunLifecycleStates.All)).GetArrayLength() > 0)
        {
            return null;
        }

        var known = experiments.Count == 0
            ? "there are none yet (record a run with `otel-track demo`)"
            : string.Join(", ", experiments.Select(e => e.Name).Order(StringComparer.Ordinal));
        return $"no experiment named '{name}'; experiments: {known}";
    }
}

using Otel.Tracking.Query;

namespace Otel.Cli.Client;

/// <summary>The reads behind curves and live views: a metric's downsampled history, and a run's progress.</summary>
internal static class RunCurvesClient
{
    /// <summary><c>/api/runs/{id}/history</c>: at most <paramref name="maxPoints"/> buckets of the key's points, in step order.</summary>
    public static async Task<IReadOnlyList<DownsampledPoint>> HistoryAsync(TrackingApiClient client, string runId, string key, int maxPoints, CancellationToken ct)
    {
        var path = ApiPaths.Run(runId, "history") + "?key=" + Uri.EscapeDataString(key) + "&maxPoints=" + maxPoints.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TrackingApiClient.Read<List<DownsampledPoint>>(await client.GetJsonAsync(path, ct));
    }

    /// <summary><c>/api/runs/{id}/progress</c>: status, declared steps and each metric's progress (two cheap queries on the collector).</summary>
    public static Task<System.Text.Json.JsonElement> ProgressJsonAsync(TrackingApiClient client, string runId, CancellationToken ct) =>
        client.GetJsonAsync(ApiPaths.Run(runId, "progress"), ct);
}

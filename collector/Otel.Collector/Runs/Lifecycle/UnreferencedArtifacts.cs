using Otel.Collector.Artifacts;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query;

namespace Otel.Collector.Runs.Lifecycle;

/// <summary>
/// Artifact bytes are stored once per content (sha256) and may be shared by runs: a blob goes only when no row that
/// stays still names it (another run's artifact, a registered version's artifact).
/// </summary>
internal sealed class UnreferencedArtifacts(IClickHouseStore store, IArtifactStore artifacts)
{
    /// <summary>
    /// Deletes the blobs of the artifact rows selected by <paramref name="leaving"/> (a condition on <c>ml_artifacts</c>)
    /// that no other artifact row and no model version names; returns how many blobs existed and went.
    /// </summary>
    public async Task<int> DeleteAsync(string leaving, QueryParameters parameters, CancellationToken ct)
    {
        var sql = $"""
            SELECT DISTINCT Sha256 FROM ml_artifacts FINAL
            WHERE ({leaving})
              AND Sha256 NOT IN (SELECT Sha256 FROM ml_artifacts FINAL WHERE NOT ({leaving}))
              AND Sha256 NOT IN (SELECT ArtifactSha256 FROM ml_model_versions)
            """;
        var removed = 0;
        foreach (var row in JsonRows.Parse(await store.QueryAsync(sql, "JSONEachRow", parameters, ct)))
        {
            if (await artifacts.DeleteAsync(row.String("Sha256"), ct))
            {
                removed++;
            }
        }

        return removed;
    }
}

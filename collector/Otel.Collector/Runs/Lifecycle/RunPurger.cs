using System.Text.Json.Nodes;
using Otel.Collector.Audit;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query;

namespace Otel.Collector.Runs.Lifecycle;

/// <summary>
/// Removes one deleted run's data: artifact blobs no other row names, its raw OTel rows, its rows in every experiment
/// table, and last its lifecycle rows, after auditing <c>run.purged</c>. Each step is a delete that is a no-op when
/// done already, and the run stays a purge candidate until its lifecycle rows go: a purge killed between two tables
/// is finished by the next pass (the audit entry may then be written twice; never zero times).
/// </summary>
internal sealed class RunPurger(IClickHouseStore store, DirectDeletes deletes, UnreferencedArtifacts artifacts, Lazy<IAuditTrail> audit)
{
    public const string Actor = "system:purge";

    public async Task PurgeAsync(string runId, DateTimeOffset deletedAt, CancellationToken ct)
    {
        var id = new QueryParameters().Add("id", runId);

        // Before ml_artifacts loses the rows that say which blobs were the run's.
        var blobs = await artifacts.DeleteAsync("RunId = {id:String}", id, ct);

        // The service tells the run's own raw rows from production telemetry that names it. Raw rows go before ml_runs,
        // so a run whose ml_runs row is gone already had them removed.
        var service = JsonRows.Parse(await store.QueryAsync("SELECT ServiceName FROM ml_runs FINAL WHERE RunId = {id:String}", "JSONEachRow", id, ct))
            .Select(r => r.String("ServiceName")).FirstOrDefault();
        if (service is not null)
        {
            var raw = new QueryParameters().Add("id", runId).Add("service", service);
            foreach (var table in RunData.RawTables)
            {
                await deletes.DeleteAsync(table.Table, $"{table.RunIdColumn} = {{id:String}} AND ServiceName = {{service:String}}", raw, ct);
            }
        }

        foreach (var table in RunData.ExperimentTables)
        {
            if (table == "ml_run_lifecycle")
            {
                await audit.Value.RecordAsync(Actor, AuditActions.RunPurged, "run:" + runId,
                    new JsonObject { ["deletedAt"] = deletedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["artifactBlobs"] = blobs }, ct);
            }

            await deletes.DeleteAsync(table, "RunId = {id:String}", id, ct);
        }
    }
}

using Otel.Collector.ClickHouse;
using Otel.Collector.ClickHouse.Schema;

namespace Otel.Collector.Runs.Lifecycle;

/// <summary>
/// Lightweight <c>DELETE FROM … WHERE</c> against the table that holds the rows: on one node the table itself, on a
/// cluster <c>NAME_local ON CLUSTER</c> (a <c>Distributed</c> table cannot delete). The one exception to the
/// one-writer rule (docs/run-lifecycle.md): the spool carries inserts, and a delete is not an insert; replaying one
/// later could remove rows written after it. So purge and retention delete directly, and are idempotent instead:
/// a delete that finds nothing is a no-op, and the next pass repeats an interrupted one.
/// </summary>
internal sealed class DirectDeletes(IClickHouseStore store, StorageSchema schema)
{
    /// <summary>Deletes the rows of <paramref name="table"/> (a constant of the schema, never user input) matching <paramref name="where"/>.</summary>
    public Task DeleteAsync(string table, string where, QueryParameters parameters, CancellationToken ct) =>
        store.ExecuteAsync($"DELETE FROM {schema.Local(table)}{schema.OnClusterClause} WHERE {where}", parameters, ct);
}

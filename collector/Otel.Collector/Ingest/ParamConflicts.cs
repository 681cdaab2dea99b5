using Otel.Collector.ClickHouse;
using Otel.Collector.Model;
using Otel.Collector.Query;

namespace Otel.Collector.Ingest;

/// <summary>
/// Params are immutable, as in MLflow: a value that differs from the run's value of the same param, stored or earlier in
/// the same request, is refused through OTLP partial success, and the first value is kept. The SDK refuses such a change
/// itself; this guards against clients that do not. Runs after redaction, so values compare as they are stored.
/// </summary>
internal sealed class ParamConflicts(IClickHouseStore? store)
{
    // Ingest must not wait long on a read: the spool accepts data while storage is slow or down.
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);

    private const string StoredSql = "SELECT RunId, Key, Value FROM ml_params FINAL WHERE RunId IN {ids:Array(String)}";

    /// <summary>
    /// Drops the conflicting params of <paramref name="batch"/>, each counted as a rejected item with its reason. When
    /// storage cannot answer in time, only conflicts within the request are caught (values still in the spool are not
    /// visible to the read either).
    /// </summary>
    public async Task RefuseAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Params.Count == 0)
        {
            return;
        }

        var known = await StoredAsync(batch, cancellationToken);
        var kept = new List<RunParam>(batch.Params.Count);
        foreach (var param in batch.Params)
        {
            if (!known.TryAdd((param.RunId, param.Key), param.Value) && known[(param.RunId, param.Key)] is var first && first != param.Value)
            {
                batch.Tally.Reject($"param '{param.Key}' of run {param.RunId} is '{first}' already and cannot change to '{param.Value}' (params are immutable; the first value is kept)");
                continue;
            }

            kept.Add(param);
        }

        if (kept.Count != batch.Params.Count)
        {
            batch.Params.Clear();
            batch.Params.AddRange(kept);
        }
    }

    private async Task<Dictionary<(string RunId, string Key), string>> StoredAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        var known = new Dictionary<(string RunId, string Key), string>();
        if (store is null)
        {
            return known;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        try
        {
            var ids = new QueryParameters().Add("ids", batch.Params.Select(p => p.RunId).Distinct(StringComparer.Ordinal).ToList());
            foreach (var row in JsonRows.Parse(await store.QueryAsync(StoredSql, "JSONEachRow", ids, timeout.Token)))
            {
                known[(row.String("RunId"), row.String("Key"))] = row.String("Value");
            }
        }
        catch (Exception e) when (e is ClickHouseException or HttpRequestException or IOException or TimeoutException
                                   || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Storage down or slow (a server store is unreachable with HttpRequestException): the request goes to the
            // spool all the same, checked within itself only.
            known.Clear();
        }

        return known;
    }
}

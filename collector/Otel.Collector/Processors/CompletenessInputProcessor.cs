using Otel.Collector.Model;

namespace Otel.Collector.Processors;

/// <summary>
/// Gathers the runs whose completeness needs rescoring: those whose run row (start or end) or datasets the batch
/// changes. Ingest hands them to completeness scoring once the rows are stored.
/// </summary>
internal sealed class CompletenessInputProcessor : IIngestProcessor
{
    public void Process(IngestBatch batch)
    {
        foreach (var run in batch.Runs)
        {
            batch.ChangedRuns.Add(run.RunId);
        }

        foreach (var dataset in batch.Datasets)
        {
            batch.ChangedRuns.Add(dataset.RunId);
        }
    }
}

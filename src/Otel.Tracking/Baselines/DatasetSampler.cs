using Otel.Tracking.Datasets;

namespace Otel.Tracking.Baselines;

/// <summary>
/// The row sample behind a training dataset's baseline, fed by <see cref="Datasets.DatasetInspector"/> file by file:
/// CSV and TSV while they are hashed (one read), Parquet in a second read of each file. One format per dataset.
/// </summary>
internal sealed class DatasetSampler(int maxRows)
{
    private CsvTableSampler? _csv;
    private ParquetTableSampler? _parquet;
    private string? _problem;

    /// <summary>The record sink for the next CSV or TSV file, or null once profiling was given up.</summary>
    public ICsvRecordSink? CsvFile()
    {
        if (_parquet is not null)
        {
            _problem ??= "it mixes CSV and Parquet files";
        }

        return _problem is null ? (_csv ??= new CsvTableSampler(maxRows)).BeginFile() : null;
    }

    /// <summary>Samples a Parquet file from the stream's current position.</summary>
    public void ParquetFile(Stream stream)
    {
        if (_csv is not null)
        {
            _problem ??= "it mixes CSV and Parquet files";
        }

        if (_problem is null)
        {
            var parquet = _parquet ??= new ParquetTableSampler(maxRows);
            Task.Run(() => parquet.AddFileAsync(stream, CancellationToken.None)).GetAwaiter().GetResult();
        }
    }

    /// <summary>A data file that cannot be profiled (another format, or unreadable).</summary>
    public void Unreadable(string reason) => _problem ??= reason;

    /// <summary>The sample, or the reason there is none.</summary>
    public (TableSample? Sample, string? Problem) Complete()
    {
        if (_problem is not null)
        {
            return (null, _problem);
        }

        var sample = _csv?.Complete() ?? _parquet?.Complete();
        var problem = _csv?.Problem ?? _parquet?.Problem;
        return sample is null ? (null, problem ?? "it has no CSV, TSV or Parquet data") : (sample, null);
    }
}

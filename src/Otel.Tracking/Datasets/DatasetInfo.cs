using Otel.Tracking.Query.Registry;

namespace Otel.Tracking.Datasets;

/// <summary>What <see cref="MlRun.LogDataset(string, string?, string, string?)"/> recorded (one <c>ml.dataset</c> event).</summary>
public sealed class DatasetInfo
{
    internal DatasetInfo(string name, string digest, Uri? uri, string context, long size, string? format, long? rows, IReadOnlyList<DatasetColumn>? schema)
    {
        Name = name;
        Digest = digest;
        Uri = uri;
        Context = context;
        Size = size;
        Format = format;
        Rows = rows;
        Schema = schema;
    }

    /// <summary>Name of the dataset (<c>ml.dataset.name</c>).</summary>
    public string Name { get; }

    /// <summary>
    /// Lowercase hex SHA-256 of the file or stream, or the manifest digest of a directory (<c>ml.dataset.digest</c>;
    /// the algorithm is in docs/semantic-conventions.md, so any SDK or script computes the same).
    /// </summary>
    public string Digest { get; }

    /// <summary>Where the data came from (<c>ml.dataset.uri</c>): <c>file:///…</c> for a path; for a stream, what the caller gave.</summary>
    public Uri? Uri { get; }

    /// <summary>How the run used it (<c>ml.dataset.context</c>): <c>training</c>, <c>validation</c>, <c>test</c> or other text.</summary>
    public string Context { get; }

    /// <summary>Bytes (of every file, for a directory) (<c>ml.dataset.size</c>).</summary>
    public long Size { get; }

    /// <summary><c>csv</c>, <c>tsv</c>, <c>parquet</c>, another file extension, or null (<c>ml.dataset.format</c>).</summary>
    public string? Format { get; }

    /// <summary>Data rows (CSV: without the header), for CSV, TSV and Parquet; null when unknown (<c>ml.dataset.rows</c>).</summary>
    public long? Rows { get; }

    /// <summary>Columns for CSV, TSV and Parquet; null when unknown (<c>ml.dataset.schema</c>, as JSON).</summary>
    public IReadOnlyList<DatasetColumn>? Schema { get; }

    /// <summary>
    /// The baseline logged with a training dataset (one <c>ml.baseline</c> event per column); empty for other contexts,
    /// when <see cref="MlTrackingOptions.ProfileTrainingDatasets"/> is off, or when the data could not be profiled.
    /// </summary>
    public IReadOnlyList<BaselineDistribution> Baseline { get; internal set; } = [];

    /// <summary>
    /// Name, context, rows, size, short digest and URI, e.g.
    /// <c>train.csv (training, 1,000 rows, 12.5 KiB, digest 9f86d081884c, file:///data/train.csv)</c>.
    /// </summary>
    public override string ToString()
    {
        var parts = new List<string>(5) { Context };
        if (Rows is { } rows)
        {
            parts.Add(rows == 1 ? "1 row" : rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " rows");
        }

        parts.Add(Artifacts.ReadableText.Bytes(Size));
        parts.Add("digest " + Artifacts.ReadableText.ShortDigest(Digest));
        if (Uri is not null)
        {
            parts.Add(Uri.ToString());
        }

        return $"{Name} ({string.Join(", ", parts)})";
    }
}

/// <summary>
/// One column: its name and type. CSV types are inferred from the first 1,000 rows: <c>int</c>, <c>double</c>,
/// <c>bool</c> or <c>string</c>. Parquet types come from the file: the logical type where there is one
/// (<c>string</c>, <c>date</c>, <c>timestamp(us,utc)</c>, <c>decimal(10,2)</c>, <c>int8</c>, …), else the physical
/// one (<c>bool</c>, <c>int32</c>, <c>int64</c>, <c>float</c>, <c>double</c>, <c>binary</c>, …). Nested Parquet
/// columns are named by their dotted path.
/// </summary>
public sealed record DatasetColumn(string Name, string Type);

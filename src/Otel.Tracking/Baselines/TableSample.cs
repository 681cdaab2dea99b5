using Otel.Tracking.Query.Registry;

namespace Otel.Tracking.Baselines;

/// <summary>
/// A uniform sample of at most <see cref="BaselineSettings.MaxRows"/> rows of a table, column by column, so that
/// profiling a file of any size takes bounded memory; the profile's counts are those of the sample.
/// </summary>
internal sealed class TableSample(IReadOnlyList<ColumnSample> columns, int maxRows)
{
    private readonly RowReservoir _rows = new(maxRows);

    public IReadOnlyList<ColumnSample> Columns => columns;

    /// <summary>Rows offered, kept or not.</summary>
    public long RowsSeen => _rows.Seen;

    /// <summary>The slot of the next row, or -1 when the sample does not keep it.</summary>
    public int NextRow() => _rows.Next();

    /// <summary>One distribution per column that has values: a feature's, or a prediction's for the <paramref name="targets"/> column.</summary>
    public List<BaselineDistribution> Profile(BaselineSettings settings, string digest, string? targets = null) =>
        [.. columns.Select(c => c.Profile(c.Name == targets ? MlSemanticConventions.BaselineKinds.Prediction : MlSemanticConventions.BaselineKinds.Feature, settings, digest))
            .OfType<BaselineDistribution>()];
}

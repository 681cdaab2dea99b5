using System.Globalization;
using Otel.Tracking.Datasets;

namespace Otel.Tracking.Baselines;

/// <summary>
/// Samples the records of CSV files as <see cref="CsvScanner"/> reads them. A column is numeric when the shared
/// <see cref="ColumnTypeGuess"/> finds <c>int</c> or <c>double</c> over the first <see cref="CsvScanner.SampleRows"/>
/// rows (those rows wait as text until then), categorical otherwise; a later cell that does not parse as a number is
/// missing, as are empty cells. Every file of a dataset must have the first file's header.
/// </summary>
internal sealed class CsvTableSampler(int maxRows) : ICsvRecordSink
{
    private readonly List<string[]> _pending = [];
    private string[]? _header;
    private ColumnTypeGuess[] _guesses = [];
    private TableSample? _table;
    private bool _expectHeader;
    private int _slot;

    /// <summary>Why no profile can be made, once that is known.</summary>
    public string? Problem { get; private set; }

    /// <summary>The record sink for the next file's <see cref="CsvScanner"/>; its first record is the header.</summary>
    public ICsvRecordSink BeginFile()
    {
        _expectHeader = true;
        return this;
    }

    /// <summary>Every row until the column types are known; after that, only the rows the sample keeps.</summary>
    public bool WantsRecord()
    {
        if (_table is null || Problem is not null)
        {
            return Problem is null;
        }

        _slot = _table.NextRow();
        return _slot >= 0;
    }

    /// <summary>The sample, or null with <see cref="Problem"/> set.</summary>
    public TableSample? Complete()
    {
        if (Problem is null && _header is not null)
        {
            Fix();
        }

        return Problem is null ? _table : null;
    }

    public void OnRecord(IReadOnlyList<string> fields)
    {
        if (Problem is not null)
        {
            return;
        }

        if (_expectHeader)
        {
            _expectHeader = false;
            var header = fields.Select(f => f.Trim()).ToArray();
            if (_header is null)
            {
                _header = header;
                _guesses = [.. header.Select(_ => new ColumnTypeGuess())];
            }
            else if (!header.SequenceEqual(_header, StringComparer.Ordinal))
            {
                Problem = "its files have different headers, so their columns cannot be profiled together";
            }

            return;
        }

        if (_table is not null)
        {
            Add(fields, _slot);
            return;
        }

        var row = fields.ToArray();
        for (var i = 0; i < Math.Min(row.Length, _guesses.Length); i++)
        {
            _guesses[i].Observe(row[i], truncated: false);
        }

        _pending.Add(row);
        if (_pending.Count == CsvScanner.SampleRows)
        {
            Fix();
        }
    }

    /// <summary>The column types are known: the sample starts with the rows seen so far.</summary>
    private void Fix()
    {
        if (_table is not null)
        {
            return;
        }

        var columns = _header!.Select((name, i) => _guesses[i].Type is "int" or "double" ? ColumnSample.Numeric(name) : ColumnSample.Categorical(name)).ToList();
        _table = new TableSample(columns, maxRows);
        foreach (var row in _pending)
        {
            if (_table.NextRow() is var slot and >= 0)
            {
                Add(row, slot);
            }
        }

        _pending.Clear();
    }

    private void Add(IReadOnlyList<string> fields, int slot)
    {
        var columns = _table!.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var text = i < fields.Count ? fields[i].Trim() : "";
            if (column.IsNumeric)
            {
                column.Set(slot, double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : double.NaN);
            }
            else
            {
                column.Set(slot, text);
            }
        }
    }
}

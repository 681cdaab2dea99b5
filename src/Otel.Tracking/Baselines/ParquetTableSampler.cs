using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Otel.Tracking.Baselines;

/// <summary>
/// Samples the rows of Parquet files with Parquet.Net, a row group and a column at a time (memory: the sample of at most
/// <see cref="BaselineSettings.MaxRows"/> rows, plus one decoded column of one row group). Top-level columns only: numeric physical types
/// and decimals are numeric, strings and booleans categorical; dates, timestamps, binary, lists, maps and nested columns
/// are not profiled. Nulls are missing values. Every file of a dataset must have the first file's columns.
/// </summary>
internal sealed class ParquetTableSampler(int maxRows)
{
    private TableSample? _table;
    private List<DataField>? _fields;

    /// <summary>Why no profile can be made, once that is known.</summary>
    public string? Problem { get; private set; }

    /// <summary>The sample, or null with <see cref="Problem"/> set.</summary>
    public TableSample? Complete() => Problem is null ? _table : null;

    /// <summary>Adds the rows of one file, read from the stream's current position.</summary>
    public async Task AddFileAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (Problem is not null)
        {
            return;
        }

        try
        {
            await using var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken);
            var fields = reader.Schema.Fields.OfType<DataField>().Where(f => !f.IsArray && (IsNumeric(f.ClrType) || IsCategorical(f.ClrType))).ToList();
            if (_fields is null)
            {
                _fields = fields;
                _table = new TableSample([.. fields.Select(f => IsNumeric(f.ClrType) ? ColumnSample.Numeric(f.Name) : ColumnSample.Categorical(f.Name))], maxRows);
            }
            else if (!fields.Select(f => (f.Name, f.ClrType)).SequenceEqual(_fields.Select(f => (f.Name, f.ClrType))))
            {
                Problem = "its files have different columns, so they cannot be profiled together";
                return;
            }

            for (var group = 0; group < reader.RowGroupCount; group++)
            {
                using var rows = reader.OpenRowGroupReader(group);
                await AddGroupAsync(rows, fields, cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            Problem = "its Parquet data could not be read: " + e.Message;
        }
    }

    /// <summary>The sample's slot of every row of the group is drawn first, so one column at a time is decoded and scattered.</summary>
    private async Task AddGroupAsync(ParquetRowGroupReader rows, List<DataField> fields, CancellationToken cancellationToken)
    {
        var count = checked((int)rows.RowCount);
        var slots = new int[count];
        for (var row = 0; row < count; row++)
        {
            slots[row] = _table!.NextRow();
        }

        for (var i = 0; i < fields.Count; i++)
        {
            var column = _table!.Columns[i];
            if (column.IsNumeric)
            {
                var numbers = await ReadNumbersAsync(rows, fields[i], count, cancellationToken);
                for (var row = 0; row < count; row++)
                {
                    if (slots[row] >= 0)
                    {
                        column.Set(slots[row], numbers[row]);
                    }
                }
            }
            else
            {
                var texts = await ReadTextsAsync(rows, fields[i], count, cancellationToken);
                for (var row = 0; row < count; row++)
                {
                    if (slots[row] >= 0)
                    {
                        column.Set(slots[row], texts[row]);
                    }
                }
            }
        }
    }

    private static bool IsNumeric(Type type) =>
        type == typeof(double) || type == typeof(float) || type == typeof(decimal) || type == typeof(long) || type == typeof(int) ||
        type == typeof(short) || type == typeof(sbyte) || type == typeof(ulong) || type == typeof(uint) || type == typeof(ushort) || type == typeof(byte);

    // Parquet.Net types text columns as ReadOnlyMemory<char> (read back as strings) or string.
    private static bool IsCategorical(Type type) => type == typeof(string) || type == typeof(ReadOnlyMemory<char>) || type == typeof(bool);

    private static Task<double[]> ReadNumbersAsync(ParquetRowGroupReader rows, DataField field, int count, CancellationToken cancellationToken) => field.ClrType switch
    {
        var t when t == typeof(double) => ReadAsync<double>(rows, field, count, v => v, cancellationToken),
        var t when t == typeof(float) => ReadAsync<float>(rows, field, count, v => v, cancellationToken),
        var t when t == typeof(decimal) => ReadAsync<decimal>(rows, field, count, v => (double)v, cancellationToken),
        var t when t == typeof(long) => ReadAsync<long>(rows, field, count, v => v, cancellationToken),
        var t when t == typeof(int) => ReadAsync<int>(rows, field, count, v => v, cancellationToken),
        var t when t == typeof(short) => ReadAsync<short>(rows, field, count, v => v, cancellationToken),
        var t when t == typeof(sbyte) => ReadAsync<sbyte>(rows, field, count, v => v, cancellationToken),
        var t when t == typeof(ulong) => ReadAsync<ulong>(rows, field, count, v => v, cancellationToken),
        var t when t == typeof(uint) => ReadAsync<uint>(rows, field, count, v => v, cancellationToken),
        var t when t == typeof(ushort) => ReadAsync<ushort>(rows, field, count, v => v, cancellationToken),
        _ => ReadAsync<byte>(rows, field, count, v => v, cancellationToken),
    };

    private static async Task<double[]> ReadAsync<T>(ParquetRowGroupReader rows, DataField field, int count, Func<T, double> toDouble, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T?[count];
        await rows.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken);
        return [.. values.Select(v => v is { } value ? toDouble(value) : double.NaN)];
    }

    private static async Task<string?[]> ReadTextsAsync(ParquetRowGroupReader rows, DataField field, int count, CancellationToken cancellationToken)
    {
        if (field.ClrType == typeof(bool))
        {
            var flags = new bool?[count];
            await rows.ReadAsync<bool>(field, flags.AsMemory(), null, cancellationToken);
            return [.. flags.Select(f => f is { } flag ? flag.ToString(CultureInfo.InvariantCulture).ToLowerInvariant() : null)];
        }

        var texts = new string?[count];
        await rows.ReadAsync(field, texts.AsMemory(), null, cancellationToken);
        return texts;
    }
}

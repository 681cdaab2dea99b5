using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Otel.Collector.Sinks.Rows;

/// <summary>
/// Encodes rows for one table as ClickHouse JSONEachRow (one JSON object per line).
/// DateTime64(9) columns are written as integer unix nanoseconds: ClickHouse reads a JSON
/// integer as ticks of the column's precision, which is exact and accepts 0 (unset OTLP times).
/// </summary>
internal sealed class JsonEachRowWriter : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly ArrayBufferWriter<byte> _buffer;
    private readonly Utf8JsonWriter _json;

    public JsonEachRowWriter(int initialCapacity = 4096)
    {
        _buffer = new ArrayBufferWriter<byte>(initialCapacity);
        _json = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    public int RowCount { get; private set; }

    public ReadOnlyMemory<byte> WrittenMemory
    {
        get
        {
            _json.Flush();
            return _buffer.WrittenMemory;
        }
    }

    /// <summary>Starts a row; every call must be matched by <see cref="EndRow"/>.</summary>
    public Utf8JsonWriter BeginRow()
    {
        _json.WriteStartObject();
        return _json;
    }

    public void EndRow()
    {
        _json.WriteEndObject();
        _json.Flush();
        _buffer.Write("\n"u8);
        // Reset so the next object starts a fresh top-level value (no separating comma).
        _json.Reset(_buffer);
        RowCount++;
    }

    public void Dispose() => _json.Dispose();
}

using System.Runtime.InteropServices;
using System.Text;

namespace Otel.Collector.ClickHouse.ChDb;

/// <summary>
/// One open chDB connection: marshals a statement and its parameters in, the result bytes out.
/// Not thread-safe; <see cref="ChDbEngine"/> runs one statement at a time on each of its connections.
/// </summary>
internal sealed unsafe class ChDbConnection
{
    /// <summary>Rows go into a streaming insert in pieces of this size, so chDB's back-pressure applies between them.</summary>
    private const int AppendChunkBytes = 1 << 20;

    private readonly ChDbNative _native;
    private readonly nint* _handle;

    private ChDbConnection(ChDbNative native, nint* handle)
    {
        _native = native;
        _handle = handle;
    }

    /// <summary>Boots the engine on <paramref name="dataPath"/> (or joins it, when already booted on that path).</summary>
    public static ChDbConnection Open(ChDbNative native, string dataPath)
    {
        // chDB's own handlers for SIGSEGV and friends would fight the .NET runtime's (which uses them for null checks).
        native.SetSignalHandlersEnabled(false);

        string[] arguments = ["clickhouse", "--path=" + dataPath];
        var encoded = arguments.Select(argument => Encoding.UTF8.GetBytes(argument + "\0")).ToArray();
        var handles = encoded.Select(bytes => GCHandle.Alloc(bytes, GCHandleType.Pinned)).ToArray();
        try
        {
            var argv = stackalloc byte*[arguments.Length];
            for (var i = 0; i < handles.Length; i++)
            {
                argv[i] = (byte*)handles[i].AddrOfPinnedObject();
            }

            var handle = native.Connect(arguments.Length, argv);
            return handle is null || *handle == 0
                ? throw new ClickHouseException(
                    $"chDB could not open the data directory {dataPath}. Check that it is writable and that no other " +
                    "otel-track process is using it, and see chDB's output above for the cause.")
                : new ChDbConnection(native, handle);
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle.Free();
            }
        }
    }

    /// <summary>Closes this connection; the engine and its other connections keep running.</summary>
    public void Close() => _native.CloseConnection(_handle);

    /// <summary>
    /// Closes this connection and stops the engine's threads. Only at process exit: a process cannot
    /// boot chDB again afterwards, and without it chDB's threads race the C runtime's global
    /// destructors at exit, which crashes the process (SIGSEGV) now and then.
    /// </summary>
    public void CloseAndShutDown()
    {
        _native.CloseConnection(_handle);
        _native.Shutdown();
    }

    /// <summary>Runs one statement and returns its output in <paramref name="format"/>.</summary>
    /// <exception cref="ClickHouseException">chDB refused the statement; carries chDB's message and the start of the SQL.</exception>
    public byte[] Run(ReadOnlySpan<byte> sql, string format, IReadOnlyDictionary<string, string>? parameters)
    {
        var formatBytes = Encoding.UTF8.GetBytes(format);
        nint result;
        fixed (byte* query = sql)
        fixed (byte* formatPointer = formatBytes)
        {
            result = parameters is { Count: > 0 }
                ? RunWithParameters(query, (nuint)sql.Length, formatPointer, (nuint)formatBytes.Length, parameters)
                : _native.Query(*_handle, query, (nuint)sql.Length, formatPointer, (nuint)formatBytes.Length);
        }

        if (result == 0)
        {
            throw new ClickHouseException($"chDB returned no result. SQL: {SqlExcerpt.Of(sql)}");
        }

        try
        {
            ThrowOnError(_native.ResultError(result), sql);

            var length = _native.ResultLength(result);
            var buffer = _native.ResultBuffer(result);
            return length == 0 || buffer is null ? [] : new ReadOnlySpan<byte>(buffer, checked((int)length)).ToArray();
        }
        finally
        {
            _native.DestroyQueryResult(result);
        }
    }

    /// <summary>
    /// Streams <paramref name="rows"/> in <paramref name="format"/> into the INSERT <paramref name="insert"/> (no FORMAT
    /// clause, no data) and commits it: no temporary file, and chDB parses while the rows are still being copied in.
    /// </summary>
    /// <exception cref="ClickHouseException">chDB refused the insert or its rows; carries chDB's message, its code and the statement.</exception>
    public void Insert(ReadOnlySpan<byte> insert, string format, ReadOnlySpan<byte> rows)
    {
        var formatBytes = Encoding.UTF8.GetBytes(format);
        nint stream;
        fixed (byte* query = insert)
        fixed (byte* formatPointer = formatBytes)
        {
            stream = _native.StreamInsert(*_handle, query, (nuint)insert.Length, formatPointer, (nuint)formatBytes.Length);
        }

        var ended = false;
        try
        {
            ThrowOnError(_native.StreamInsertError(stream), insert);
            for (var offset = 0; offset < rows.Length; offset += AppendChunkBytes)
            {
                var chunk = rows.Slice(offset, Math.Min(AppendChunkBytes, rows.Length - offset));
                fixed (byte* data = chunk)
                {
                    if (!_native.StreamAppend(stream, data, (nuint)chunk.Length))
                    {
                        ThrowOnError(_native.StreamInsertError(stream), insert);
                        throw new ClickHouseException($"chDB failed to take the rows of an insert and said nothing why. SQL: {SqlExcerpt.Of(insert)}");
                    }
                }
            }

            // Done ends the stream, committed or failed; only a stream abandoned before it is cancelled.
            ended = true;
            var result = _native.StreamDone(stream);
            if (result == 0)
            {
                ThrowOnError(_native.StreamInsertError(stream), insert);
                throw new ClickHouseException($"chDB returned no result for an insert. SQL: {SqlExcerpt.Of(insert)}");
            }

            try
            {
                ThrowOnError(_native.ResultError(result), insert);
            }
            finally
            {
                _native.DestroyQueryResult(result);
            }
        }
        finally
        {
            if (!ended)
            {
                _native.StreamCancelInsert(stream);
            }

            _native.DestroyInsertStream(stream);
        }
    }

    /// <summary>Throws when chDB reported an error; a stream's error reads empty while it has none.</summary>
    private static void ThrowOnError(byte* error, ReadOnlySpan<byte> sql)
    {
        var message = error is null ? null : Marshal.PtrToStringUTF8((nint)error)?.Trim();
        if (!string.IsNullOrEmpty(message))
        {
            throw new ClickHouseException($"{message} SQL: {SqlExcerpt.Of(sql)}", ClickHouseErrorCode.FromMessage(message));
        }
    }

    private nint RunWithParameters(byte* query, nuint queryLength, byte* format, nuint formatLength, IReadOnlyDictionary<string, string> parameters)
    {
        // All names and values in one pinned block, with pointer and length arrays into it.
        var count = parameters.Count;
        var texts = new List<string>(count * 2);
        foreach (var (name, value) in parameters)
        {
            texts.Add(name);
            texts.Add(value);
        }

        var lengths = new nuint[texts.Count];
        var total = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            lengths[i] = (nuint)Encoding.UTF8.GetByteCount(texts[i]);
            total += (int)lengths[i];
        }

        var block = new byte[total + 1]; // never empty, so the pinned pointer is never null
        var pointers = new nint[texts.Count];
        var nameLengths = new nuint[count];
        var valueLengths = new nuint[count];
        fixed (byte* start = block)
        {
            var offset = 0;
            for (var i = 0; i < texts.Count; i++)
            {
                pointers[i] = (nint)(start + offset);
                offset += Encoding.UTF8.GetBytes(texts[i], block.AsSpan(offset));
            }

            var names = new nint[count];
            var values = new nint[count];
            for (var i = 0; i < count; i++)
            {
                names[i] = pointers[2 * i];
                nameLengths[i] = lengths[2 * i];
                values[i] = pointers[(2 * i) + 1];
                valueLengths[i] = lengths[(2 * i) + 1];
            }

            fixed (nint* namePointers = names)
            fixed (nint* valuePointers = values)
            fixed (nuint* nameLengthPointer = nameLengths)
            fixed (nuint* valueLengthPointer = valueLengths)
            {
                return _native.QueryWithParameters(
                    *_handle, query, queryLength, format, formatLength,
                    (byte**)namePointers, nameLengthPointer, (byte**)valuePointers, valueLengthPointer, (nuint)count);
            }
        }
    }
}

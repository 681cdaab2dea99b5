using System.Runtime.InteropServices;

namespace Otel.Collector.ClickHouse.ChDb;

/// <summary>
/// The chDB C API (chdb.h of 26.7) as function pointers into a library loaded at run time, since its
/// path is only known after <see cref="ChDbLibraryLocator"/> has found or fetched it.
/// Pointers: a connection is <c>chdb_connection</c> (opaque pointer); <c>chdb_connect</c> returns a
/// pointer to one, which is what <c>chdb_close_conn</c> takes. A streaming insert is <c>chdb_insert_stream</c>
/// (opaque handle, never null; its error is read with <c>chdb_stream_insert_error</c>).
/// </summary>
internal sealed unsafe class ChDbNative
{
    private readonly delegate* unmanaged<int, void> _setSignalHandlersEnabled;
    private readonly delegate* unmanaged<int, byte**, nint*> _connect;
    private readonly delegate* unmanaged<nint*, void> _closeConnection;
    private readonly delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nint> _queryN;
    private readonly delegate* unmanaged<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint> _queryWithParamsN;
    private readonly delegate* unmanaged<nint, byte*> _resultBuffer;
    private readonly delegate* unmanaged<nint, nuint> _resultLength;
    private readonly delegate* unmanaged<nint, byte*> _resultError;
    private readonly delegate* unmanaged<nint, void> _destroyQueryResult;
    private readonly delegate* unmanaged<int> _shutdown;
    private readonly delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nint> _streamInsertN;
    private readonly delegate* unmanaged<nint, byte*> _streamInsertError;
    private readonly delegate* unmanaged<nint, byte*, nuint, int> _streamAppend;
    private readonly delegate* unmanaged<nint, nint> _streamDone;
    private readonly delegate* unmanaged<nint, void> _streamCancelInsert;
    private readonly delegate* unmanaged<nint, void> _destroyInsertStream;

    private ChDbNative(nint library)
    {
        _setSignalHandlersEnabled = (delegate* unmanaged<int, void>)Export(library, "chdb_set_signal_handlers_enabled");
        _connect = (delegate* unmanaged<int, byte**, nint*>)Export(library, "chdb_connect");
        _closeConnection = (delegate* unmanaged<nint*, void>)Export(library, "chdb_close_conn");
        _queryN = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nint>)Export(library, "chdb_query_n");
        _queryWithParamsN = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint>)Export(library, "chdb_query_with_params_n");
        _resultBuffer = (delegate* unmanaged<nint, byte*>)Export(library, "chdb_result_buffer");
        _resultLength = (delegate* unmanaged<nint, nuint>)Export(library, "chdb_result_length");
        _resultError = (delegate* unmanaged<nint, byte*>)Export(library, "chdb_result_error");
        _destroyQueryResult = (delegate* unmanaged<nint, void>)Export(library, "chdb_destroy_query_result");
        _shutdown = (delegate* unmanaged<int>)Export(library, "chdb_shutdown");
        _streamInsertN = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nint>)Export(library, "chdb_stream_insert_n");
        _streamInsertError = (delegate* unmanaged<nint, byte*>)Export(library, "chdb_stream_insert_error");
        _streamAppend = (delegate* unmanaged<nint, byte*, nuint, int>)Export(library, "chdb_stream_append");
        _streamDone = (delegate* unmanaged<nint, nint>)Export(library, "chdb_stream_done");
        _streamCancelInsert = (delegate* unmanaged<nint, void>)Export(library, "chdb_stream_cancel_insert");
        _destroyInsertStream = (delegate* unmanaged<nint, void>)Export(library, "chdb_destroy_insert_stream");
    }

    public static ChDbNative Load(string libraryPath)
    {
        try
        {
            return new ChDbNative(NativeLibrary.Load(libraryPath));
        }
        catch (Exception exception) when (exception is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)
        {
            throw new ChDbUnavailableException(
                $"Could not load the embedded ClickHouse engine from {libraryPath}: {exception.Message} " +
                $"It must be libchdb.so from the npm package {ChDbPackage.Pinned.NpmSpec} for this platform; " +
                $"unset {ChDbLibraryLocator.LibraryPathVariable} to let the collector fetch the pinned build.",
                exception);
        }
    }

    public void SetSignalHandlersEnabled(bool enabled) => _setSignalHandlersEnabled(enabled ? 1 : 0);

    public nint* Connect(int argc, byte** argv) => _connect(argc, argv);

    public void CloseConnection(nint* connection) => _closeConnection(connection);

    public nint Query(nint connection, byte* query, nuint queryLength, byte* format, nuint formatLength) =>
        _queryN(connection, query, queryLength, format, formatLength);

    public nint QueryWithParameters(
        nint connection, byte* query, nuint queryLength, byte* format, nuint formatLength,
        byte** names, nuint* nameLengths, byte** values, nuint* valueLengths, nuint count) =>
        _queryWithParamsN(connection, query, queryLength, format, formatLength, names, nameLengths, values, valueLengths, count);

    public byte* ResultBuffer(nint result) => _resultBuffer(result);

    public nuint ResultLength(nint result) => _resultLength(result);

    public byte* ResultError(nint result) => _resultError(result);

    public void DestroyQueryResult(nint result) => _destroyQueryResult(result);

    /// <summary>Opens an insert (the statement without FORMAT or data) that takes its rows in <c>format</c> through <see cref="StreamAppend"/>; the connection runs nothing else until it is done or cancelled.</summary>
    public nint StreamInsert(nint connection, byte* query, nuint queryLength, byte* format, nuint formatLength) =>
        _streamInsertN(connection, query, queryLength, format, formatLength);

    /// <summary>The stream's error message, or null while it has none.</summary>
    public byte* StreamInsertError(nint stream) => _streamInsertError(stream);

    /// <summary>Copies <paramref name="length"/> bytes into the insert (blocking while chDB is behind); false when the insert failed.</summary>
    public bool StreamAppend(nint stream, byte* data, nuint length) => _streamAppend(stream, data, length) == 0;

    /// <summary>Commits the insert; the result carries its error and is freed with <see cref="DestroyQueryResult"/>.</summary>
    public nint StreamDone(nint stream) => _streamDone(stream);

    public void StreamCancelInsert(nint stream) => _streamCancelInsert(stream);

    /// <summary>Frees the stream; required after every <see cref="StreamInsert"/>, done, cancelled or failed.</summary>
    public void DestroyInsertStream(nint stream) => _destroyInsertStream(stream);

    /// <summary>Joins every chDB thread; true when none is left. Fails while a connection is open.</summary>
    public bool Shutdown() => _shutdown() == 0;

    private static nint Export(nint library, string name) => NativeLibrary.GetExport(library, name);
}

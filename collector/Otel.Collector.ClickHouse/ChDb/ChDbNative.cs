using System.Runtime.InteropServices;

namespace Otel.Collector.ClickHouse.ChDb;

/// <summary>
/// The chDB C API (chdb.h of 26.7) as function pointers into a library loaded at run time, since its
/// path is only known after <see cref="ChDbLibraryLocator"/> has found or fetched it.
/// Pointers: a connection is <c>chdb_connection</c> (opaque pointer); <c>chdb_connect</c> returns a
/// pointer to one, which is what <c>chdb_close_conn</c> takes.
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

    /// <summary>Joins every chDB thread; true when none is left. Fails while a connection is open.</summary>
    public bool Shutdown() => _shutdown() == 0;

    private static nint Export(nint library, string name) => NativeLibrary.GetExport(library, name);
}

namespace Otel.Cli.Commands;

/// <summary>
/// Refuses, in one line, a data directory that a running collector holds. While the embedded ClickHouse has a data
/// directory open, it holds an exclusive lock (flock) on the directory's <c>status</c> file; a second process would
/// fail to open it with a page of chDB's output, so the lock is probed first. Only the collector's own API reaches
/// its data, which is what the message says to use.
/// </summary>
internal static class DataDirectoryInUse
{
    /// <summary>
    /// How .NET reports a lock held elsewhere: on Unix the IOException carries flock's errno, EWOULDBLOCK (11 on Linux,
    /// 35 on macOS); on Windows the HRESULT of a sharing violation.
    /// </summary>
    private static readonly int[] LockHeld = [11, 35, unchecked((int)0x80070020)];

    /// <summary>
    /// Throws when a collector holds the directory, naming its address when its serve recorded one. Otherwise the caller
    /// is about to hold it, and an address file left by a serve killed hard is removed before it could be believed.
    /// </summary>
    public static void EnsureFree(string dataPath)
    {
        var status = Path.Combine(dataPath, "status");
        if (!File.Exists(status))
        {
            ServeAddressFile.Remove(dataPath);
            return;
        }

        try
        {
            // FileShare.None takes an exclusive flock (released on dispose), which fails while ClickHouse holds its own.
            using var probe = new FileStream(status, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (LockHeld.Contains(ex.HResult))
        {
            // The lock is held, so the address file is the holder's (a leftover is removed before a directory is opened).
            var reach = ServeAddressFile.Read(dataPath) is { } address
                ? $"reach it with --endpoint {address.Endpoint}"
                : "reach that collector with --endpoint http://HOST:PORT (the address its serve printed at start)";
            throw new CliException($"the data directory {Path.GetFullPath(dataPath)} is in use by a running collector: {reach}, or use another --data directory", ExitCodes.Failure, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not a lock: opening the store reports what is wrong with the directory.
            return;
        }

        ServeAddressFile.Remove(dataPath);
    }
}

namespace Otel.Collector.ClickHouse.ChDb;

/// <summary>
/// A cross-process lock: a lock file held open with <see cref="FileShare.None"/>. The OS releases
/// it when the holder exits, so a crashed fetch never leaves the cache locked.
/// </summary>
internal static class CacheDirectoryLock
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Holds the lock file; <paramref name="waiting"/> is called each time it is found held (a test seam: it shows callers overlap).</summary>
    public static FileStream Acquire(string lockFilePath, TimeSpan timeout, CancellationToken cancellationToken, Action? waiting = null)
    {
        var attempts = Math.Max(1, (int)(timeout / RetryDelay));
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new FileStream(lockFilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < attempts)
            {
                // Another process holds it (fetching); wait for it to finish.
                waiting?.Invoke();
                cancellationToken.WaitHandle.WaitOne(RetryDelay);
            }
            catch (IOException exception)
            {
                throw new ChDbUnavailableException(
                    $"Timed out after {timeout.TotalSeconds:0} s waiting for another process to finish fetching the embedded " +
                    $"ClickHouse engine (lock file {lockFilePath}). If no other otel-track process is running, delete that file and start again.",
                    exception);
            }
        }
    }
}

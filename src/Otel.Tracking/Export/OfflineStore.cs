namespace Otel.Tracking.Export;

/// <summary>
/// Exports waiting for a collector, one file per request under <c>{directory}/{signal}/</c>, holding the bare
/// protobuf message (no gRPC frame, no gzip), so that either protocol can send it later. Names start with the
/// time, so the oldest goes first. Bounded: a signal over <see cref="MaxBytesPerSignal"/> takes no more.
/// </summary>
internal sealed class OfflineStore(string directory, TimeProvider time)
{
    public const long MaxBytesPerSignal = 50L * 1024 * 1024;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Directory => directory;

    /// <summary>False when the signal's folder is full or cannot be written; never throws.</summary>
    public bool TryKeep(string signal, byte[] message)
    {
        var folder = Path.Combine(directory, signal);
        try
        {
            System.IO.Directory.CreateDirectory(folder);
            if (SizeOf(folder) + message.Length > MaxBytesPerSignal)
            {
                return false;
            }

            var name = $"{time.GetUtcNow().UtcTicks:D19}-{Guid.NewGuid():N}.blob";
            var partial = Path.Combine(folder, name + ".partial");

            // Written aside and renamed, so a sender never reads half a request.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            using (var file = new FileStream(partial, options))
            {
                file.Write(message);
            }

            File.Move(partial, Path.Combine(folder, name));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long SizeOf(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}

using System.Text.Json;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>DATA/serve.address</c>: where the <c>serve</c> that holds a data directory listens, written once it listens and
/// removed when it stops cleanly, so that a second process refused the directory can name the collector to use instead
/// (<see cref="DataDirectoryInUse"/>). A file left by a serve killed hard is stale: it is read only while the directory's
/// lock is held, and removed by whoever opens the directory next (docs/storage.md, The data directory).
/// </summary>
internal static class ServeAddressFile
{
    public const string Name = "serve.address";

    /// <param name="Endpoint">The OTLP HTTP and query API address, as <c>--endpoint</c> takes it.</param>
    /// <param name="Grpc">The OTLP gRPC address.</param>
    public sealed record Address(string Endpoint, string Grpc);

    public static void Write(string dataPath, Uri http, Uri grpc)
    {
        var path = PathIn(dataPath);
        var temporary = path + ".tmp";
        // Written aside and renamed: a reader never sees half a file.
        File.WriteAllText(temporary, JsonSerializer.Serialize(new Address(http.ToString().TrimEnd('/'), grpc.ToString().TrimEnd('/')), JsonSerializerOptions.Web));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Removes the file, whoever left it; nothing to do when there is none.</summary>
    public static void Remove(string dataPath)
    {
        try
        {
            File.Delete(PathIn(dataPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file that cannot be removed is never trusted anyway: it is only read while a collector holds the directory.
        }
    }

    /// <summary>The address recorded in the directory, or null when there is none or it cannot be read.</summary>
    public static Address? Read(string dataPath)
    {
        try
        {
            return JsonSerializer.Deserialize<Address>(File.ReadAllText(PathIn(dataPath)), JsonSerializerOptions.Web) is { Endpoint.Length: > 0 } address ? address : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static string PathIn(string dataPath) => Path.Combine(dataPath, Name);
}

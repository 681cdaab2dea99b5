namespace Otel.Grafana.Tests.Compose;

/// <summary>A directory of one test, deleted with everything in it when disposed.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("otel-track-compose-");

    /// <summary>The path of <paramref name="name"/> inside, created.</summary>
    public string Sub(string name) => Directory.CreateDirectory(Path.Combine(_directory.FullName, name)).FullName;

    public void Dispose() => _directory.Delete(recursive: true);
}

namespace Otel.Collector.Tests.Security;

/// <summary>A fresh directory for a key file or certificates, removed on dispose.</summary>
internal sealed class SecurityTestFiles : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("otel-track-security-").FullName;

    public string KeysFile => Combine("keys.json");

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Removed by the OS temp cleaner then.
        }
    }
}

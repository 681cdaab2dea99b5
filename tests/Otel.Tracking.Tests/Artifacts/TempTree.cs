using System.Security.Cryptography;
using System.Text;

namespace Otel.Tracking.Tests.Artifacts;

/// <summary>A fresh temporary directory with helpers to lay out files in it; removed on dispose.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Root = Directory.CreateTempSubdirectory("otel-track-sdk-").FullName;
    }

    public string Root { get; }

    public string Write(string relativePath, string text) => Write(relativePath, Encoding.UTF8.GetBytes(text));

    public string Write(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static string Sha256(string text) => Sha256(Encoding.UTF8.GetBytes(text));

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

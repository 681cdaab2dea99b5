using Otel.Cli.Commands;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>
/// The refusal of a held data directory, with the directory's lock taken by this test as the embedded ClickHouse takes it
/// (an exclusive flock on DATA/status), and the address file a serve writes there.
/// </summary>
public sealed class DataDirectoryInUseTests
{
    [Fact]
    public void EnsureFree_HeldWithTheServesAddress_NamesItsEndpoint()
    {
        using var temp = new TempDirectory();
        using var held = Hold(temp.Path);
        ServeAddressFile.Write(temp.Path, new Uri("http://127.0.0.1:43180/"), new Uri("http://127.0.0.1:43170/"));

        var refused = Assert.Throws<CliException>(() => DataDirectoryInUse.EnsureFree(temp.Path));

        Assert.Equal($"the data directory {temp.Path} is in use by a running collector: reach it with --endpoint http://127.0.0.1:43180, or use another --data directory", refused.Message);
        Assert.Equal(ExitCodes.Failure, refused.ExitCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not json")]
    [InlineData("{}")]
    public void EnsureFree_HeldWithoutAReadableAddress_SaysToUseTheAddressServePrinted(string? content)
    {
        using var temp = new TempDirectory();
        using var held = Hold(temp.Path);
        if (content is not null)
        {
            File.WriteAllText(Path.Combine(temp.Path, ServeAddressFile.Name), content);
        }

        var refused = Assert.Throws<CliException>(() => DataDirectoryInUse.EnsureFree(temp.Path));

        Assert.Contains("reach that collector with --endpoint http://HOST:PORT (the address its serve printed at start), or use another --data directory", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EnsureFree_FreeWithAnAddressLeftByAServeKilledHard_RemovesIt(bool statusFileLeft)
    {
        using var temp = new TempDirectory();
        if (statusFileLeft)
        {
            File.WriteAllText(Path.Combine(temp.Path, "status"), "PID: 1\n");
        }

        ServeAddressFile.Write(temp.Path, new Uri("http://127.0.0.1:43180/"), new Uri("http://127.0.0.1:43170/"));

        DataDirectoryInUse.EnsureFree(temp.Path);

        Assert.False(File.Exists(Path.Combine(temp.Path, ServeAddressFile.Name)));
    }

    /// <summary>The exclusive lock a running embedded ClickHouse holds on its status file.</summary>
    private static FileStream Hold(string dataPath) =>
        new(Path.Combine(dataPath, "status"), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
}

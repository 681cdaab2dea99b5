using System.Text;
using Otel.Tracking.Artifacts;

namespace Otel.Tracking.Tests.Artifacts;

public sealed class DigestTests
{
    [Fact]
    public void ComputeFile_LargerThanBuffer_MatchesSha256OfBytes()
    {
        using var tree = new TempTree();
        var bytes = new byte[3_500_000];
        new Random(3).NextBytes(bytes);
        var path = tree.Write("big.bin", bytes);

        var (sha256, size) = Sha256Digest.ComputeFile(path, TestContext.Current.CancellationToken);

        Assert.Equal(TempTree.Sha256(bytes), sha256);
        Assert.Equal(bytes.Length, size);
    }

    [Fact]
    public void Manifest_NestedDirectory_ExactBytesSortedByUtf8WithSlashes()
    {
        using var tree = new TempTree();
        tree.Write("data/b.txt", "b");
        tree.Write("data/a/z.txt", "z");
        tree.Write("data/A.txt", "A");
        tree.Write("data/.hidden", "h");
        tree.Write("data/é.txt", "e");
        tree.Write("data/\U0001F600.txt", "emoji");
        tree.Write("data/\uFF21.txt", "fullwidth");

        var source = LocalFiles.Resolve(Path.Combine(tree.Root, "data"));
        var hashed = source.Files.Select(f => (f.RelativePath, Sha256Digest.ComputeFile(f.FullPath, TestContext.Current.CancellationToken).Sha256)).ToList();
        var manifest = Encoding.UTF8.GetString(Sha256Digest.Manifest(hashed));

        // UTF-8 byte order: '.' < 'A' < 'a' < 'b' < 'é' (C3 A9) < U+FF21 (EF BC A1) < U+1F600 (F0 9F 98 80).
        var expected =
            $".hidden\t{TempTree.Sha256("h")}\n" +
            $"A.txt\t{TempTree.Sha256("A")}\n" +
            $"a/z.txt\t{TempTree.Sha256("z")}\n" +
            $"b.txt\t{TempTree.Sha256("b")}\n" +
            $"é.txt\t{TempTree.Sha256("e")}\n" +
            $"\uFF21.txt\t{TempTree.Sha256("fullwidth")}\n" +
            $"\U0001F600.txt\t{TempTree.Sha256("emoji")}\n";
        Assert.Equal(expected, manifest);
        Assert.Equal(TempTree.Sha256(expected), Sha256Digest.DirectoryDigest(hashed));
        Assert.True(source.IsDirectory);
        Assert.Equal("data", source.Name);
    }

    [Fact]
    public void Resolve_DirectoryWithLinks_FileLinksCountDirectoryLinksAndDanglingOnesDoNot()
    {
        using var tree = new TempTree();
        var blob = tree.Write("blobs/abc", "weights");
        Directory.CreateDirectory(Path.Combine(tree.Root, "snapshot"));
        File.CreateSymbolicLink(Path.Combine(tree.Root, "snapshot", "model.bin"), blob);
        File.CreateSymbolicLink(Path.Combine(tree.Root, "snapshot", "dangling"), Path.Combine(tree.Root, "missing"));
        Directory.CreateSymbolicLink(Path.Combine(tree.Root, "snapshot", "loop"), tree.Root);
        tree.Write("snapshot/config.json", "{}");

        var source = LocalFiles.Resolve(Path.Combine(tree.Root, "snapshot"));

        Assert.Equal(["config.json", "model.bin"], source.Files.Select(f => f.RelativePath));
        Assert.Equal(TempTree.Sha256("weights"), Sha256Digest.ComputeFile(source.Files[1].FullPath, TestContext.Current.CancellationToken).Sha256);
    }

    [Fact]
    public void DirectoryDigest_EmptyDirectory_IsSha256OfNothing()
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(Path.Combine(tree.Root, "empty"));

        var source = LocalFiles.Resolve(Path.Combine(tree.Root, "empty"));

        Assert.Empty(source.Files);
        Assert.Equal(TempTree.Sha256(""), Sha256Digest.DirectoryDigest([]));
    }

    [Fact]
    public void Resolve_NothingThere_ThrowsFileNotFound()
    {
        using var tree = new TempTree();

        Assert.Throws<FileNotFoundException>(() => LocalFiles.Resolve(Path.Combine(tree.Root, "missing.bin")));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("/models//best/", "models/best")]
    [InlineData("models\\best", "models/best")]
    public void NormalizeArtifactPath_Variants_SlashSeparatedWithoutEmptySegments(string? input, string expected)
    {
        Assert.Equal(expected, LocalFiles.NormalizeArtifactPath(input));
    }
}

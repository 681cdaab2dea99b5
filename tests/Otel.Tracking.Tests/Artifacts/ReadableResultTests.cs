using Otel.Tracking.Artifacts;
using Otel.Tracking.Datasets;

namespace Otel.Tracking.Tests.Artifacts;

/// <summary>What printing an ArtifactInfo or a DatasetInfo shows.</summary>
public sealed class ReadableResultTests
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(12_900_000, "12.3 MiB")]
    [InlineData(139_586_437_120, "130 GiB")]
    public void Bytes_Sizes_InBinaryUnitsWithThreeDigitsAtMost(long bytes, string expected) =>
        Assert.Equal(expected, ReadableText.Bytes(bytes));

    [Fact]
    public void ArtifactInfo_File_PrintsPathKindSizeShortShaAndWhereItIs()
    {
        var info = new ArtifactInfo("models/model.onnx", Sha, 12_900_000, "model", new Uri("otel-track://artifacts/sha256/" + Sha), uploaded: true, files: null);

        Assert.Equal("models/model.onnx (model, 12.3 MiB, sha256 9f86d081884c, uploaded)", info.ToString());
    }

    [Fact]
    public void ArtifactInfo_Directory_PrintsItsFileCount()
    {
        var file = new ArtifactInfo("ckpt/a.pt", Sha, 1024, null, null, uploaded: false, files: null);
        var directory = new ArtifactInfo("ckpt", Sha, 3072, null, null, uploaded: false, files: [file, file, file]);

        Assert.Equal("ckpt (3 files, 3 KiB, sha256 9f86d081884c, local only)", directory.ToString());
    }

    [Fact]
    public void DatasetInfo_PrintsNameContextRowsSizeShortDigestAndUri()
    {
        var info = new DatasetInfo("train.csv", Sha, new Uri("file:///data/train.csv"), "training", 12_800, "csv", 1000, schema: null);

        Assert.Equal("train.csv (training, 1,000 rows, 12.5 KiB, digest 9f86d081884c, file:///data/train.csv)", info.ToString());
    }
}

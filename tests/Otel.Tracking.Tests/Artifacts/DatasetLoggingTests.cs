using Otel.Tracking.Datasets;
using Otel.Tracking.Tests.Infrastructure;
using Parquet.Serialization;

namespace Otel.Tracking.Tests.Artifacts;

public sealed class DatasetLoggingTests : IDisposable
{
    private readonly SpanCapture _capture = new();
    private readonly TempTree _tree = new();

    public void Dispose()
    {
        _tree.Dispose();
        _capture.Dispose();
    }

    [Fact]
    public void LogDataset_CsvFile_EventCarriesDigestRowsSchemaAndFileUri()
    {
        const string Csv = "id,text,score,ok\n1,\"two\nlines\",0.5,true\n2,x,1,false\n";
        var path = _tree.Write("val.csv", Csv);
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(_capture.RunOptions());

        var info = run.LogDataset(path, context: "validation");

        Assert.Equal("val.csv", info.Name);
        Assert.Equal(TempTree.Sha256(Csv), info.Digest);
        Assert.Equal(2, info.Rows);
        Assert.Equal("csv", info.Format);
        var tags = ArtifactLoggingTests.EventTags(Assert.Single(_capture.Single(MlSemanticConventions.DatasetEvent).Events), MlSemanticConventions.DatasetEvent);
        Assert.Equal("val.csv", tags[MlSemanticConventions.DatasetName]);
        Assert.Equal(TempTree.Sha256(Csv), tags[MlSemanticConventions.DatasetDigest]);
        Assert.Equal(new Uri(path).AbsoluteUri, tags[MlSemanticConventions.DatasetUri]);
        Assert.StartsWith("file:///", (string)tags[MlSemanticConventions.DatasetUri]!, StringComparison.Ordinal);
        Assert.Equal("validation", tags[MlSemanticConventions.DatasetContext]);
        Assert.Equal(2L, tags[MlSemanticConventions.DatasetRows]);
        Assert.Equal((long)System.Text.Encoding.UTF8.GetByteCount(Csv), tags[MlSemanticConventions.DatasetSize]);
        Assert.Equal("csv", tags[MlSemanticConventions.DatasetFormat]);
        Assert.Equal(
            """[{"name":"id","type":"int"},{"name":"text","type":"string"},{"name":"score","type":"double"},{"name":"ok","type":"bool"}]""",
            tags[MlSemanticConventions.DatasetSchema]);
    }

    [Fact]
    public async Task LogDataset_ParquetPartsDirectory_SumsRowsIgnoringBookkeepingFiles()
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(Path.Combine(_tree.Root, "train"));
        await ParquetSerializer.SerializeAsync(Enumerable.Range(0, 30).Select(ParquetFooterTests.ParquetRow.Make), Path.Combine(_tree.Root, "train", "part-0.parquet"), cancellationToken: ct);
        await ParquetSerializer.SerializeAsync(Enumerable.Range(0, 12).Select(ParquetFooterTests.ParquetRow.Make), Path.Combine(_tree.Root, "train", "part-1.parquet"), cancellationToken: ct);
        _tree.Write("train/_SUCCESS", "");
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(_capture.RunOptions());

        var info = run.LogDataset(Path.Combine(_tree.Root, "train"), name: "train-set");

        Assert.Equal("train-set", info.Name);
        Assert.Equal(42, info.Rows);
        Assert.Equal("parquet", info.Format);
        Assert.Equal("training", info.Context);
        Assert.Equal(new DatasetColumn("Id", "int32"), info.Schema![0]);
        Assert.Equal(64, info.Digest.Length);
    }

    [Fact]
    public void LogDataset_Stream_UsesNameForFormatAndGivenUri()
    {
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(_capture.RunOptions());
        using var stream = new MemoryStream("a\tb\n1\t2\n"u8.ToArray());

        var info = run.LogDataset(stream, "remote.tsv", "test", new Uri("s3://bucket/remote.tsv"));

        Assert.Equal(1, info.Rows);
        Assert.Equal("tsv", info.Format);
        Assert.Equal(TempTree.Sha256("a\tb\n1\t2\n"), info.Digest);
        var tags = ArtifactLoggingTests.EventTags(Assert.Single(_capture.Single(MlSemanticConventions.DatasetEvent).Events), MlSemanticConventions.DatasetEvent);
        Assert.Equal("s3://bucket/remote.tsv", tags[MlSemanticConventions.DatasetUri]);
        Assert.Equal("test", tags[MlSemanticConventions.DatasetContext]);
    }

    [Fact]
    public void LogDataset_CorruptParquet_RecordsDigestWithoutRows()
    {
        var path = _tree.Write("broken.parquet", "not parquet at all");
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(_capture.RunOptions());

        var info = run.LogDataset(path);

        Assert.Null(info.Rows);
        Assert.Null(info.Schema);
        Assert.Equal(TempTree.Sha256("not parquet at all"), info.Digest);
        var tags = ArtifactLoggingTests.EventTags(Assert.Single(_capture.Single(MlSemanticConventions.DatasetEvent).Events), MlSemanticConventions.DatasetEvent);
        Assert.False(tags.ContainsKey(MlSemanticConventions.DatasetRows));
    }

    [Fact]
    public void LogDataset_Missing_ThrowsFileNotFound()
    {
        using var tracking = TestTracking.Create(TestTracking.NewTime());
        using var run = tracking.StartRun(_capture.RunOptions());

        Assert.Throws<FileNotFoundException>(() => run.LogDataset(Path.Combine(_tree.Root, "nope.csv")));
    }
}

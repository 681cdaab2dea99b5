using Otel.Tracking.Datasets;
using Parquet;
using Parquet.Serialization;

namespace Otel.Tracking.Tests.Artifacts;

public sealed class ParquetFooterTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_FileWrittenByParquetNet_RowsAndTypedColumns()
    {
        var rows = Enumerable.Range(0, 2500).Select(ParquetRow.Make).ToList();
        using var file = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, file, new ParquetOptions { RowGroupSize = 1000 }, cancellationToken: _ct);

        file.Position = 0;
        var (count, columns) = ParquetFooter.Read(file);

        Assert.Equal(2500, count);
        Assert.Equal(
            [
                new("Id", "int32"),
                new("Big", "int64"),
                new("Score", "double"),
                new("Ratio", "float"),
                new("Name", "string"),
                new("Flag", "bool"),
                new("Maybe", "int32"),
                new("Small", "int16"),
                new("Counter", "uint32"),
                new("Price", "decimal(38,18)"),
            ],
            columns);
    }

    [Fact]
    public async Task Read_AgainstParquetNetsOwnReader_SameRowCountAndColumnPaths()
    {
        var rows = Enumerable.Range(0, 10).Select(ParquetRow.Make).ToList();
        using var file = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, file, cancellationToken: _ct);

        file.Position = 0;
        var (count, columns) = ParquetFooter.Read(file);
        file.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(file, leaveStreamOpen: true, cancellationToken: _ct);

        Assert.Equal(reader.Metadata!.NumRows, count);
        Assert.Equal(reader.Schema.GetDataFields().Select(f => string.Join('.', f.Path.ToList())), columns.Select(c => c.Name));
    }

    [Fact]
    public async Task Read_NestedListColumn_DottedLeafPath()
    {
        var rows = new[] { new NestedRow { Id = 1, Tags = ["a", "b"] }, new NestedRow { Id = 2, Tags = [] } };
        using var file = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, file, cancellationToken: _ct);

        file.Position = 0;
        var (count, columns) = ParquetFooter.Read(file);

        Assert.Equal(2, count);
        Assert.Equal("Id", columns[0].Name);
        Assert.StartsWith("Tags.", columns[1].Name, StringComparison.Ordinal);
        Assert.Equal("string", columns[1].Type);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { (byte)'P', (byte)'A', (byte)'R', (byte)'1', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void Read_NotParquet_ThrowsInvalidData(byte[] bytes)
    {
        Assert.Throws<InvalidDataException>(() => ParquetFooter.Read(new MemoryStream(bytes)));
    }

    [Fact]
    public async Task Read_DamagedFooter_ThrowsInvalidDataNotSomethingElse()
    {
        var rows = Enumerable.Range(0, 10).Select(ParquetRow.Make).ToList();
        using var file = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, file, cancellationToken: _ct);
        var bytes = file.ToArray();
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        var random = new Random(5);

        for (var trial = 0; trial < 200; trial++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[bytes.Length - 8 - footerLength + random.Next(footerLength)] = (byte)random.Next(256);
            try
            {
                ParquetFooter.Read(new MemoryStream(damaged));
            }
            catch (InvalidDataException)
            {
                // Refused cleanly; a damaged byte may also still decode to something.
            }
        }
    }

    public sealed class ParquetRow
    {
        public int Id { get; set; }
        public long Big { get; set; }
        public double Score { get; set; }
        public float Ratio { get; set; }
        public string? Name { get; set; }
        public bool Flag { get; set; }
        public int? Maybe { get; set; }
        public short Small { get; set; }
        public uint Counter { get; set; }
        public decimal Price { get; set; }

        public static ParquetRow Make(int i) => new()
        {
            Id = i,
            Big = i * 1_000_000_000L,
            Score = i / 3.0,
            Ratio = i / 7f,
            Name = "row " + i,
            Flag = i % 2 == 0,
            Maybe = i % 3 == 0 ? null : i,
            Small = (short)i,
            Counter = (uint)i,
            Price = i * 1.25m,
        };
    }

    public sealed class NestedRow
    {
        public int Id { get; set; }
        public List<string> Tags { get; set; } = [];
    }
}

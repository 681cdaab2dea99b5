using System.Text;
using Otel.Tracking.Datasets;

namespace Otel.Tracking.Tests.Artifacts;

public sealed class CsvScannerTests
{
    [Fact]
    public void Scan_QuotedFieldsWithNewlinesAndEscapedQuotes_CountsRecordsNotLines()
    {
        var csv = "id,comment,score\n1,\"multi\nline, with comma\",0.5\n2,\"say \"\"hi\"\"\",1\n3,plain,2.25\n";

        var (rows, columns) = Scan(csv);

        Assert.Equal(3, rows);
        Assert.Equal([new("id", "int"), new("comment", "string"), new("score", "double")], columns);
    }

    [Theory]
    [InlineData("a,b\r\n1,2\r\n3,4\r\n")]
    [InlineData("a,b\r1,2\r3,4")]
    [InlineData("\uFEFFa,b\n1,2\n\n3,4\n\n")]
    public void Scan_LineEndingsBomAndBlankLines_TwoRows(string csv)
    {
        var (rows, columns) = Scan(csv);

        Assert.Equal(2, rows);
        Assert.Equal(["a", "b"], columns.Select(c => c.Name));
    }

    [Fact]
    public void Scan_ColumnTypes_IntDoubleBoolStringAndEmptyValuesIgnored()
    {
        var csv = "i,d,b,s,empty\n1,1.5,true,x,\n-2,,False,3,\n,1e3,,y,\n";

        var (_, columns) = Scan(csv);

        Assert.Equal(["int", "double", "bool", "string", "string"], columns.Select(c => c.Type));
    }

    [Fact]
    public void Scan_SplitAcrossChunksInsideMultibyteAndQuotes_SameResult()
    {
        var csv = "name,city\n\"Zoë\",\"Köln\r\nNord\"\nÅsa,Malmö\n";
        var bytes = Encoding.UTF8.GetBytes(csv);
        var scanner = new CsvScanner(',');

        foreach (var b in bytes)
        {
            scanner.Append([b]);
        }

        var (rows, columns) = scanner.Complete();
        Assert.Equal(2, rows);
        Assert.Equal([new("name", "string"), new("city", "string")], columns);
    }

    [Fact]
    public void Scan_HeaderOnly_ZeroRows()
    {
        var (rows, columns) = Scan("a,b");

        Assert.Equal(0, rows);
        Assert.Equal(2, columns.Count);
    }

    [Fact]
    public void Scan_ManyRows_CountsBeyondTheTypeSample()
    {
        var csv = new StringBuilder("n,label\n");
        for (var i = 0; i < CsvScanner.SampleRows + 500; i++)
        {
            // Only rows after the sample hold text: the inferred type comes from the sample.
            csv.Append(i).Append(',').Append(i < CsvScanner.SampleRows ? "1" : "late text").Append('\n');
        }

        var (rows, columns) = Scan(csv.ToString());

        Assert.Equal(CsvScanner.SampleRows + 500, rows);
        Assert.Equal("int", columns[1].Type);
    }

    [Fact]
    public void Scan_Tab_SplitsOnTabs()
    {
        var scanner = new CsvScanner('\t');
        scanner.Append("a\tb,c\n1\tx,y\n"u8);

        var (rows, columns) = scanner.Complete();

        Assert.Equal(1, rows);
        Assert.Equal(["a", "b,c"], columns.Select(c => c.Name));
    }

    private static (long Rows, IReadOnlyList<DatasetColumn> Columns) Scan(string csv)
    {
        var scanner = new CsvScanner(',');
        scanner.Append(Encoding.UTF8.GetBytes(csv));
        return scanner.Complete();
    }
}

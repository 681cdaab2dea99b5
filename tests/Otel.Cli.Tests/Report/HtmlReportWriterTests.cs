using System.Xml.Linq;
using Otel.Cli.Report;

namespace Otel.Cli.Tests.Report;

public sealed class HtmlReportWriterTests
{
    [Fact]
    public void Name_TenThousandCharacters_CutWithTheWholeNameAsItsTooltip()
    {
        var name = new string('n', 10_000);

        var bdi = XElement.Parse(Html.Name(name));

        Assert.Equal("bdi", bdi.Name.LocalName);
        Assert.Equal(name, bdi.Attribute("title")!.Value);
        Assert.Equal(new string('n', 79) + "…", bdi.Value);
    }

    [Fact]
    public void Name_BidiOverrideAndMarkup_IsolatedAndEscaped()
    {
        Assert.Equal("<bdi>\u202e&lt;b&gt;RTL</bdi>", Html.Name("\u202e<b>RTL"));
    }

    [Fact]
    public void Name_CutAtASurrogatePair_KeepsThePairWhole()
    {
        var name = new string('n', 78) + "😀" + new string('n', 10);

        var shown = XElement.Parse(Html.Name(name)).Value;

        Assert.Equal(new string('n', 78) + "…", shown);
    }
}

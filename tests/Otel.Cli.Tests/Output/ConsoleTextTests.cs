using Otel.Cli.Output;
using Spectre.Console;

namespace Otel.Cli.Tests.Output;

public sealed class ConsoleTextTests
{
    [Theory]
    [InlineData("plain name", "plain name")]
    [InlineData("\u001b]0;pwned\u0007\u001b[2J", @"\x1b]0;pwned\x07\x1b[2J")]
    [InlineData("a\rb\nc\td", @"a\rb\nc\td")]
    [InlineData("nul\0 del\u007f", @"nul\x00 del\x7f")]
    [InlineData("csi\u009b31m c1\u0080", @"csi\x9b31m c1\x80")]
    [InlineData("\u202eRTL\u202c \u2066iso\u2069 \u200f", @"\u202eRTL\u202c \u2066iso\u2069 \u200f")]
    [InlineData("line\u2028sep", @"line\u2028sep")]
    [InlineData("ünïcödé 名前 ✓", "ünïcödé 名前 ✓")]
    public void Inert_ControlAndBidiCharacters_VisibleEscapes(string text, string expected) =>
        Assert.Equal(expected, ConsoleText.Inert(text));

    [Fact]
    public void Inert_AlreadyInert_Unchanged()
    {
        var once = ConsoleText.Inert("\u001b[31m\\x1b");
        Assert.Equal(once, ConsoleText.Inert(once));
    }

    [Fact]
    public void Escape_MarkupAndControls_BothInert()
    {
        Assert.Equal(@"[[red]]\x1b[[2J", ConsoleText.Escape("[red]\u001b[2J"));
    }

    [Fact]
    public void InertLines_MultiLineMessage_KeepsLineBreaksEscapesTheRest()
    {
        Assert.Equal("run 'a\\x1b[2J' not found\nuse a prefix", ConsoleText.InertLines("run 'a\u001b[2J' not found\r\nuse a prefix"));
    }

    [Fact]
    public void Piped_TableWithHostileCells_OneLinePerRowNoControlCharacters()
    {
        var output = ConsoleRecorder.Piped(console =>
            console.Write(Tables.New("name", "tag").AddRow(ConsoleText.Escape("a\rb\nc\u001b[2J"), ConsoleText.Escape("\u202eRTL"))));

        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal(@"a\rb\nc\x1b[2J  \u202eRTL", lines[1]);
        Assert.DoesNotContain(output, c => char.IsControl(c) && c != '\n' || c == '\u202e');
    }

    [Fact]
    public void Terminal_TableWithHostileCells_FitsTheWidthItMeasured()
    {
        var output = ConsoleRecorder.Terminal(40, console =>
            console.Write(Tables.New("name").AddRow(ConsoleText.Escape("\u001b]0;title\u0007" + new string('x', 10)))));

        var lines = ConsoleRecorder.Lines(output);
        Assert.Equal(5, lines.Count);
        Assert.All(lines, line => Assert.True(ConsoleRecorder.Width(line) <= 40, line));
        Assert.DoesNotContain(output, c => c is '\u0007' or '\r');
    }
}

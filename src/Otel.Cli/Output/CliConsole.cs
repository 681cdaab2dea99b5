using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>
/// The consoles human output goes through. On a terminal: its width (or <c>COLUMNS</c>), colour unless <c>NO_COLOR</c> is set, and a
/// table too wide to show its words whole shown one block per row. Not on a
/// terminal (a pipe or a file): no colour, no ANSI, no box drawing, no wrapping and no trailing whitespace, so that lines can be
/// read by grep, awk and cut, and an id is never cut or wrapped.
/// </summary>
internal static class CliConsole
{
    /// <summary>The width given to output that is not a terminal: so wide that no line is ever wrapped.</summary>
    public const int UnlimitedWidth = 1 << 16;

    public static IAnsiConsole ForStandardOutput() => Create(Console.Out, !Console.IsOutputRedirected, Environment.GetEnvironmentVariable);

    public static IAnsiConsole ForStandardError() => Create(Console.Error, !Console.IsErrorRedirected, Environment.GetEnvironmentVariable);

    /// <param name="writer">Where the output goes.</param>
    /// <param name="isTerminal">Whether <paramref name="writer"/> is a terminal that a person reads.</param>
    /// <param name="environment">Reads <c>COLUMNS</c> and <c>NO_COLOR</c>.</param>
    public static IAnsiConsole Create(TextWriter writer, bool isTerminal, Func<string, string?> environment)
    {
        if (!isTerminal)
        {
            var plain = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(new TrailingWhitespaceTrimmingWriter(writer)),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
            plain.Profile.Width = UnlimitedWidth;
            plain.Pipeline.Attach(new PlainRenderHook());
            return plain;
        }

        // no-color.org: set and not empty means no colour; bold and the like stay.
        var noColor = !string.IsNullOrEmpty(environment("NO_COLOR"));
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            ColorSystem = noColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (Columns(environment("COLUMNS")) is { } columns)
        {
            terminal.Profile.Width = columns;
        }

        terminal.Pipeline.Attach(new TerminalRenderHook());
        return terminal;
    }

    /// <summary>Whether output on this console is plain (not a terminal): tables then keep every column and draw no tree lines.</summary>
    public static bool IsPlain(IAnsiConsole console) => console.Profile.Width >= UnlimitedWidth;

    // Shells export COLUMNS themselves; a value that is not a usable width is ignored rather than failing a read command.
    internal static int? Columns(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var columns) && columns is > 0 and < UnlimitedWidth
            ? columns
            : null;
}

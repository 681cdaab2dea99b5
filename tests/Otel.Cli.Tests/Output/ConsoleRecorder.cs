using Otel.Cli.Output;
using Spectre.Console;

namespace Otel.Cli.Tests.Output;

/// <summary>Human output written through <see cref="CliConsole"/> into a string, as a terminal of a given width or as a pipe.</summary>
internal static class ConsoleRecorder
{
    public static string Terminal(int columns, Action<IAnsiConsole> write, string? noColor = null) =>
        Record(isTerminal: true, new Dictionary<string, string?> { ["COLUMNS"] = columns.ToString(System.Globalization.CultureInfo.InvariantCulture), ["NO_COLOR"] = noColor }, write);

    public static string Piped(Action<IAnsiConsole> write) => Record(isTerminal: false, new Dictionary<string, string?>(), write);

    /// <summary>Piped with <c>COLUMNS</c> set, as a shell exports it: plain output must not heed it.</summary>
    public static string Piped(int columns, Action<IAnsiConsole> write) =>
        Record(isTerminal: false, new Dictionary<string, string?> { ["COLUMNS"] = columns.ToString(System.Globalization.CultureInfo.InvariantCulture) }, write);

    /// <summary>The lines of the output, without ANSI sequences (a terminal's colours).</summary>
    public static IReadOnlyList<string> Lines(string output) => WithoutAnsi(output).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    public static int Width(string line) => PlainText.Width(line);

    private static string WithoutAnsi(string text) => System.Text.RegularExpressions.Regex.Replace(text, "\u001b\\[[0-9;?]*[A-Za-z]", string.Empty);

    private static string Record(bool isTerminal, Dictionary<string, string?> environment, Action<IAnsiConsole> write)
    {
        using var output = new StringWriter();
        write(CliConsole.Create(output, isTerminal, name => environment.GetValueOrDefault(name)));
        return output.ToString();
    }
}

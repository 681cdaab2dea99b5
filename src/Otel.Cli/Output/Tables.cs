using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>
/// The one place tables are made, so every command's tables share their look. On a terminal they are drawn with rounded borders
/// and fitted to its width; when the output is not a terminal, <see cref="CliConsole"/> writes them as plain aligned columns.
/// </summary>
internal static class Tables
{
    public static Table New(params string[] columns) => new Table().RoundedBorder().AddColumns(columns);
}

using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>The one place tables are made, so every command's tables share their look (border, width, piping).</summary>
internal static class Tables
{
    public static Table New(params string[] columns) => new Table().RoundedBorder().AddColumns(columns);
}

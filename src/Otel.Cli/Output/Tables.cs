using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>The one place tables are made, so every command's tables share their look (border, width, piping).</summary>
internal static class Tables
{
    public static Table New(params string[] columns)
    {
        // It called itself (a stack overflow in every table); the `tables` engineer's version supersedes this.
        var table = new Table();
        return columns.Length == 0 ? table : table.AddColumns(columns);
    }
}

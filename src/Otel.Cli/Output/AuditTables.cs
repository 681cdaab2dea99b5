using Otel.Tracking.Query;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>The human renderings of <c>audit verify</c>, <c>head</c> and <c>list</c>.</summary>
internal static class AuditTables
{
    public static void Verification(IAnsiConsole console, AuditVerification result)
    {
        if (result.Ok)
        {
            console.MarkupLine($"[green]intact[/]: {result.Entries} entries, head {result.Head.Seq}:{result.Head.Hash}");
            return;
        }

        console.MarkupLine($"[red]NOT intact[/] at entry {result.FirstBad?.Seq}: {ConsoleText.Escape(result.FirstBad?.Reason ?? string.Empty)}");
        console.MarkupLine($"{result.Entries} entries, head {result.Head.Seq}:{result.Head.Hash}");
    }

    public static void Head(IAnsiConsole console, AuditHead head) =>
        console.WriteLine($"{head.Seq}:{head.Hash}");

    public static void List(IAnsiConsole console, IReadOnlyList<AuditEntryRecord> entries)
    {
        if (entries.Count == 0)
        {
            console.MarkupLine("[grey]No audit entries match.[/]");
            return;
        }

        var table = Tables.New();
        table.AddColumns("seq", "time", "actor", "action", "target", "details");
        foreach (var entry in entries)
        {
            table.AddRow(entry.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture), Format.Time(entry.Time), ConsoleText.Escape(entry.Actor),
                ConsoleText.Escape(entry.Action), ConsoleText.Escape(entry.Target), ConsoleText.Escape(entry.Details.GetRawText()));
        }

        console.Write(table);
    }
}

using System.Globalization;
using System.Text.Json;
using Otel.Cli.Client;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;
using Spectre.Console;

namespace Otel.Cli.Output;

/// <summary>The human renderings of <c>models …</c>.</summary>
internal static class ModelTables
{
    public static T Read<T>(JsonElement json) => TrackingApiClient.Read<T>(json);

    public static void Registered(IAnsiConsole console, ModelVersion version)
    {
        console.MarkupLine($"[green]{ConsoleText.Escape(version.Name)}[/] version [bold]{version.Version}[/] from run {ConsoleText.Escape(version.RunId)}, " +
            $"artifact {ConsoleText.Escape(version.Artifact.Path)} (sha256 {version.Artifact.Sha256}), registered by {ConsoleText.Escape(version.CreatedBy)} at {Format.Time(version.CreatedAt)}");
    }

    public static void Moved(IAnsiConsole console, ModelAliasMove move) =>
        console.WriteLine(move.Version == 0
            ? $"alias {move.Alias} deleted (it pointed at version {move.PreviousVersion})"
            : $"alias {move.Alias} -> version {move.Version}" + (move.PreviousVersion == 0 ? " (new)" : $" (was {move.PreviousVersion})"));

    public static void List(IAnsiConsole console, IReadOnlyList<ModelSummary> models)
    {
        if (models.Count == 0)
        {
            console.MarkupLine("[grey]No models yet. Register one with `otel-track models register NAME --run RUN --artifact PATH`.[/]");
            return;
        }

        var table = Tables.New();
        table.AddColumns("name", "latest", "aliases", "description");
        foreach (var model in models)
        {
            table.AddRow(ConsoleText.Escape(model.Name), model.LatestVersion.ToString(CultureInfo.InvariantCulture), ConsoleText.Escape(AliasText(model.Aliases)),
                ConsoleText.Escape(model.Description));
        }

        console.Write(table);
    }

    public static void Model(IAnsiConsole console, ModelDetail model)
    {
        console.MarkupLine($"[bold]{ConsoleText.Escape(model.Name)}[/]  {ConsoleText.Escape(model.Description)}");
        console.WriteLine($"aliases: {(model.Aliases.Count == 0 ? "none" : AliasText(model.Aliases))}");
        var table = Tables.New();
        table.AddColumns("version", "run", "artifact", "completeness", "created", "by", "archived");
        var runs = IdPrefixes.Of(model.Versions.Select(v => v.RunId));
        foreach (var version in model.Versions)
        {
            table.AddRow(version.Version.ToString(CultureInfo.InvariantCulture), ConsoleText.Escape(runs.Shorten(version.RunId)), ConsoleText.Escape(version.Artifact.Path),
                version.Completeness?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-", Format.Time(version.CreatedAt), ConsoleText.Escape(version.CreatedBy),
                version.Archived ? "yes" : "");
        }

        console.Write(table);
    }

    public static void Version(IAnsiConsole console, ModelVersion version)
    {
        console.MarkupLine($"[bold]{ConsoleText.Escape(version.Name)}[/] version [bold]{version.Version}[/]{(version.Archived ? " (archived)" : "")}  {ConsoleText.Escape(version.Description)}");
        var table = Tables.New().HideHeaders();
        table.AddColumns("field", "value");
        table.AddRow("run", ConsoleText.Escape($"{version.RunId} ({version.Experiment})"));
        table.AddRow("artifact", ConsoleText.Escape($"{version.Artifact.Path}  sha256 {version.Artifact.Sha256}  {version.Artifact.Size} bytes"));
        table.AddRow("registered", ConsoleText.Escape($"{Format.Time(version.CreatedAt)} by {version.CreatedBy}"));
        table.AddRow("completeness", version.Completeness?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-");
        table.AddRow("metrics", ConsoleText.Escape(string.Join(", ", version.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => $"{m.Key}={m.Value.ToString("G6", CultureInfo.InvariantCulture)}"))));
        table.AddRow("params", ConsoleText.Escape(string.Join(", ", version.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))));
        table.AddRow("datasets", ConsoleText.Escape(string.Join(", ", version.Datasets.Select(d => $"{d.Name} ({d.Context}) {d.Digest}"))));
        table.AddRow("commit", ConsoleText.Escape(version.Provenance.GetValueOrDefault("vcs.ref.head.revision", "-")));
        table.AddRow("tags", ConsoleText.Escape(string.Join(", ", version.Tags.Select(t => $"{t.Key}={t.Value}"))));
        console.Write(table);
    }

    /// <summary>What <c>models show --version</c> adds to the version: the aliases on it, the moves to it, the audit entries behind them.</summary>
    public static void VersionStory(IAnsiConsole console, JsonElement json)
    {
        var aliases = Read<List<string>>(json.GetProperty("aliases"));
        console.MarkupLine("[bold]aliases now[/] " + (aliases.Count == 0 ? "-" : ConsoleText.Escape(string.Join(", ", aliases))));
        var moves = Read<List<ModelAliasMove>>(json.GetProperty("aliasMoves"));
        if (moves.Count > 0)
        {
            Moves(console, moves);
        }

        var entries = Read<List<AuditEntryRecord>>(json.GetProperty("audit"));
        if (entries.Count > 0)
        {
            var table = Tables.New().Title("audit entries");
            table.AddColumns("seq", "time", "actor", "action", "target");
            foreach (var entry in entries)
            {
                table.AddRow(entry.Seq.ToString(CultureInfo.InvariantCulture), Format.Time(entry.Time), ConsoleText.Escape(entry.Actor), ConsoleText.Escape(entry.Action), ConsoleText.Escape(entry.Target));
            }

            console.Write(table);
        }
    }

    public static void Aliases(IAnsiConsole console, IReadOnlyDictionary<string, long> aliases) =>
        console.WriteLine(aliases.Count == 0 ? "no alias pointed anywhere then" : AliasText(aliases));

    public static void Moves(IAnsiConsole console, IReadOnlyList<ModelAliasMove> moves)
    {
        if (moves.Count == 0)
        {
            console.MarkupLine("[grey]No alias has been set yet.[/]");
            return;
        }

        var table = Tables.New();
        table.AddColumns("time", "alias", "version", "previous", "by", "reason");
        foreach (var move in moves)
        {
            table.AddRow(move.MovedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), ConsoleText.Escape(move.Alias),
                move.Version == 0 ? "(deleted)" : move.Version.ToString(CultureInfo.InvariantCulture),
                move.PreviousVersion == 0 ? "-" : move.PreviousVersion.ToString(CultureInfo.InvariantCulture), ConsoleText.Escape(move.MovedBy), ConsoleText.Escape(move.Reason));
        }

        console.Write(table);
    }

    private static string AliasText(IReadOnlyDictionary<string, long> aliases) =>
        string.Join(", ", aliases.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));
}

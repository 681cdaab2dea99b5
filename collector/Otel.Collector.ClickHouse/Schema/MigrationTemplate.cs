using System.Text;
using System.Text.RegularExpressions;

namespace Otel.Collector.ClickHouse.Schema;

/// <summary>
/// Renders a migration file for a <see cref="StorageSchema"/>. A migration is plain single-node SQL with a few
/// placeholders (docs/storage.md, "Migration templates"):
/// <list type="bullet">
/// <item><c>{{local:NAME}}</c>: the table holding NAME's rows (<c>NAME</c>; on a cluster <c>NAME_local</c>).</item>
/// <item><c>{{cluster}}</c>: nothing; on a cluster <c> ON CLUSTER C</c>. Written right after the object's name.</item>
/// <item><c>{{engine:ENGINE(args)}}</c>: the engine as written; on a cluster <c>ReplicatedENGINE(path, replica, args)</c>.</item>
/// <item><c>{{dedup_window}}</c>: the setting that bounds insert deduplication on that topology.</item>
/// <item><c>{{distributed:NAME}};</c> and <c>{{drop_distributed:NAME}};</c>, alone on a line: nothing (the line goes);
/// on a cluster the statement that (re)creates or drops the <c>Distributed</c> table NAME.</item>
/// </list>
/// Names in data statements (<c>INSERT … SELECT</c>) stay plain: on a cluster they are the <c>Distributed</c>
/// tables, so the statement moves the rows of every shard. The single-node rendering of a file written before
/// the placeholders existed is that file, byte for byte, so its recorded checksum still matches.
/// </summary>
internal static partial class MigrationTemplate
{
    /// <exception cref="FormatException">An unknown placeholder, a malformed one, or a table without a sharding key.</exception>
    public static string Render(string template, StorageSchema schema)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(schema);
        var output = new StringBuilder(template.Length);
        var lines = template.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var statement = StatementPlaceholder().Match(lines[i]);
            if (statement.Success)
            {
                var rendered = RenderStatement(statement.Groups["name"].Value, statement.Groups["argument"].Value, schema);
                if (rendered is not null)
                {
                    output.Append(rendered).Append(';').Append(i < lines.Length - 1 ? "\n" : string.Empty);
                }
                else if (i == lines.Length - 1 && output.Length > 0 && output[^1] == '\n')
                {
                    // The removed line was the last: its line break was the one before it.
                    output.Length--;
                }

                continue;
            }

            output.Append(Placeholder().Replace(lines[i], match => RenderInline(match, schema)));
            if (i < lines.Length - 1)
            {
                output.Append('\n');
            }
        }

        var text = output.ToString();
        var left = text.IndexOf("{{", StringComparison.Ordinal);
        return left < 0
            ? text
            : throw new FormatException($"Malformed placeholder near '{text.Substring(left, Math.Min(40, text.Length - left))}' (docs/storage.md, \"Migration templates\").");
    }

    private static string? RenderStatement(string name, string table, StorageSchema schema)
    {
        try
        {
            return name switch
            {
                "distributed" => schema.DistributedTable(table),
                _ => schema.DropDistributedTable(table),
            };
        }
        catch (KeyNotFoundException exception)
        {
            throw new FormatException(exception.Message, exception);
        }
    }

    private static string RenderInline(Match match, StorageSchema schema)
    {
        var name = match.Groups["name"].Value;
        var argument = match.Groups["argument"];
        return (name, argument.Success) switch
        {
            ("local", true) => schema.Local(SqlIdentifier.IsValid(argument.Value) ? argument.Value : throw Malformed(match)),
            ("cluster", false) => schema.OnClusterClause,
            ("engine", true) => schema.Engine(argument.Value),
            ("dedup_window", false) => schema.DeduplicationWindowSetting,
            ("distributed" or "drop_distributed", _) => throw new FormatException(
                $"{match.Value} must stand alone on its line, followed by ';'."),
            _ => throw Malformed(match),
        };
    }

    private static FormatException Malformed(Match match) => new(
        $"Unknown or malformed placeholder {match.Value}: use {{{{local:NAME}}}}, {{{{cluster}}}}, {{{{engine:ENGINE(args)}}}}, " +
        "{{dedup_window}}, or {{distributed:NAME}}; / {{drop_distributed:NAME}}; alone on a line (docs/storage.md).");

    [GeneratedRegex(@"\{\{(?<name>[a-z_]+)(?::(?<argument>[^{}]*))?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^\s*\{\{(?<name>distributed|drop_distributed):(?<argument>[A-Za-z_][A-Za-z0-9_]*)\}\}\s*;\s*\r?\z", RegexOptions.CultureInvariant)]
    private static partial Regex StatementPlaceholder();
}

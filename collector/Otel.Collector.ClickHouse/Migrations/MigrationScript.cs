using System.Text;

namespace Otel.Collector.ClickHouse.Migrations;

/// <summary>
/// Splits a migration file into statements, because the HTTP interface runs one statement per request.
/// The rule: a statement ends at a line whose last non-blank character is <c>;</c> (the <c>;</c> is
/// dropped). Whole-line <c>--</c> comments never end a statement, and pieces holding only blank and
/// comment lines are skipped; a last statement without <c>;</c> still counts. So never end a line
/// with <c>;</c> inside a string literal.
/// </summary>
internal static class MigrationScript
{
    public static IReadOnlyList<string> Split(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var statements = new List<string>();
        var current = new StringBuilder();
        var hasCode = false;
        foreach (var rawLine in sql.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = rawLine.TrimEnd();
            var isComment = line.TrimStart().StartsWith("--", StringComparison.Ordinal);
            if (!isComment && line.EndsWith(';'))
            {
                current.Append(line.AsSpan(0, line.Length - 1));
                hasCode = true;
                Flush();
                continue;
            }

            current.Append(line).Append('\n');
            hasCode |= !isComment && line.Length > 0;
        }

        Flush();
        return statements;

        void Flush()
        {
            if (hasCode)
            {
                statements.Add(current.ToString().Trim());
            }

            current.Clear();
            hasCode = false;
        }
    }
}

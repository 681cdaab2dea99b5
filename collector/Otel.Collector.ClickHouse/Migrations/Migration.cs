using System.Security.Cryptography;
using System.Text;

namespace Otel.Collector.ClickHouse.Migrations;

/// <summary>One versioned schema change: the file <c>NNNN_name.sql</c>.</summary>
internal sealed record Migration(uint Version, string Name, string Sql)
{
    /// <summary>
    /// SHA-256 of the text with line endings normalized, so a checkout with CRLF endings does not
    /// look like an edited migration.
    /// </summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    public IReadOnlyList<string> Statements => MigrationScript.Split(Sql);

    public override string ToString() => $"{Version:D4}_{Name}";
}

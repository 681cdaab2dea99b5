using System.Security.Cryptography;
using System.Text;
using Otel.Collector.ClickHouse.Schema;

namespace Otel.Collector.ClickHouse.Migrations;

/// <summary>One versioned schema change: the file <c>NNNN_name.sql</c>, a template (<see cref="MigrationTemplate"/>).</summary>
internal sealed record Migration(uint Version, string Name, string Sql)
{
    /// <summary>
    /// SHA-256 of the single-node rendering with line endings normalized, whatever the topology: so a migration
    /// written before templates keeps its recorded checksum, and a checkout with CRLF endings does not look like an
    /// edited migration.
    /// </summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        Render(StorageSchema.SingleNode("default")).ReplaceLineEndings("\n"))));

    /// <summary>The single-node statements.</summary>
    public IReadOnlyList<string> Statements => StatementsFor(StorageSchema.SingleNode("default"));

    /// <summary>The statements to run for <paramref name="schema"/>.</summary>
    /// <exception cref="MigrationException">The template is malformed; the message names the migration.</exception>
    public IReadOnlyList<string> StatementsFor(StorageSchema schema) => MigrationScript.Split(Render(schema));

    public override string ToString() => $"{Version:D4}_{Name}";

    private string Render(StorageSchema schema)
    {
        try
        {
            return MigrationTemplate.Render(Sql, schema);
        }
        catch (FormatException exception)
        {
            throw new MigrationException($"Migration {this} is not a valid template: {exception.Message}", exception);
        }
    }
}

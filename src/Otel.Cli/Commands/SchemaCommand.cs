using System.CommandLine;
using System.Text.Json;
using Otel.Cli.Client;
using Otel.Cli.Output;
using Otel.Collector.ClickHouse;
using Otel.Collector.ClickHouse.Migrations;
using Otel.Collector.ClickHouse.Schema;

namespace Otel.Cli.Commands;

/// <summary>
/// <c>otel-track schema print [--cluster NAME] [--database DB] [--json]</c>: the DDL that <c>serve</c> would run on a
/// new database, for one node or rendered for a cluster (docs/storage.md), each statement ending in <c>;</c>.
/// Prints without connecting to anything.
/// </summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var cluster = new Option<string?>("--cluster") { Description = "Render for this ClickHouse cluster: replicated tables ON CLUSTER with a Distributed table over each" };
        var database = new Option<string>("--database") { Description = "ClickHouse database the Distributed tables name", DefaultValueFactory = _ => "otel" };
        var json = CommonOptions.Json();
        var print = new Command("print", "Print the DDL that serve runs on a new database, statements ending in ';'") { cluster, database, json };
        print.SetAction(parse =>
        {
            var schema = Schema(parse.GetValue(cluster), parse.GetRequiredValue(database));
            var statements = new[] { MigrationRunner.History }.Concat(EmbeddedMigrations.Product)
                .SelectMany(migration => migration.StatementsFor(schema).Select(sql => new SchemaStatement(migration.ToString(), sql)))
                .ToList();
            if (parse.GetValue(json))
            {
                JsonOutput.Write(JsonSerializer.SerializeToElement(statements, JsonSerializerOptions.Web));
                return ExitCodes.Success;
            }

            var migrationName = string.Empty;
            foreach (var statement in statements)
            {
                if (statement.Migration != migrationName)
                {
                    migrationName = statement.Migration;
                    Console.Out.Write($"-- {migrationName}\n");
                }

                Console.Out.Write($"{statement.Statement};\n\n");
            }

            return ExitCodes.Success;
        });

        return new Command("schema", "The storage schema: print the DDL for one node or a cluster") { print };
    }

    private static StorageSchema Schema(string? cluster, string database)
    {
        var errors = new List<string>();
        if (!SqlIdentifier.IsValid(database))
        {
            errors.Add($"--database '{database}' is not a plain identifier (letters, digits and '_', not starting with a digit)");
        }

        if (cluster is not null && !SqlIdentifier.IsValid(cluster))
        {
            errors.Add($"--cluster '{cluster}' is not a cluster name (letters, digits and '_', not starting with a digit)");
        }

        if (errors.Count > 0)
        {
            throw new CliException(string.Join("; ", errors), ExitCodes.Usage);
        }

        return cluster is null ? StorageSchema.SingleNode(database) : StorageSchema.OnCluster(cluster, database);
    }
}

/// <summary>One element of <c>schema print --json</c>: the migration (<c>NNNN_name</c>) and one statement, without its <c>;</c>.</summary>
internal sealed record SchemaStatement(string Migration, string Statement);

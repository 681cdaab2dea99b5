using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>The real otel-track program: <c>schema print</c> and <c>serve --cluster</c>.</summary>
public sealed class SchemaProcessTests
{
    [Fact]
    public async Task SchemaPrint_Cluster_EveryTableOnClusterReplicatedWithDistributedTables()
    {
        using var temp = new TempDirectory();

        var printed = await CliProcess.RunAsync(temp.Path, "schema", "print", "--cluster", "prod", "--database", "telemetry");

        Assert.True(printed.ExitCode == 0, printed.ToString());
        var statements = printed.Stdout.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => string.Join("\n", s.Split('\n').Where(line => !line.StartsWith("--", StringComparison.Ordinal))).Trim())
            .Where(s => s.Length > 0).ToList();
        Assert.True(printed.Stdout.TrimEnd().EndsWith(';'), printed.Stdout);
        var creates = statements.Where(s => s.StartsWith("CREATE TABLE IF NOT EXISTS ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(creates);
        Assert.All(creates, create => Assert.Matches(@"^CREATE TABLE IF NOT EXISTS \w+_local ON CLUSTER prod \(.*ENGINE = Replicated\w*MergeTree\(", create.Replace("\n", " ", StringComparison.Ordinal)));
        Assert.Contains("CREATE OR REPLACE TABLE ml_metrics ON CLUSTER prod AS ml_metrics_local ENGINE = Distributed(prod, telemetry, ml_metrics_local, cityHash64(RunId))", statements);
        Assert.Contains("CREATE OR REPLACE TABLE otel_traces ON CLUSTER prod AS otel_traces_local ENGINE = Distributed(prod, telemetry, otel_traces_local, cityHash64(TraceId))", statements);
    }

    [Fact]
    public async Task SchemaPrint_SingleNodeJson_ListsMigrationAndStatement()
    {
        using var temp = new TempDirectory();

        var printed = await CliProcess.RunAsync(temp.Path, "schema", "print", "--json");

        Assert.True(printed.ExitCode == 0, printed.ToString());
        using var json = JsonDocument.Parse(printed.Stdout);
        var statements = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["migration", "statement"], statements[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("0000_schema_migrations", statements[0].GetProperty("migration").GetString());
        var rollup = statements.Single(s => s.GetProperty("statement").GetString()!.Contains("CREATE TABLE IF NOT EXISTS ml_metric_rollup (", StringComparison.Ordinal));
        Assert.Equal("0005_metric_rollup", rollup.GetProperty("migration").GetString());
        Assert.Contains("ENGINE = AggregatingMergeTree()", rollup.GetProperty("statement").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(statements, s => s.GetProperty("statement").GetString()!.Contains("ON CLUSTER", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SchemaPrint_BadClusterName_ExitsTwoSayingWhy()
    {
        using var temp = new TempDirectory();

        var printed = await CliProcess.RunAsync(temp.Path, "schema", "print", "--cluster", "prod;drop");

        Assert.True(printed.ExitCode == 2, printed.ToString());
        Assert.Contains("--cluster 'prod;drop' is not a cluster name", printed.Stderr, StringComparison.Ordinal);
        Assert.Empty(printed.Stdout);
    }

    [Fact]
    public async Task Serve_ClusterWithoutClickHouse_ExitsTwoNamingBothFlags()
    {
        using var temp = new TempDirectory();

        var serve = await CliProcess.RunAsync(temp.Path, "serve", "--data", temp.Combine("data"), "--cluster", "prod", "--grpc-port", "0", "--http-port", "0");

        Assert.True(serve.ExitCode == 2, serve.ToString());
        Assert.Contains("--cluster prod needs --clickhouse URL", serve.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("data")), "nothing is created before the configuration is valid");
    }
}

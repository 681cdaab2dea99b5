using System.Diagnostics;
using System.Text.Json;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.SqlEndpoint;

/// <summary>
/// The official JavaScript client, <c>@clickhouse/client</c>, run by Node.js against the endpoint: its ping, a query
/// with parameters in JSONEachRow (with its default response compression), and a write it must see refused. Skips,
/// saying why, only where node or npm is missing.
/// </summary>
public sealed class SqlEndpointJavaScriptClientTests(SqlEndpointFixture fixture) : IClassFixture<SqlEndpointFixture>
{
    private const string Version = "1.23.1";

    private const string Script = """
        const { createClient } = require('@clickhouse/client');
        (async () => {
          const client = createClient({ url: process.env.SQL_URL, database: process.env.SQL_DATABASE, compression: { response: true } });
          const out = { ping: (await client.ping()).success };
          const rows = await client.query({
            query: 'SELECT {n:UInt32} + 1 AS answer, name FROM system.tables WHERE database = currentDatabase() AND name = {table:String}',
            query_params: { n: 41, table: 'ml_runs' },
            format: 'JSONEachRow',
          });
          out.rows = await rows.json();
          try {
            await client.command({ query: 'TRUNCATE TABLE ml_runs' });
            out.write = 'allowed';
          } catch (e) {
            out.write = e.code;
          }
          await client.close();
          console.log(JSON.stringify(out));
        })().catch(e => { console.error(e); process.exit(1); });
        """;

    [Fact]
    public async Task JavaScriptClient_PingQueryAndWrite_ReadsAndIsRefusedWriting()
    {
        if ((NpmPackageCache.Missing("node") ?? NpmPackageCache.Missing("npm")) is { } missing)
        {
            Assert.Skip(missing);
        }

        var directory = await NpmPackageCache.InstallAsync("clickhouse-js", "@clickhouse/client", Version, Path.Combine("node_modules", "@clickhouse", "client", "package.json"));
        var script = Path.Combine(directory, $"sql-endpoint-{Guid.NewGuid():N}.js");
        await File.WriteAllTextAsync(script, Script, TestContext.Current.CancellationToken);
        try
        {
            var startInfo = new ProcessStartInfo("node", script) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            startInfo.Environment["SQL_URL"] = fixture.Collector.Endpoint.ToString().TrimEnd('/');
            startInfo.Environment["SQL_DATABASE"] = fixture.Collector.Database;
            using var node = Process.Start(startInfo)!;
            var output = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var errors = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await node.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);
            Assert.True(node.ExitCode == 0, await errors);

            var result = JsonDocument.Parse(await output).RootElement;
            Assert.True(result.GetProperty("ping").GetBoolean());
            var row = Assert.Single(result.GetProperty("rows").EnumerateArray());
            Assert.Equal(42, row.GetProperty("answer").GetInt32());
            Assert.Equal("ml_runs", row.GetProperty("name").GetString());
            Assert.Equal("164", result.GetProperty("write").GetString());
        }
        finally
        {
            File.Delete(script);
        }
    }
}

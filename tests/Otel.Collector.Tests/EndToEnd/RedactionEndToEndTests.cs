using System.Text;
using static Otel.Collector.Tests.EndToEnd.OtlpSpans;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>Secrets sent by a client never reach storage: not the experiment tables, not the raw OTel tables.</summary>
public sealed class RedactionEndToEndTests
{
    [Fact]
    public async Task SecretsInParamsTagsResourceAndEvents_AreRedactedEverywhereBeforeStorage()
    {
        await using var collector = await RunningCollector.StartAsync("redaction_e2e");
        var ct = TestContext.Current.CancellationToken;
        var secrets = new[] { "hunter2", "s3cr3tT0ken", "Zq9xPassw0rd", "ghp_" + new string('a', 36) };
        var start = RunSpan("ml.run.start", "secretive", "redaction", "run",
            Attr("ml.param.db_password", secrets[0]), Attr("ml.param.lr", 0.1), Attr("ml.tag.note", "pushed with " + secrets[3]));
        var end = RunSpan("ml.run", "secretive", "redaction", "run", Attr("ml.param.db_password", secrets[0]));
        end.Events.Add(Event("ml.dataset", Attr("ml.dataset.name", "remote"), Attr("ml.dataset.digest", new string('c', 64)),
            Attr("ml.dataset.uri", $"postgres://reader:{secrets[2]}@db.internal:5432/features")));
        end.Status = new OpenTelemetry.Proto.Trace.V1.Status { Code = OpenTelemetry.Proto.Trace.V1.Status.Types.StatusCode.Error, Message = $"login failed for https://bot:{secrets[1]}@example.com" };
        await SendAsync(collector.Api, Request(
            [Attr("service.name", "trainer"), Attr("vcs.repository.url.full", $"https://bot:{secrets[1]}@github.com/acme/model"),
             Attr("process.command_line", $"dotnet train.dll --api-key={secrets[1]} --epochs 3")],
            start, end), ct);

        var run = await collector.GetRunAsync("secretive");
        Assert.Equal("[REDACTED]", run.Params["db_password"]);
        Assert.Equal("0.1", run.Params["lr"]);
        Assert.Equal("https://bot:[REDACTED]@github.com/acme/model", run.Provenance["vcs.repository.url.full"]);
        Assert.Contains("--epochs 3", run.Provenance["process.command_line"], StringComparison.Ordinal);
        Assert.DoesNotContain(secrets[1], run.Provenance["process.command_line"], StringComparison.Ordinal);
        Assert.Equal("postgres://reader:[REDACTED]@db.internal:5432/features", Assert.Single(run.Datasets).Uri);

        // Nothing anywhere in the database holds a secret: dump every table of this test's database as text.
        var tables = Encoding.UTF8.GetString(await collector.Store.QueryAsync(
            "SELECT name FROM system.tables WHERE database = currentDatabase() AND engine NOT LIKE '%View%'", "TabSeparated", null, ct))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("otel_traces", tables);
        foreach (var table in tables)
        {
            var dump = Encoding.UTF8.GetString(await collector.Store.QueryAsync($"SELECT * FROM {table}", "JSONEachRow", null, ct));
            foreach (var secret in secrets)
            {
                Assert.False(dump.Contains(secret, StringComparison.Ordinal), $"table {table} stores a secret: {secret}");
            }
        }
    }
}

using System.Net;
using System.Text.Json;
using Otel.Collector.Security;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Security;

namespace Otel.Collector.Tests.Audit;

/// <summary>A real collector with keys: who a request acts as, and denied requests in the audit log.</summary>
public sealed class AuditSecurityEndToEndTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhoAmI_WithAKey_IsTheKeysName_AndAClaimedOsUserIsIgnored()
    {
        await using var secured = await SecuredCollector.StartAsync("audit_whoami_key");
        using var client = secured.Client(secured.Read);
        client.DefaultRequestHeaders.Add(RequestActor.UserHeader, "root");

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/whoami", Cancellation));

        Assert.Equal("read", json.RootElement.GetProperty("actor").GetString());
        Assert.Equal("key", json.RootElement.GetProperty("via").GetString());
    }

    [Fact]
    public async Task WhoAmI_WithoutKeysOnLoopback_IsTheClaimedOsUser_ElseAnonymous()
    {
        await using var open = await SecuredCollector.StartAsync("audit_whoami_open", withKeys: false);
        using var named = open.Client(null);
        named.DefaultRequestHeaders.Add(RequestActor.UserHeader, "alice");
        using var unnamed = open.Client(null);

        using var alice = JsonDocument.Parse(await named.GetStringAsync("/api/whoami", Cancellation));
        using var nobody = JsonDocument.Parse(await unnamed.GetStringAsync("/api/whoami", Cancellation));

        Assert.Equal(("alice", "os-user"), (alice.RootElement.GetProperty("actor").GetString(), alice.RootElement.GetProperty("via").GetString()));
        Assert.Equal(RequestActor.Anonymous, nobody.RootElement.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task DeniedRequests_AFloodOfTenThousand_MakesOneEntryPerSubjectAndMinute()
    {
        const int Flood = 10_000;
        await using var secured = await SecuredCollector.StartAsync("audit_denial_flood");
        var store = secured.Collector.Store;
        using var anonymous = secured.Client(null);
        using var wrongScope = secured.Client(secured.Ingest);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Flood; i++)
        {
            using var response = await (i % 2 == 0 ? anonymous : wrongScope).GetAsync("/api/runs", Cancellation);
            statuses.Add(response.StatusCode);
        }

        // A graceful stop records every minute's tally and writes what the spool holds.
        await secured.Collector.Host.StopAsync(Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);

        Assert.Equal(Flood / 2, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(Flood / 2, statuses.Count(s => s == HttpStatusCode.Forbidden));
        var rows = System.Text.Encoding.UTF8.GetString(await store.QueryAsync(
            "SELECT Actor, JSONExtractUInt(Details, 'count') FROM ml_audit_pending WHERE Action = 'request.denied' ORDER BY Actor FORMAT TabSeparated",
            "TabSeparated", null, Cancellation)).Trim().Split('\n').Select(l => l.Split('\t')).ToList();
        Assert.InRange(rows.Count, 2, 4);
        Assert.Equal(Flood, rows.Sum(r => long.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["ingest", "remote:127.0.0.1"], rows.Select(r => r[0]).Distinct().Order(StringComparer.Ordinal));
    }
}

using System.Net;
using System.Text;
using Otel.Collector.Security;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Security;

/// <summary>
/// The registry scopes on a real collector: each scope on each route family is let through (the route answers, whatever
/// it answers) or refused with 403 by the key check, and refusals reach the audit log as every denial does.
/// </summary>
public sealed class RegistryScopesEndToEndTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string, bool> Cases => new()
    {
        // scope, method, path, allowed
        { "read", "GET", "/api/models", true },
        { "registry", "GET", "/api/models", true },
        { "approve", "GET", "/api/models", true },
        { "ingest", "GET", "/api/models", false },
        { "read", "POST", "/api/models/churn/versions", false },
        { "approve", "POST", "/api/models/churn/versions", false },
        { "registry", "POST", "/api/models/churn/versions", true },
        { "admin", "POST", "/api/models/churn/versions", true },
        { "registry", "PUT", "/api/models/churn/aliases/staging", true },
        { "approve", "PUT", "/api/models/churn/aliases/staging", false },
        { "registry", "POST", "/api/models/churn/versions/1/approvals", false },
        { "read", "POST", "/api/models/churn/versions/1/approvals", false },
        { "approve", "POST", "/api/models/churn/versions/1/approvals", true },
        { "admin", "POST", "/api/models/churn/versions/1/approvals", true },
        { "registry", "PUT", "/api/models/churn/gates/production", false },
        { "approve", "PUT", "/api/models/churn/gates/production", false },
        { "admin", "PUT", "/api/models/churn/gates/production", true },
        { "registry", "POST", "/api/runs/r1/archive", true },
        { "approve", "POST", "/api/runs/r1/archive", false },
        { "registry", "POST", "/api/runs/r1/delete", false },
        { "registry", "PUT", "/api/retention/exp", false },
        { "admin", "PUT", "/api/retention/exp", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_EachScopeOnEachRouteFamily_AllowedOrForbidden(string scope, string method, string path, bool allowed)
    {
        await using var secured = await SecuredCollector.StartAsync("scopes_" + Math.Abs(StringComparer.Ordinal.GetHashCode(scope + method + path)));
        Assert.True(ApiKeyScopes.TryParse(scope, out var parsed));
        var key = secured.Keys[parsed];

        var status = await secured.StatusAsync(new HttpMethod(method), path, key, Body(method));

        if (allowed)
        {
            Assert.NotEqual(HttpStatusCode.Forbidden, status);
            Assert.NotEqual(HttpStatusCode.Unauthorized, status);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, status);
        }
    }

    [Fact]
    public async Task Request_KeyRestrictedToAModel_WritesThereOnly_AndTheDenialIsAudited()
    {
        string churnTeam = string.Empty;
        await using var secured = await SecuredCollector.StartAsync(
            "scopes_restricted", addKeys: store => churnTeam = store.Create("churn-team", ApiKeyScope.Registry, models: ["churn"]).Key);

        var own = await secured.StatusAsync(HttpMethod.Post, "/api/models/churn/versions", churnTeam, Body("POST"));
        var other = await secured.StatusAsync(HttpMethod.Post, "/api/models/fraud/versions", churnTeam, Body("POST"));
        var read = await secured.StatusAsync(HttpMethod.Get, "/api/models/fraud", churnTeam);

        Assert.NotEqual(HttpStatusCode.Forbidden, own);
        Assert.Equal(HttpStatusCode.Forbidden, other);
        Assert.NotEqual(HttpStatusCode.Forbidden, read);

        // A graceful stop records the minute's tally of denials.
        var store = secured.Collector.Store;
        await secured.Collector.Host.StopAsync(Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);
        var rows = Encoding.UTF8.GetString(await store.QueryAsync(
            "SELECT Actor, Details FROM ml_audit_pending WHERE Action = 'request.denied' FORMAT TabSeparated", "TabSeparated", null, Cancellation)).Trim();
        Assert.StartsWith("churn-team\t", rows, StringComparison.Ordinal);
        Assert.Contains("/api/models/fraud/versions", rows, StringComparison.Ordinal);
    }

    private static StringContent? Body(string method) =>
        method is "GET" or "HEAD" or "DELETE" ? null : new StringContent("{}", Encoding.UTF8, "application/json");
}

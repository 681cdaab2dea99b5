using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.Registry;
using Otel.Collector.Security;
using Otel.Collector.Tests.Infrastructure;
using Otel.Collector.Tests.Security;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Tests.Registry.Governance;

/// <summary>Governance with API keys: the key's name is the identity, and force needs admin.</summary>
public sealed class GovernanceKeysTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Promote_ForceWithARegistryKey_Forbidden_AndDeniedInTheAuditLog_ButAnAdminKeyMayForce()
    {
        await using var secured = await StartAsync("gov_keys_force");
        await secured.Collector.Host.Services.GetRequiredService<RegistryWriter>().SeedAsync("churn", 1, "ci");
        Assert.Equal(HttpStatusCode.OK, await SendAsync(secured, secured.Admin, HttpMethod.Put, "api/models/churn/gates/production", new GateRequest { MinApprovals = 1 }));

        var byRegistry = await SendAsync(secured, secured.Keys[ApiKeyScope.Registry], HttpMethod.Post, "api/models/churn/versions/1/promotions",
            new PromotionRequest { Alias = "production", Force = true });
        var unforced = await SendAsync(secured, secured.Keys[ApiKeyScope.Registry], HttpMethod.Post, "api/models/churn/versions/1/promotions",
            new PromotionRequest { Alias = "production" });
        var byAdmin = await SendAsync(secured, secured.Admin, HttpMethod.Post, "api/models/churn/versions/1/promotions",
            new PromotionRequest { Alias = "production", Force = true });

        Assert.Equal(HttpStatusCode.Forbidden, byRegistry);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unforced);
        Assert.Equal(HttpStatusCode.OK, byAdmin);
        var store = secured.Collector.Store;
        await secured.Collector.Host.StopAsync(Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);
        var audit = Encoding.UTF8.GetString(await store.QueryAsync(
            "SELECT Actor, Action FROM ml_audit_pending WHERE Action IN ('request.denied', 'promotion.force', 'promotion.refuse') ORDER BY Action FORMAT TabSeparated",
            "TabSeparated", null, Cancellation));
        Assert.Equal("admin\tpromotion.force\nregistry\tpromotion.refuse\nregistry\trequest.denied\n", audit);
    }

    [Fact]
    public async Task Approve_WithAnApproveKey_TheKeysNameIsTheApprover_AndARegistryKeyCannotApprove()
    {
        await using var secured = await StartAsync("gov_keys_approve");
        await secured.Collector.Host.Services.GetRequiredService<RegistryWriter>().SeedAsync("churn", 1, "ci");
        await SendAsync(secured, secured.Admin, HttpMethod.Put, "api/models/churn/gates/production", new GateRequest { MinApprovals = 1 });
        var approve = new ApprovalRequest { Alias = "production", Decision = "approve" };

        var byRegistry = await SendAsync(secured, secured.Keys[ApiKeyScope.Registry], HttpMethod.Post, "api/models/churn/versions/1/approvals", approve);
        var byApprove = await SendAsync(secured, secured.Keys[ApiKeyScope.Approve], HttpMethod.Post, "api/models/churn/versions/1/approvals", approve);
        var promoted = await SendAsync(secured, secured.Keys[ApiKeyScope.Registry], HttpMethod.Post, "api/models/churn/versions/1/promotions",
            new PromotionRequest { Alias = "production" });

        Assert.Equal(HttpStatusCode.Forbidden, byRegistry);
        Assert.Equal(HttpStatusCode.Created, byApprove);
        Assert.Equal(HttpStatusCode.OK, promoted);
        var approval = Assert.Single(await new Otel.Collector.Registry.Governance.GovernanceQueries(secured.Collector.Store).ApprovalsAsync("churn", 1, Cancellation));
        Assert.Equal("approve", approval.Actor);
    }

    private static async Task<SecuredCollector> StartAsync(string name)
    {
        var secured = await SecuredCollector.StartAsync(name, configure: o =>
        {
            o.Jobs.ClaimWindow = TimeSpan.FromMilliseconds(100);
            o.Jobs.Settle = TimeSpan.FromMilliseconds(200);
        });
        var lease = secured.Collector.Host.Services.GetRequiredService<RegistryWriterLease>();
        await Eventually.UntilAsync(() => lease.HeldTerm is not null, "the registry writer's lease was not taken", TestTimeouts.Default);
        return secured;
    }

    private static async Task<HttpStatusCode> SendAsync(SecuredCollector secured, string key, HttpMethod method, string path, object body)
    {
        using var client = secured.Client(key);
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, body.GetType(), options: QueryJson.Options) };
        using var response = await client.SendAsync(request, Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);
        return response.StatusCode;
    }
}

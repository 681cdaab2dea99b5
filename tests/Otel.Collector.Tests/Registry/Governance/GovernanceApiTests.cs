using System.Net;
using System.Text;
using System.Text.Json;
using Otel.Collector.Registry.Governance;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Tests.Registry.Governance;

/// <summary>Gates, approvals, promotions and deployments over the API of a real collector (no keys: identities are OS users on loopback).</summary>
public sealed class GovernanceApiTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Promote_FourEyes_RegistrantRefusedOneApprovalRefusedTwoPass()
    {
        await using var collector = await RegistryCollector.StartAsync("gov_four_eyes");
        await collector.Writer.SeedAsync("churn", 1, "ci");
        Assert.Equal(HttpStatusCode.OK, (await collector.SendAsync(HttpMethod.Put, "api/models/churn/gates/production", new GateRequest { MinApprovals = 2 })).Status);
        using var ci = collector.Client("ci");
        using var bob = collector.Client("bob");

        var byRegistrant = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions/1/approvals", Approve(), ci);
        var first = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions/1/approvals", Approve("looks good"));
        var duplicate = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions/1/approvals", Approve());
        var refused = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions/1/promotions", new PromotionRequest { Alias = "production" });
        var aliasesAfterRefusal = await collector.SendAsync(HttpMethod.Get, "api/models/churn/gates");
        var second = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions/1/approvals", Approve(), bob);
        var promoted = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions/1/promotions", new PromotionRequest { Alias = "production" });

        Assert.Equal(HttpStatusCode.Conflict, byRegistrant.Status);
        Assert.Contains("ci registered version 1 of 'churn' and cannot approve it (four eyes)", Error(byRegistrant.Body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(("alice", "approve", "looks good"), (first.Body.GetProperty("actor").GetString(), first.Body.GetProperty("decision").GetString(), first.Body.GetProperty("comment").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Contains("alice already approved version 1", Error(duplicate.Body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.False(refused.Body.GetProperty("promoted").GetBoolean());
        Assert.Equal("1 of 2 approvals for 'production' from identities other than the registrant ci: alice",
            refused.Body.GetProperty("gates")[0].GetProperty("detail").GetString());
        Assert.Contains("'production' still points at no version", Error(refused.Body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, aliasesAfterRefusal.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal(HttpStatusCode.OK, promoted.Status);
        Assert.True(promoted.Body.GetProperty("promoted").GetBoolean());
        var registry = collector.Host.Services.GetService(typeof(Otel.Collector.Registry.RegistryQueries)) as Otel.Collector.Registry.RegistryQueries;
        Assert.Equal(new Dictionary<string, long> { ["production"] = 1 }, await registry!.AliasesAsync("churn", Cancellation));
    }

    [Fact]
    public async Task Promote_MetricAgainstChampion_RefusesAWorseVersionAndPassesABetterOne_EveryAttemptRecorded()
    {
        await using var collector = await RegistryCollector.StartAsync("gov_champion");
        await collector.Writer.SeedAsync("churn", 1, "ci", new() { ["val_accuracy"] = 0.89 });
        await collector.Writer.SeedAsync("churn", 2, "ci", new() { ["val_accuracy"] = 0.85 });
        await collector.Writer.SeedAsync("churn", 3, "ci", new() { ["val_accuracy"] = 0.91 });
        await collector.SendAsync(HttpMethod.Put, "api/models/churn/gates/champion", new GateRequest { Metrics = ["val_accuracy >= champion"] });

        var first = await Promote(collector, 1);
        var worse = await Promote(collector, 2);
        var better = await Promote(collector, 3);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, worse.Status);
        Assert.Equal("val_accuracy 0.85 is not >= champion (v1) 0.89", worse.Body.GetProperty("gates")[0].GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, better.Status);
        Assert.Equal("val_accuracy 0.91 >= champion (v1) 0.89", better.Body.GetProperty("gates")[0].GetProperty("detail").GetString());
        Assert.Equal(1, better.Body.GetProperty("previousVersion").GetInt64());
        var promotions = await new GovernanceQueries(collector.Store).PromotionsAsync("churn", Cancellation);
        Assert.Equal([(1L, true), (2L, false), (3L, true)], promotions.Select(p => (p.Version, p.Promoted)));
        Assert.All(promotions, p => Assert.Equal("alice", p.Actor));
        Assert.False(promotions[1].Gates[0].Passed);
        await Eventually.UntilAsync(async () => (await AuditActionsAsync(collector)).Contains("promotion.refuse"), "the refusal audited", TestTimeouts.Default);
        var actions = await AuditActionsAsync(collector);
        Assert.Equal(2, actions.Count(a => a == "promotion.promote"));
        Assert.Equal(2, actions.Count(a => a == "alias.move"));
    }

    [Fact]
    public async Task Promote_NoGate_JustMovesAndIsRecordedWithoutVerdicts()
    {
        await using var collector = await RegistryCollector.StartAsync("gov_no_gate");
        await collector.Writer.SeedAsync("churn", 1, "alice");

        var promoted = await Promote(collector, 1, "staging");

        Assert.Equal(HttpStatusCode.OK, promoted.Status);
        Assert.Equal(0, promoted.Body.GetProperty("gates").GetArrayLength());
        var promotion = Assert.Single(await new GovernanceQueries(collector.Store).PromotionsAsync("churn", Cancellation));
        Assert.Equal(("staging", true, false), (promotion.Alias, promotion.Promoted, promotion.Forced));
    }

    [Fact]
    public async Task Promote_ForceWithoutKeys_MovesOverTheGateAndIsRecordedAsForced()
    {
        await using var collector = await RegistryCollector.StartAsync("gov_force");
        await collector.Writer.SeedAsync("churn", 1, "ci");
        await collector.SendAsync(HttpMethod.Put, "api/models/churn/gates/production", new GateRequest { MinApprovals = 1, RequireCleanTree = true });

        var forced = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions/1/promotions", new PromotionRequest { Alias = "production", Force = true });

        Assert.Equal(HttpStatusCode.OK, forced.Status);
        Assert.True(forced.Body.GetProperty("forced").GetBoolean());
        Assert.Equal(2, forced.Body.GetProperty("gates").GetArrayLength());
        var move = Assert.Single(await ((Otel.Collector.Registry.RegistryQueries)collector.Host.Services.GetService(typeof(Otel.Collector.Registry.RegistryQueries))!).MovesAsync("churn", Cancellation));
        Assert.Equal("force", move.Reason);
    }

    [Fact]
    public async Task Gate_InvalidConditionsUnknownModelAndDelete_AnsweredWithTheirStatus()
    {
        await using var collector = await RegistryCollector.StartAsync("gov_gate_input");
        await collector.Writer.SeedAsync("churn", 1, "ci");

        var invalid = await collector.SendAsync(HttpMethod.Put, "api/models/churn/gates/production", new GateRequest { Metrics = ["acc = 1"], MinCompleteness = 75 });
        var unknown = await collector.SendAsync(HttpMethod.Put, "api/models/fraud/gates/production", new GateRequest { MinApprovals = 1 });
        var noGate = await collector.SendAsync(HttpMethod.Delete, "api/models/churn/gates/production");
        var set = await collector.SendAsync(HttpMethod.Put, "api/models/churn/gates/production", new GateRequest { MinApprovals = 1, RequiredDatasets = ["train"] });
        var listed = await collector.SendAsync(HttpMethod.Get, "api/models/churn/gates");
        var deleted = await collector.SendAsync(HttpMethod.Delete, "api/models/churn/gates/production");
        var afterDelete = await collector.SendAsync(HttpMethod.Get, "api/models/churn/gates");
        var malformed = await SendRawAsync(collector, "api/models/churn/gates/production", "{not json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.Status);
        Assert.Contains("--min-completeness 75: completeness is a fraction from 0 to 1", Error(invalid.Body), StringComparison.Ordinal);
        Assert.Contains("KEY OP VALUE or KEY OP champion", Error(invalid.Body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.NotFound, noGate.Status);
        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.Equal(["train"], listed.Body[0].GetProperty("requiredDatasets").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("alice", listed.Body[0].GetProperty("updatedBy").GetString());
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(0, afterDelete.Body.GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, malformed);
    }

    [Fact]
    public async Task Approve_UnknownVersionAliasOrDecision_RefusedAndNothingRecorded()
    {
        await using var collector = await RegistryCollector.StartAsync("gov_approve_input");
        await collector.Writer.SeedAsync("churn", 1, "ci");
        await collector.SendAsync(HttpMethod.Put, "api/models/churn/gates/production", new GateRequest { MinApprovals = 1 });

        var unknownVersion = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions/9/approvals", Approve());
        var unknownAlias = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions/1/approvals", new ApprovalRequest { Alias = "prodution", Decision = "approve" });
        var badDecision = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions/1/approvals", new ApprovalRequest { Alias = "production", Decision = "ok" });
        var badVersion = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions/v1/approvals", Approve());

        Assert.Equal(HttpStatusCode.NotFound, unknownVersion.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknownAlias.Status);
        Assert.Contains("has no alias or gate 'prodution'", Error(unknownAlias.Body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badDecision.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badVersion.Status);
        Assert.Empty(await new GovernanceQueries(collector.Store).ApprovalsAsync("churn", null, Cancellation));
    }

    [Fact]
    public async Task DeployAndPromote_RecordedAuditedAndAnnouncedToTheWebhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var collector = await RegistryCollector.StartAsync("gov_deploy", configure: o =>
        {
            o.Webhook.Url = receiver.Url;
            o.Webhook.Secret = "a-webhook-secret-of-some-length";
        });
        await collector.Writer.SeedAsync("churn", 1, "ci");

        var deployed = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions/1/deployments", new DeploymentRequest { Environment = "prod-eu" });
        var bad = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions/1/deployments", new DeploymentRequest { Environment = "prod eu" });
        var listed = await collector.SendAsync(HttpMethod.Get, "api/models/churn/deployments");

        Assert.Equal(HttpStatusCode.Created, deployed.Status);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        var deployment = Assert.Single(listed.Body.EnumerateArray());
        Assert.Equal(("prod-eu", "alice", "api", 1L), (deployment.GetProperty("environment").GetString(), deployment.GetProperty("deployedBy").GetString(),
            deployment.GetProperty("source").GetString(), deployment.GetProperty("version").GetInt64()));
        await Eventually.UntilAsync(() => !receiver.Requests.IsEmpty, "the webhook was called", TestTimeouts.Default);
        var request = Assert.Single(receiver.Requests);
        Assert.True(Otel.Collector.Webhooks.WebhookSignature.Verify("a-webhook-secret-of-some-length", request.Body, request.Headers["X-Otel-Track-Signature"]));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(("deployment.recorded", "prod-eu"), (body.RootElement.GetProperty("type").GetString(), body.RootElement.GetProperty("environment").GetString()));
        Assert.Equal(deployment.GetProperty("auditEntryId").GetString(), body.RootElement.GetProperty("auditEntryId").GetString());

        Assert.Equal(HttpStatusCode.OK, (await Promote(collector, 1)).Status);
        await Eventually.UntilAsync(() => receiver.Requests.Count == 2, "the alias move was announced", TestTimeouts.Default);
        using var moved = JsonDocument.Parse(receiver.Requests.Last().Body);
        Assert.Equal(("alias.moved", "champion", 1L, 0L, "promote"), (moved.RootElement.GetProperty("type").GetString(), moved.RootElement.GetProperty("alias").GetString(),
            moved.RootElement.GetProperty("version").GetInt64(), moved.RootElement.GetProperty("previousVersion").GetInt64(), moved.RootElement.GetProperty("reason").GetString()));
        await Eventually.UntilAsync(async () => (await AuditActionsAsync(collector)).Contains("webhook.delivered"), "the delivery audited", TestTimeouts.Default);
        Assert.Contains("deployment.record", await AuditActionsAsync(collector));
    }

    [Fact]
    public async Task PlainAliasSetAndDelete_AnnouncedToTheWebhook_ANoOpSetIsNot()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var collector = await RegistryCollector.StartAsync("gov_alias_hook", configure: o =>
        {
            o.Webhook.Url = receiver.Url;
            o.Webhook.Secret = "a-webhook-secret-of-some-length";
        });
        await collector.Writer.SeedAsync("churn", 1, "ci");

        var set = await collector.SendAsync(HttpMethod.Put, "api/models/churn/aliases/staging", new Otel.Tracking.Query.Registry.ModelAliasTarget(1));
        var again = await collector.SendAsync(HttpMethod.Put, "api/models/churn/aliases/staging", new Otel.Tracking.Query.Registry.ModelAliasTarget(1));
        var deleted = await collector.SendAsync(HttpMethod.Delete, "api/models/churn/aliases/staging");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (set.Status, again.Status, deleted.Status));
        await Eventually.UntilAsync(() => receiver.Requests.Count >= 2, "the set and the delete were announced", TestTimeouts.Default);
        await Eventually.UntilAsync(async () => (await AuditActionsAsync(collector)).Count(a => a == "webhook.delivered") == 2, "both deliveries audited", TestTimeouts.Default);
        var moves = receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement)
            .Select(e => (e.GetProperty("type").GetString(), e.GetProperty("version").GetInt64(), e.GetProperty("previousVersion").GetInt64(), e.GetProperty("reason").GetString()))
            .ToList();
        Assert.Equal([("alias.moved", 1L, 0L, "set"), ("alias.moved", 0L, 1L, "delete")], moves);
    }

    private static ApprovalRequest Approve(string? comment = null) => new() { Alias = "production", Decision = "approve", Comment = comment };

    private static Task<(HttpStatusCode Status, JsonElement Body)> Promote(RegistryCollector collector, long version, string alias = "champion") =>
        collector.SendAsync(HttpMethod.Post, $"api/models/churn/versions/{version}/promotions", new PromotionRequest { Alias = alias });

    private static string Error(JsonElement body) => body.GetProperty("error").GetString()!;

    private static async Task<HttpStatusCode> SendRawAsync(RegistryCollector collector, string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await collector.Api.PutAsync(path, content, Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);
        return response.StatusCode;
    }

    private static async Task<List<string>> AuditActionsAsync(RegistryCollector collector) =>
        [.. Encoding.UTF8.GetString(await collector.Store.QueryAsync("SELECT Action FROM ml_audit_pending ORDER BY Action FORMAT TabSeparated", "TabSeparated", null, Cancellation))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}

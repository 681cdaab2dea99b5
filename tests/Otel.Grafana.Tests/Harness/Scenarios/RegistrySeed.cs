using System.Net;
using Otel.Tracking.Query.Registry;

namespace Otel.Grafana.Tests.Harness.Scenarios;

/// <summary>
/// The governed model every scenario holds, made through the registry API as people make it: version 1 (from the
/// second-best run) registered, a gate put on the champion alias, version 1 approved by bob and promoted, then
/// version 2 (the best run) registered, approved and promoted over it; both deployed to production.
/// </summary>
internal static class RegistrySeed
{
    public static async Task SeedAsync(ScenarioCollector collector, ScenarioNames names)
    {
        using var reviewer = collector.Registry.Client("bob");
        foreach (var (runId, version) in new[] { (names.PreviousRunId, names.PreviousVersion), (names.BestRunId, names.Version) })
        {
            var (status, body) = await collector.SendAsync(HttpMethod.Post, $"api/models/{names.Model}/versions",
                new ModelRegistration { RunId = runId, Artifact = "model.json", Description = "churn classifier" });
            Assert.True(status == HttpStatusCode.Created, $"registering {runId} answered {(int)status}: {body}");
            Assert.Equal(version, body.GetProperty("version").GetInt64());
            if (version == names.PreviousVersion)
            {
                await ExpectAsync(collector.SendAsync(HttpMethod.Put, $"api/models/{names.Model}/gates/{names.Alias}", new GateRequest
                {
                    MinApprovals = 1,
                    MinCompleteness = 0.8,
                    RequiredDatasets = ["train"],
                    Metrics = ["val_accuracy >= 0.8"],
                }), HttpStatusCode.OK);
            }

            await ExpectAsync(collector.SendAsync(HttpMethod.Post, $"api/models/{names.Model}/versions/{version}/approvals",
                new ApprovalRequest { Alias = names.Alias, Decision = "approve", Comment = "holdout checked" }, reviewer), HttpStatusCode.Created);
            var (promoted, verdict) = await collector.SendAsync(HttpMethod.Post, $"api/models/{names.Model}/versions/{version}/promotions",
                new PromotionRequest { Alias = names.Alias });
            Assert.True(promoted == HttpStatusCode.OK && verdict.GetProperty("promoted").GetBoolean(), $"promotion of version {version} answered {(int)promoted}: {verdict}");
            await ExpectAsync(collector.SendAsync(HttpMethod.Post, $"api/models/{names.Model}/versions/{version}/deployments",
                new DeploymentRequest { Environment = names.Environment }), HttpStatusCode.Created);
        }
    }

    private static async Task ExpectAsync(Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> call, HttpStatusCode expected)
    {
        var (status, body) = await call;
        Assert.True(status == expected, $"expected {(int)expected}, got {(int)status}: {body}");
    }
}

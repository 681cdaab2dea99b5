using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>
/// The real otel-track program against a real serve process with API keys: scopes denying, four-eyes approvals with two
/// approve keys, a gate refusing (exit 6, the alias unchanged) then passing, a metric gate against the champion, and a
/// deployment, all visible in <c>models show</c>.
/// </summary>
public sealed class GovernanceProcessTests
{
    private static readonly TimeSpan ReloadWait = TimeSpan.FromSeconds(30);

    private const string WebhookSecret = "a-webhook-secret-from-a-file";

    [Fact]
    public async Task Serve_WebhookUrlWithoutSecret_RefusesToStart_WithTheSecretFromTheEnvironment_Starts()
    {
        using var temp = new TempDirectory();

        var refused = await CliProcess.RunAsync(temp.Path, "serve", "--data", temp.Combine("data"), "--grpc-port", "0", "--http-port", "0", "--webhook-url", "http://127.0.0.1:9/hook");
        await using var started = await ServeProcess.StartAsync(temp.Combine("data"), new Dictionary<string, string> { ["OTEL_TRACK_WEBHOOK_SECRET"] = WebhookSecret },
            "--webhook-url", "http://127.0.0.1:9/hook");

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("--webhook-secret-file PATH, or in OTEL_TRACK_WEBHOOK_SECRET", refused.Stderr, StringComparison.Ordinal);
        using var http = new HttpClient { Timeout = CliProcess.Timeout };
        using var health = await http.GetAsync(started.Endpoint + "/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Governance_WithKeys_ScopesFourEyesGatesPromotionAndDeployment()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("data");
        await using var hook = await WebhookReceiver.StartAsync();
        var secretFile = temp.Combine("webhook-secret");
        await File.WriteAllTextAsync(secretFile, WebhookSecret + "\n", TestContext.Current.CancellationToken);
        await using var serve = await ServeProcess.StartAsync(data, "--webhook-url", hook.Url.ToString(), "--webhook-secret-file", secretFile);
        var demo = await CliProcess.RunAsync(temp.Path, "demo", "--endpoint", serve.Endpoint);
        Assert.True(demo.ExitCode == 0, demo.ToString());
        var runs = new List<string>();
        foreach (var run in (await JsonAsync(null, "runs", "list")).EnumerateArray().Select(r => r.GetProperty("id").GetString()!))
        {
            if ((await JsonAsync(null, "artifacts", "list", run)).EnumerateArray().Any(a => a.GetProperty("path").GetString() == "model.json"))
            {
                runs.Add(run);
            }
        }

        var ops = await KeyAsync("admin", "ops");
        var ci = await KeyAsync("registry", "ci");
        var alice = await KeyAsync("approve", "alice");
        var bob = await KeyAsync("approve", "bob");
        var grafana = await KeyAsync("read", "grafana");
        var fraudTeam = await KeyAsync("registry", "fraud-team", "--models", "fraud");
        await Eventually.UntilAsync(() => RunAsync(null, "runs", "list", "--json"), r => r.ExitCode != 0, r => "keys were not required yet; last: " + r, ReloadWait);
        await Eventually.UntilAsync(() => RunAsync(fraudTeam, "runs", "list", "--json"), r => r.ExitCode == 0, r => "the last key was not loaded yet; last: " + r, ReloadWait);

        // A registry key registers; read and approve keys cannot, and a key restricted to fraud cannot write churn.
        var v1 = await JsonAsync(ci, "models", "register", "churn", "--run", runs[0], "--artifact", "model.json");
        Assert.Equal(("churn", 1L, "ci"), (v1.GetProperty("name").GetString(), v1.GetProperty("version").GetInt64(), v1.GetProperty("createdBy").GetString()));
        AssertDenied(await RunAsync(grafana, "models", "register", "churn", "--run", runs[1], "--artifact", "model.json"), "needs registry");
        AssertDenied(await RunAsync(alice, "models", "register", "churn", "--run", runs[1], "--artifact", "model.json"), "needs registry");
        AssertDenied(await RunAsync(fraudTeam, "models", "register", "churn", "--run", runs[1], "--artifact", "model.json"), "may write only to the models fraud");
        AssertDenied(await RunAsync(ci, "models", "approve", "churn", "1", "--for", "production"), "needs approve");

        // The gate: two approvals (admin only), then a registry key cannot force it.
        AssertDenied(await RunAsync(ci, "models", "gate", "churn", "production", "--min-approvals", "2"), "needs admin");
        Assert.Equal(0, (await RunAsync(ops, "models", "gate", "churn", "production", "--min-approvals", "2")).ExitCode);
        AssertDenied(await RunAsync(ci, "models", "promote", "churn", "1", "--to", "production", "--force"), "needs an admin key");
        var badCondition = await RunAsync(ops, "models", "gate", "churn", "production", "--metric", "val_accuracy = 0.9");
        Assert.True(badCondition.ExitCode == 2, badCondition.ToString());
        Assert.Contains("KEY OP VALUE or KEY OP champion", badCondition.Stderr, StringComparison.Ordinal);

        // Four eyes: the registrant's approval is refused; one approval is not enough (exit 6, alias unchanged); two are.
        var v2 = await JsonAsync(ops, "models", "register", "churn", "--run", runs[1], "--artifact", "model.json");
        var ownApproval = await RunAsync(ops, "models", "approve", "churn", "2", "--for", "production");
        Assert.True(ownApproval.ExitCode == 1, ownApproval.ToString());
        Assert.Contains("four eyes", ownApproval.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync(alice, "models", "approve", "churn", "1", "--for", "production", "--comment", "holdout checked")).ExitCode);
        var duplicate = await RunAsync(alice, "models", "approve", "churn", "1", "--for", "production");
        Assert.True(duplicate.ExitCode == 1, duplicate.ToString());
        var refused = await RunAsync(ci, "models", "promote", "churn", "1", "--to", "production", "--json");
        Assert.True(refused.ExitCode == 6, refused.ToString());
        using (var json = JsonDocument.Parse(refused.Stdout))
        {
            Assert.False(json.RootElement.GetProperty("promoted").GetBoolean());
            var verdict = Assert.Single(json.RootElement.GetProperty("gates").EnumerateArray().ToList());
            Assert.Equal(("min_approvals", false), (verdict.GetProperty("gate").GetString(), verdict.GetProperty("passed").GetBoolean()));
        }

        Assert.False((await JsonAsync(grafana, "models", "show", "churn")).GetProperty("aliases").TryGetProperty("production", out _));
        var human = await RunAsync(ci, "models", "promote", "churn", "1", "--to", "production");
        Assert.True(human.ExitCode == 6, human.ToString());
        Assert.Contains("1 of 2 approvals", human.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync(bob, "models", "approve", "churn", "1", "--for", "production")).ExitCode);
        var promoted = await JsonAsync(ci, "models", "promote", "churn", "1", "--to", "production");
        Assert.True(promoted.GetProperty("promoted").GetBoolean());
        Assert.Equal("2 of 2 approvals for 'production' from identities other than the registrant ci: alice, bob", promoted.GetProperty("gates")[0].GetProperty("detail").GetString());

        // A metric gate against the champion: the better version passes, then the worse one is refused.
        var accuracy = new[] { v1, v2 }.Select(v => (Version: v.GetProperty("version").GetInt64(), Value: v.GetProperty("metrics").GetProperty("val_accuracy").GetDouble())).ToList();
        var (worse, better) = accuracy[0].Value <= accuracy[1].Value ? (accuracy[0], accuracy[1]) : (accuracy[1], accuracy[0]);
        Assert.Equal(0, (await RunAsync(ops, "models", "gate", "churn", "champion", "--metric", "val_accuracy >= champion")).ExitCode);
        Assert.Equal(0, (await RunAsync(ci, "models", "promote", "churn", better.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), "--to", "champion")).ExitCode);
        Assert.True(worse.Value < better.Value, $"the demo's runs should differ in val_accuracy: {worse} {better}");
        var worseRefused = await RunAsync(ci, "models", "promote", "churn", worse.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), "--to", "champion");
        Assert.True(worseRefused.ExitCode == 6, worseRefused.ToString());
        Assert.Contains("is not >= champion", worseRefused.Stdout, StringComparison.Ordinal);

        // A deployment, and everything in models show.
        Assert.Equal(0, (await RunAsync(ci, "models", "deploy", "churn", "1", "--environment", "prod-eu")).ExitCode);
        var show = await JsonAsync(grafana, "models", "show", "churn");
        Assert.Equal(1, show.GetProperty("aliases").GetProperty("production").GetInt64());
        Assert.Equal(better.Version, show.GetProperty("aliases").GetProperty("champion").GetInt64());
        Assert.Equal(["alice", "bob"], show.GetProperty("approvals").EnumerateArray().Select(a => a.GetProperty("actor").GetString()));
        Assert.Equal(["champion", "production"], show.GetProperty("gates").EnumerateArray().Select(g => g.GetProperty("alias").GetString()));
        Assert.True(show.GetProperty("promotions").GetArrayLength() >= 4);
        Assert.Equal("prod-eu", Assert.Single(show.GetProperty("deployments").EnumerateArray().ToList()).GetProperty("environment").GetString());
        var showHuman = await RunAsync(grafana, "models", "show", "churn");
        Assert.True(showHuman.ExitCode == 0, showHuman.ToString());
        Assert.Contains("2 approval(s)", showHuman.Stdout, StringComparison.Ordinal);
        Assert.Contains("prod-eu", showHuman.Stdout, StringComparison.Ordinal);

        // One version, one answer: its run and who registered it, who approved it and why, the gates' verdicts, when it
        // was promoted where, where it is deployed, and the audit entries behind each fact (sequenced within a second).
        var story = await Eventually.UntilAsync(() => JsonAsync(grafana, "models", "show", "churn", "--version", "1"),
            s => s.GetProperty("audit").EnumerateArray().Any(e => e.GetProperty("action").GetString() == "deployment.record"),
            s => "the deployment's audit entry was not sequenced yet: " + s, ReloadWait);
        Assert.Equal((runs[0], "ci"), (story.GetProperty("runId").GetString(), story.GetProperty("createdBy").GetString()));
        Assert.Contains("production", story.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(("production", "promote"), story.GetProperty("aliasMoves").EnumerateArray().Select(m => (m.GetProperty("alias").GetString(), m.GetProperty("reason").GetString())).First());
        Assert.Equal([("alice", "holdout checked"), ("bob", "")], story.GetProperty("approvals").EnumerateArray().Select(a => (a.GetProperty("actor").GetString(), a.GetProperty("comment").GetString())));
        Assert.Equal([false, false, true], story.GetProperty("promotions").EnumerateArray().Where(p => p.GetProperty("alias").GetString() == "production").Select(p => p.GetProperty("promoted").GetBoolean()));
        Assert.Equal("prod-eu", Assert.Single(story.GetProperty("deployments").EnumerateArray().ToList()).GetProperty("environment").GetString());
        var backing = story.GetProperty("audit").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        foreach (var action in new[] { "model.register", "approval.approve", "promotion.refuse", "promotion.promote", "alias.move", "deployment.record" })
        {
            Assert.Contains(action, backing);
        }

        var storyHuman = await RunAsync(grafana, "models", "show", "churn", "--version", "1");
        Assert.True(storyHuman.ExitCode == 0, storyHuman.ToString());
        Assert.Contains("audit entries", storyHuman.Stdout, StringComparison.Ordinal);
        Assert.Contains("holdout checked", storyHuman.Stdout, StringComparison.Ordinal);

        // Every promotion that moved an alias and the deployment reached the webhook, signed with the file's secret.
        await Eventually.UntilAsync(() => hook.Requests.Count >= 3, "the webhook heard of two moves and a deployment", ReloadWait);
        Assert.All(hook.Requests, r => Assert.Equal(
            "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(WebhookSecret), r.Body)),
            r.Headers["X-Otel-Track-Signature"]));
        Assert.Equal(["alias.moved", "deployment.recorded"], hook.Requests.Select(r => r.Headers["X-Otel-Track-Event"]).Distinct().Order(StringComparer.Ordinal));

        async Task<string> KeyAsync(string scope, string name, params string[] extra)
        {
            var created = await CliProcess.RunAsync(temp.Path, ["keys", "create", "--data", data, "--scope", scope, "--name", name, "--json", .. extra]);
            Assert.True(created.ExitCode == 0, created.ToString());
            using var json = JsonDocument.Parse(created.Stdout);
            return json.RootElement.GetProperty("key").GetString()!;
        }

        Task<CliResult> RunAsync(string? apiKey, params string[] args)
        {
            var info = CliProcess.StartInfo(temp.Path, [.. args, "--endpoint", serve.Endpoint]);
            if (apiKey is not null)
            {
                info.Environment["OTEL_TRACK_API_KEY"] = apiKey;
            }

            return CliProcess.RunStartedAsync(info);
        }

        async Task<JsonElement> JsonAsync(string? apiKey, params string[] args)
        {
            var result = await RunAsync(apiKey, [.. args, "--json"]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return JsonDocument.Parse(result.Stdout).RootElement.Clone();
        }
    }

    private static void AssertDenied(CliResult result, string expected)
    {
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }
}

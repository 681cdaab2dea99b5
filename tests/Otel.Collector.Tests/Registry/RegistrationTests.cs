using System.Net;
using System.Text.Json;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Tests.Registry;

/// <summary>POST /api/models/{name}/versions on a real collector: what a version freezes, its numbering, idempotency and every refusal.</summary>
public sealed class RegistrationTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Register_FromAFinishedRun_FreezesTheRun_AndALaterChangeOfTheRunLeavesTheVersionAsItWas()
    {
        await using var collector = await RegistryCollector.StartAsync("registry_register_freeze");
        var run = await collector.SeedRunAsync("churn-exp");

        var (status, body) = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions",
            new ModelRegistration { RunId = run.RunId, Artifact = run.ArtifactPath, Description = "first", Tags = new() { ["team"] = "risk" } });
        await collector.ChangeRunAsync("churn-exp", run.RunId);
        var (_, later) = await collector.SendAsync(HttpMethod.Get, "api/models/churn/versions/1");

        Assert.Equal(HttpStatusCode.Created, status);
        foreach (var version in new[] { Read(body), Read(later) })
        {
            Assert.Equal(("churn", 1L, run.RunId, "churn-exp"), (version.Name, version.Version, version.RunId, version.Experiment));
            Assert.Equal(new ModelArtifact("model.bin", run.Sha256, run.Bytes.Length), version.Artifact);
            Assert.Equal(0.9, version.Metrics["accuracy"]);
            Assert.Equal("0.1", version.Params["lr"]);
            Assert.Equal("registry-trainer", version.Provenance["service.name"]);
            Assert.Equal([new ModelDataset("train.csv", RegistryRuns.DatasetDigest, "training")], version.Datasets);
            Assert.Equal(("first", "risk", "alice", false), (version.Description, version.Tags["team"], version.CreatedBy, version.Archived));
        }
    }

    [Fact]
    public async Task Register_TheSameRunAndArtifactAgain_AnswersTheExistingVersionWith200AndWritesNothing()
    {
        await using var collector = await RegistryCollector.StartAsync("registry_register_idempotent");
        var run = await collector.SeedRunAsync("churn-exp");
        var request = new ModelRegistration { RunId = run.RunId, Artifact = run.ArtifactPath };

        var first = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions", request);
        var bySha = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions", new ModelRegistration { RunId = run.RunId, Artifact = run.Sha256 });
        var (_, detail) = await collector.SendAsync(HttpMethod.Get, "api/models/churn");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.Status, bySha.Status));
        Assert.Equal(1, Read(bySha.Body).Version);
        Assert.Single(detail.GetProperty("versions").EnumerateArray());
        var rows = System.Text.Encoding.UTF8.GetString(await collector.Store.QueryAsync(
            "SELECT count() FROM ml_model_versions", "TabSeparated", null, Cancellation).Within()).Trim();
        Assert.Equal("1", rows);
    }

    [Fact]
    public async Task Register_FourIdenticalCallsRacing_MakeOneVersion_OneCreatedAndThreeExisting()
    {
        await using var collector = await RegistryCollector.StartAsync("registry_register_race");
        var run = await collector.SeedRunAsync("churn-exp");
        var request = new ModelRegistration { RunId = run.RunId, Artifact = run.ArtifactPath };

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => collector.SendAsync(HttpMethod.Post, "api/models/churn/versions", request)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Created], answers.Select(a => a.Status).Order());
        Assert.All(answers, a => Assert.Equal(1, Read(a.Body).Version));
        Assert.Equal("1", System.Text.Encoding.UTF8.GetString(await collector.Store.QueryAsync(
            "SELECT count() FROM ml_model_versions", "TabSeparated", null, Cancellation).Within()).Trim());
    }

    [Fact]
    public async Task Register_ConcurrentlyFromEightRuns_NumbersOneToEightWithoutGaps()
    {
        await using var collector = await RegistryCollector.StartAsync("registry_register_concurrent");
        var runs = new List<RegistryRuns.SeededRun>();
        for (var i = 0; i < 8; i++)
        {
            runs.Add(await collector.SeedRunAsync("churn-exp"));
        }

        var answers = await Task.WhenAll(runs.Select(run =>
            collector.SendAsync(HttpMethod.Post, "api/models/churn/versions", new ModelRegistration { RunId = run.RunId, Artifact = run.ArtifactPath })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Equal(Enumerable.Range(1, 8).Select(v => (long)v), answers.Select(a => Read(a.Body).Version).Order());
        Assert.Equal(runs.Select(r => r.RunId).Order(), answers.Select(a => Read(a.Body).RunId).Order());
        var (_, list) = await collector.SendAsync(HttpMethod.Get, "api/models");
        Assert.Equal(8, list[0].GetProperty("latestVersion").GetInt64());
    }

    [Fact]
    public async Task Register_BadInput_EachGetsItsStatusAndSaysWhatToDo_AndNothingIsWritten()
    {
        await using var collector = await RegistryCollector.StartAsync("registry_register_refusals");
        var run = await collector.SeedRunAsync("churn-exp");
        var notUploaded = await collector.SeedRunAsync("churn-exp", upload: false);
        var running = await collector.SeedRunAsync("churn-exp", finished: false);

        var cases = new (string Name, ModelRegistration Body, HttpStatusCode Status, string Says)[]
        {
            ("churn", new() { RunId = "no-such-run", Artifact = "model.bin" }, HttpStatusCode.NotFound, "runs list"),
            ("churn", new() { RunId = run.RunId, Artifact = "other.bin" }, HttpStatusCode.NotFound, "model.bin"),
            ("churn", new() { RunId = notUploaded.RunId, Artifact = "model.bin" }, HttpStatusCode.Conflict, "not in the artifact store"),
            ("churn", new() { RunId = running.RunId, Artifact = "model.bin" }, HttpStatusCode.Conflict, "RUNNING"),
            ("bad name!", new() { RunId = run.RunId, Artifact = "model.bin" }, HttpStatusCode.BadRequest, "not a model name"),
            ("resolve", new() { RunId = run.RunId, Artifact = "model.bin" }, HttpStatusCode.BadRequest, "reserved"),
            (new string('m', 129), new() { RunId = run.RunId, Artifact = "model.bin" }, HttpStatusCode.BadRequest, "1 to 128"),
            ("churn", new() { RunId = run.RunId }, HttpStatusCode.BadRequest, "needs runId and artifact"),
        };
        foreach (var (name, body, expected, says) in cases)
        {
            var (status, error) = await collector.SendAsync(HttpMethod.Post, $"api/models/{Uri.EscapeDataString(name)}/versions", body);
            Assert.True(expected == status, $"{name} {body}: {status} {error}");
            Assert.Contains(says, error.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        using var malformed = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        using var response = await collector.Api.PostAsync("api/models/churn/versions", malformed, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("0", System.Text.Encoding.UTF8.GetString(await collector.Store.QueryAsync(
            "SELECT count() FROM ml_model_versions", "TabSeparated", null, Cancellation).Within()).Trim());
    }

    [Fact]
    public async Task VersionPaths_NotANumber_Answer400NamingIt_AndAVersionWithoutBaseline404SayingHowToLogOne()
    {
        await using var collector = await RegistryCollector.StartAsync("registry_version_paths");
        var run = await collector.SeedRunAsync("churn-exp");
        await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions", new ModelRegistration { RunId = run.RunId, Artifact = run.ArtifactPath });

        foreach (var path in new[] { "versions/abc", "versions/0", "versions/-1/artifact", "versions/x/baseline", "versions/1.5/approvals" })
        {
            var method = path.EndsWith("approvals", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get;
            var (status, error) = await collector.SendAsync(method, $"api/models/churn/{path}", method == HttpMethod.Post ? new ApprovalRequest() : null);
            Assert.True(status == HttpStatusCode.BadRequest, $"{path}: {status} {error}");
            Assert.Contains("is not a version number", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        var (missing, answer) = await collector.SendAsync(HttpMethod.Get, "api/models/churn/versions/1/baseline");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Contains("has no baseline", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await collector.SendAsync(HttpMethod.Get, "api/models/churn/versions/2/baseline")).Status);
    }

    [Fact]
    public async Task Register_BlobCorruptedInTheStore_IsRefusedAsAChecksumMismatch()
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "registry-corrupt-" + Guid.NewGuid().ToString("N"));
        await using var collector = await RegistryCollector.StartAsync("registry_register_corrupt", artifactDirectory: artifacts);
        try
        {
            var run = await collector.SeedRunAsync("churn-exp");
            var blob = Path.Combine(artifacts, "sha256", run.Sha256[..2], run.Sha256[2..]);
            await File.WriteAllBytesAsync(blob, [.. run.Bytes.Take(100)], Cancellation);

            var (status, error) = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions", new ModelRegistration { RunId = run.RunId, Artifact = "model.bin" });

            Assert.Equal(HttpStatusCode.Conflict, status);
            Assert.Contains("corrupt", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }

    private static ModelVersion Read(JsonElement body) => body.Deserialize<ModelVersion>(QueryJson.Options)!;
}

using System.Text.Json;
using OpenTelemetry.Proto.Common.V1;
using static Otel.Collector.Tests.EndToEnd.OtlpSpans;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>Provenance, completeness, datasets, artifacts, lineage, CI attempts, diff and stats through a real collector.</summary>
public sealed class ProvenanceEndToEndTests
{
    private const string Digest = "a3f1c0ffee0000000000000000000000000000000000000000000000000000aa";
    private const string ModelSha = "b4e2c0ffee0000000000000000000000000000000000000000000000000000bb";

    private static KeyValue[] Resource(string commit, bool dirty, string ciRun, string attempt) =>
    [
        Attr("service.name", "trainer"),
        Attr("vcs.ref.head.revision", commit.ToUpperInvariant()),
        Attr("vcs.repository.url.full", "https://github.com/acme/model"),
        Attr("ml.vcs.dirty", dirty),
        Attr("process.runtime.version", "10.0.4"),
        Attr("cicd.pipeline.run.id", ciRun),
        Attr("ml.cicd.run.attempt", attempt),
        Attr("ml.process.packages", "[\"Newtonsoft.Json/13.0.3\",\"OpenTelemetry/1.20.1\"]"),
    ];

    private static async Task SendRunAsync(RunningCollector collector, string runId, string experiment, string runName, KeyValue[] resource,
        bool withDataset, double lr, double accuracy, string? reproduces = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var extra = new List<KeyValue> { Attr("ml.param.lr", lr), Attr("ml.run.seed", 42L) };
        if (reproduces is not null)
        {
            extra.Add(Attr("ml.run.reproduces", reproduces));
        }

        var start = RunSpan("ml.run.start", runId, experiment, runName, [.. extra]);
        var end = RunSpan("ml.run", runId, experiment, runName, [.. extra]);
        end.Events.Add(Event("ml.metric", Attr("ml.metric.key", "accuracy"), Attr("ml.metric.value", accuracy), Attr("ml.metric.step", 1L)));
        if (withDataset)
        {
            end.Events.Add(Event("ml.dataset", Attr("ml.dataset.name", "train.csv"), Attr("ml.dataset.digest", Digest),
                Attr("ml.dataset.uri", "file:///data/train.csv"), Attr("ml.dataset.context", "training"), Attr("ml.dataset.rows", 1000L)));
        }

        end.Events.Add(Event("ml.artifact", Attr("ml.artifact.path", "model.json"), Attr("ml.artifact.sha256", ModelSha),
            Attr("ml.artifact.size", 2048L), Attr("ml.artifact.kind", "model"), Attr("ml.artifact.uri", "otel-track://artifacts/sha256/" + ModelSha)));
        await SendAsync(collector.Api, Request(resource, start, end), ct);
    }

    [Fact]
    public async Task RunShow_CarriesProvenanceCompletenessDatasetsArtifactsAndAttempts()
    {
        await using var collector = await RunningCollector.StartAsync("provenance_show");
        var experiment = "prov-" + Guid.NewGuid().ToString("N");
        await SendRunAsync(collector, "attempt-1", experiment, "train", Resource("abc123", dirty: false, "ci-77", "1"), withDataset: true, 0.1, 0.9);
        await SendRunAsync(collector, "attempt-2", experiment, "train", Resource("abc123", dirty: false, "ci-77", "2"), withDataset: true, 0.1, 0.91);
        await SendRunAsync(collector, "dirty-run", experiment, "other", Resource("abc123", dirty: true, "ci-78", "1"), withDataset: false, 0.2, 0.8);

        var show = await RunningCollector.EventuallyAsync(() => collector.GetRunAsync("attempt-2"), r => r.Completeness is not null, TimeSpan.FromSeconds(10));
        Assert.Equal(1.0, show.Completeness);
        Assert.Empty(show.MissingMetadata);
        Assert.Equal("abc123", show.Provenance["vcs.ref.head.revision"]);
        Assert.Equal("https://github.com/acme/model", show.Provenance["vcs.repository.url.full"]);
        Assert.Equal("ci-77", show.Provenance["cicd.pipeline.run.id"]);
        Assert.Equal("42", show.Provenance["ml.run.seed"]);
        Assert.True(show.Provenance.ContainsKey("ml.collector.version"));
        Assert.True(show.Provenance.ContainsKey("ml.collector.received_at"));
        var dataset = Assert.Single(show.Datasets);
        Assert.Equal(("train.csv", Digest, "file:///data/train.csv", "training", 1000L), (dataset.Name, dataset.Digest, dataset.Uri, dataset.Context, dataset.Rows!.Value));
        var artifact = Assert.Single(show.Artifacts);
        Assert.Equal(("model.json", ModelSha, 2048L, "model"), (artifact.Path, artifact.Sha256, artifact.Size, artifact.Kind));
        Assert.Equal(2, show.Attempts);
        Assert.Equal(["attempt-1", "attempt-2"], show.AttemptIds.Order(StringComparer.Ordinal).ToList());

        var dirty = await RunningCollector.EventuallyAsync(() => collector.GetRunAsync("dirty-run"), r => r.Completeness is not null, TimeSpan.FromSeconds(10));
        Assert.Equal(0.6, dirty.Completeness!.Value, 6);
        Assert.Equal(["clean_tree", "dataset_digest"], dirty.MissingMetadata);

        // Lists show the latest attempt with the count; earlier attempts stay reachable.
        var listed = await collector.ListRunsAsync(experiment);
        Assert.Equal(["attempt-2", "dirty-run"], listed.Select(r => r.Id).Order());
        Assert.Equal(2, listed.Single(r => r.Id == "attempt-2").Attempts);
        var all = await collector.GetJsonAsync($"api/runs?experiment={experiment}&allAttempts=true");
        Assert.Equal(3, all.GetArrayLength());
        Assert.Equal("attempt-1", (await collector.GetRunAsync("attempt-1")).Id);

        var stats = await collector.GetJsonAsync($"api/stats?experiment={experiment}");
        Assert.Equal(3, stats.GetProperty("runs").GetInt64());
        Assert.Equal(1.0 / 3, stats.GetProperty("duplicateFraction").GetDouble(), 9);
    }

    [Fact]
    public async Task Lineage_FollowsDatasetRunArtifact_BothDirections()
    {
        await using var collector = await RunningCollector.StartAsync("lineage");
        var experiment = "lin-" + Guid.NewGuid().ToString("N");
        await SendRunAsync(collector, "trainer-run", experiment, "train", Resource("abc", false, "ci-1", "1"), withDataset: true, 0.1, 0.9);

        var byRun = await collector.GetJsonAsync("api/lineage/trainer-run");
        Assert.Equal("run", byRun.GetProperty("node").GetProperty("type").GetString());
        Assert.Equal(Digest, byRun.GetProperty("producedBy")[0].GetProperty("id").GetString());
        Assert.Equal(ModelSha, byRun.GetProperty("produced")[0].GetProperty("id").GetString());

        var byDataset = await collector.GetJsonAsync("api/lineage/" + Digest);
        Assert.Equal("dataset", byDataset.GetProperty("node").GetProperty("type").GetString());
        Assert.Equal("trainer-run", byDataset.GetProperty("produced")[0].GetProperty("id").GetString());
        Assert.Equal("train", byDataset.GetProperty("produced")[0].GetProperty("name").GetString());

        var byArtifact = await collector.GetJsonAsync("api/lineage/" + ModelSha);
        Assert.Equal("artifact", byArtifact.GetProperty("node").GetProperty("type").GetString());
        Assert.Equal("trainer-run", byArtifact.GetProperty("producedBy")[0].GetProperty("id").GetString());

        using var unknown = await collector.Api.GetAsync("api/lineage/nothing-like-this", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);

        var users = await collector.GetJsonAsync($"api/runs?dataset={Digest}");
        Assert.Equal("trainer-run", Assert.Single(users.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task DiffAndReproducibility_ShowWhatDiffers()
    {
        await using var collector = await RunningCollector.StartAsync("diff");
        var experiment = "diff-" + Guid.NewGuid().ToString("N");
        await SendRunAsync(collector, "original", experiment, "train", Resource("abc", false, "ci-1", "1"), withDataset: true, 0.1, 0.9);
        await SendRunAsync(collector, "copy", experiment, "train", Resource("abd", true, "ci-2", "1"), withDataset: false, 0.2, 0.9, reproduces: "original");
        await SendRunAsync(collector, "exact", experiment, "train", Resource("abc", false, "ci-3", "1"), withDataset: true, 0.1, 0.9, reproduces: "original");

        var diff = await collector.GetJsonAsync("api/runs/diff?a=original&b=copy");
        Assert.Equal("abc", diff.GetProperty("code").GetProperty("vcs.ref.head.revision").GetProperty("a").GetString());
        Assert.Equal("abd", diff.GetProperty("code").GetProperty("vcs.ref.head.revision").GetProperty("b").GetString());
        Assert.Equal("0.2", diff.GetProperty("config").GetProperty("lr").GetProperty("b").GetString());
        Assert.Equal(JsonValueKind.Null, diff.GetProperty("data").GetProperty("training:train.csv").GetProperty("b").ValueKind);
        Assert.False(diff.GetProperty("metrics").TryGetProperty("accuracy", out _));
        Assert.False(diff.GetProperty("identical").GetBoolean());

        var same = await collector.GetJsonAsync("api/runs/diff?a=original&b=exact");
        Assert.True(same.GetProperty("identical").GetBoolean(), same.ToString());

        var stats = await collector.GetJsonAsync($"api/stats?experiment={experiment}");
        Assert.Equal(2, stats.GetProperty("reproductions").GetInt32());
        Assert.Equal(1.0, stats.GetProperty("reproducibilityRate").GetDouble());
        Assert.Equal("original", (await collector.GetRunAsync("copy")).Reproduces);
    }
}

using System.Net;
using System.Text.Json;
using Otel.Collector.Tests.Infrastructure;
using static Otel.Collector.Tests.EndToEnd.OtlpSpans;
using static Otel.Collector.Tests.Lifecycle.LifecycleApi;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary><c>GET /api/resolve</c> on a real collector: exact ids win, unique prefixes of 6+ characters resolve, and every other answer says why.</summary>
public sealed class ResolveApiTests
{
    private const string Experiment = "resolve";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Resolve_ExactIdsOfAnyLengthAndUniquePrefixes_ResolveDeletedRunsToo()
    {
        await using var collector = await RunningCollector.StartAsync("resolve_exact");
        await SendRunsAsync(collector, Experiment, ("r1", 0.1), ("sweep", 0.2), ("sweep/trial-1", 0.3), ("sweep/trial-2", 0.4), ("a1b2c3d4e5f6aaaa", 0.5), ("ffee00112233", 0.6));
        await OkAsync(PostAsync(collector, "ffee00112233", "delete"));

        Assert.Equal((HttpStatusCode.OK, "r1"), await ResolvedAsync(collector, "r1"));
        Assert.Equal((HttpStatusCode.OK, "sweep"), await ResolvedAsync(collector, "sweep"));
        Assert.Equal((HttpStatusCode.OK, "sweep/trial-1"), await ResolvedAsync(collector, "sweep/trial-1"));
        Assert.Equal((HttpStatusCode.OK, "a1b2c3d4e5f6aaaa"), await ResolvedAsync(collector, "a1b2c3"));
        Assert.Equal((HttpStatusCode.OK, "ffee00112233"), await ResolvedAsync(collector, "ffee00", "&kind=run"));

        var (_, answer) = await ResolveAsync(collector, "a1b2c3d4");
        Assert.Equal(("run", Experiment, "a1b2c3d4e5f6aaaa"), (answer.GetProperty("kind").GetString(), answer.GetProperty("experiment").GetString(), answer.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Resolve_AmbiguousPrefix_409WithCandidatesCutWhereTheyDiffer()
    {
        await using var collector = await RunningCollector.StartAsync("resolve_ambiguous");
        var many = Enumerable.Range(0, 12).Select(i => ($"manyruns-{i:D2}", 0.1 * i)).ToArray();
        await SendRunsAsync(collector, Experiment, [("a1b2c3d4e5f6aaaa", 0.5), ("a1b2c3d4e5f6bbbb", 0.6), ("sweep/trial-1", 0.3), ("sweep/trial-2", 0.4), .. many]);

        var (status, answer) = await ResolveAsync(collector, "a1b2c3");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(
            "'a1b2c3' matches 2 runs: a1b2c3d4e5f6a… (resolve / a1b2c3d4e5f6aaaa, 2026-01-01 00:00Z), a1b2c3d4e5f6b… (resolve / a1b2c3d4e5f6bbbb, 2026-01-01 00:00Z); type more characters",
            answer.GetProperty("error").GetString());
        Assert.Equal(["a1b2c3d4e5f6aaaa", "a1b2c3d4e5f6bbbb"], answer.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(2, answer.GetProperty("total").GetInt64());

        // A '/' in ids is just a character; shown whole when the whole id is needed to tell them apart.
        (status, answer) = await ResolveAsync(collector, "sweep/");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.StartsWith("'sweep/' matches 2 runs: sweep/trial-1 (resolve / sweep/trial-1, ", answer.GetProperty("error").GetString(), StringComparison.Ordinal);

        (status, answer) = await ResolveAsync(collector, "manyruns");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(10, answer.GetProperty("candidates").GetArrayLength());
        Assert.Equal(12, answer.GetProperty("total").GetInt64());
        Assert.EndsWith(", and 2 more; type more characters", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_NothingTooShortOrBadRequest_SaysWhatWasSearched()
    {
        await using var collector = await RunningCollector.StartAsync("resolve_none");
        await SendRunsAsync(collector, Experiment, ("a1b2c3d4e5f6aaaa", 0.5));

        Assert.Equal(
            (HttpStatusCode.NotFound, "unknown run id 'zzzzzzzz': list runs with `otel-track runs list`"),
            await ErrorAsync(collector, "zzzzzzzz", "&kind=run"));
        Assert.Equal(
            (HttpStatusCode.BadRequest, "unknown run id 'a1b2c': no run has this id, and a prefix needs at least 6 characters; list runs with `otel-track runs list`"),
            await ErrorAsync(collector, "a1b2c", "&kind=run"));
        Assert.Equal(HttpStatusCode.NotFound, (await ErrorAsync(collector, "zzzzzzzz", "&kind=dataset")).Status);
        Assert.StartsWith("no dataset digest is or starts with 'zzzzzzzz'", (await ErrorAsync(collector, "zzzzzzzz", "&kind=dataset")).Error, StringComparison.Ordinal);
        Assert.StartsWith("'zzzzzzzz' is neither a run id, a dataset digest nor an artifact sha256", (await ErrorAsync(collector, "zzzzzzzz")).Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await ErrorAsync(collector, "a1b2c3", "&kind=model")).Status);
        using var bare = await collector.Api.GetAsync("api/resolve", Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
    }

    [Fact]
    public async Task Resolve_DatasetDigestsAndArtifactHashes_ByKindOrAny()
    {
        await using var collector = await RunningCollector.StartAsync("resolve_assets");
        const string Digest = "d1d2d3d4e5e6f7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70";
        const string Sha = "5a5a5a0011223344556677889900aabbccddeeff00112233445566778899aabb";
        var producer = RunSpan("ml.run", "producer-run", Experiment, "producer");
        producer.Events.Add(Event("ml.dataset", Attr("ml.dataset.name", "train.csv"), Attr("ml.dataset.digest", Digest), Attr("ml.dataset.context", "training")));
        producer.Events.Add(Event("ml.artifact", Attr("ml.artifact.path", "model.bin"), Attr("ml.artifact.sha256", Sha), Attr("ml.artifact.size", 3L),
            Attr("ml.artifact.kind", "model"), Attr("ml.artifact.uri", "otel-track://artifacts/sha256/" + Sha)));
        // The next run reads the model the first produced: the same value is a dataset digest and an artifact hash.
        var consumer = RunSpan("ml.run", "consumer-run", Experiment, "consumer");
        consumer.Events.Add(Event("ml.dataset", Attr("ml.dataset.name", "model.bin"), Attr("ml.dataset.digest", Sha), Attr("ml.dataset.context", "input")));
        await SendAsync(collector.Api, Request([Attr("service.name", "trainer")], RunSpan("ml.run.start", "producer-run", Experiment, "producer"), producer,
            RunSpan("ml.run.start", "consumer-run", Experiment, "consumer"), consumer), Cancellation);

        Assert.Equal((HttpStatusCode.OK, Digest), await ResolvedAsync(collector, "d1d2d3", "&kind=dataset"));
        Assert.Equal((HttpStatusCode.OK, Sha), await ResolvedAsync(collector, "5A5A5A00", "&kind=artifact"));
        Assert.Equal((HttpStatusCode.OK, Digest), await ResolvedAsync(collector, "d1d2d3d4"));
        Assert.Equal((HttpStatusCode.OK, "producer-run"), await ResolvedAsync(collector, "producer-run"));

        var (status, answer) = await ResolveAsync(collector, "5a5a5a");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((Sha, "artifact", "model.bin"), (answer.GetProperty("id").GetString(), answer.GetProperty("kind").GetString(), answer.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await ErrorAsync(collector, "d1d2d3", "&kind=artifact")).Status);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Answer)> ResolveAsync(RunningCollector collector, string prefix, string extra = "")
    {
        using var response = await collector.Api.GetAsync($"api/resolve?prefix={Uri.EscapeDataString(prefix)}{extra}", Cancellation).WaitAsync(TestTimeouts.Default, Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    private static async Task<(HttpStatusCode Status, string? Id)> ResolvedAsync(RunningCollector collector, string prefix, string extra = "")
    {
        var (status, answer) = await ResolveAsync(collector, prefix, extra);
        return (status, answer.TryGetProperty("id", out var id) ? id.GetString() : answer.ToString());
    }

    private static async Task<(HttpStatusCode Status, string? Error)> ErrorAsync(RunningCollector collector, string prefix, string extra = "")
    {
        var (status, answer) = await ResolveAsync(collector, prefix, extra);
        return (status, answer.GetProperty("error").GetString());
    }
}

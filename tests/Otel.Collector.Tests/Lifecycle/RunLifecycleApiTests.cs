using System.Net;
using Otel.Collector.Tests.EndToEnd;
using Otel.Tracking.Query;
using static Otel.Collector.Tests.Lifecycle.LifecycleApi;

namespace Otel.Collector.Tests.Lifecycle;

/// <summary>A real collector: runs changed after the fact through the API, what the lists then show, and the audit entries.</summary>
public sealed class RunLifecycleApiTests
{
    [Fact]
    public async Task ArchiveDeleteRestore_DefaultListHidesThem_AndStateFiltersShowThem()
    {
        await using var collector = await RunningCollector.StartAsync("lifecycle_states");
        const string Experiment = "lifecycle-states";
        await SendRunsAsync(collector, Experiment, ("keep", 0.3), ("shelve", 0.1), ("drop", 0.2));

        Assert.Equal(RunLifecycleStates.Archived, (await OkAsync(PostAsync(collector, "shelve", "archive"))).State);
        var deleted = await OkAsync(PostAsync(collector, "drop", "delete"));
        Assert.Equal((RunLifecycleStates.Deleted, true), (deleted.State, deleted.Changed));

        Assert.Equal(["keep"], await ListIdsAsync(collector, Experiment));
        Assert.Equal(["shelve"], await ListIdsAsync(collector, Experiment, "archived"));
        Assert.Equal(["drop"], await ListIdsAsync(collector, Experiment, "deleted"));
        Assert.Equal(["drop", "keep", "shelve"], await ListIdsAsync(collector, Experiment, "all"));
        var board = await collector.GetJsonAsync($"api/leaderboard?experiment={Experiment}&metric=val_loss&order=asc");
        Assert.Equal(["keep"], board.EnumerateArray().Select(e => e.GetProperty("runId").GetString()));
        var experiments = await collector.GetJsonAsync("api/experiments");
        Assert.Equal(1, experiments.EnumerateArray().Single(e => e.GetProperty("name").GetString() == Experiment).GetProperty("runs").GetInt64());

        // Still reachable, and saying what it is.
        var shown = await collector.GetRunAsync("drop");
        Assert.Equal(RunLifecycleStates.Deleted, shown.State);
        Assert.Equal(0.2, shown.Metrics["val_loss"]);

        var restored = await OkAsync(PostAsync(collector, "drop", "restore"));
        Assert.Equal((RunLifecycleStates.Active, true), (restored.State, restored.Changed));
        Assert.Equal(["drop", "keep"], await ListIdsAsync(collector, Experiment));

        var audit = await AuditAsync(collector.Store, "run.");
        Assert.Equal(
            [("run.archived", "run:shelve"), ("run.deleted", "run:drop"), ("run.restored", "run:drop")],
            audit.Select(a => (a.Action, a.Target)).Order());
        Assert.All(audit, a => Assert.Equal(Otel.Collector.Security.RequestActor.Anonymous, a.Actor));
    }

    [Fact]
    public async Task RenameNoteAndTags_ShowInListShowCompareAndLineage_AndAreAudited()
    {
        await using var collector = await RunningCollector.StartAsync("lifecycle_rename");
        const string Experiment = "lifecycle-rename";
        await SendRunsAsync(collector, Experiment, ("r1", 0.3), ("r2", 0.1));
        collector.Api.DefaultRequestHeaders.Add(Otel.Collector.Security.RequestActor.UserHeader, "alice");

        var renamed = await OkAsync(PatchAsync(collector, "r1", """{"name": "baseline-v2", "note": "## Why\nThe **first** baseline."}"""));
        Assert.Equal(("baseline-v2", "## Why\nThe **first** baseline."), (renamed.Name, renamed.Note));
        var tagged = await OkAsync(TagAsync(collector, "r1", "stage", "candidate"));
        Assert.Equal("candidate", tagged.Tags["stage"]);
        var retagged = await OkAsync(TagAsync(collector, "r1", "team", "nlp"));
        Assert.Equal("nlp", retagged.Tags["team"]);
        var untagged = await OkAsync(UntagAsync(collector, "r1", "stage"));
        Assert.False(untagged.Tags.ContainsKey("stage"));

        var listed = (await collector.ListRunsAsync(Experiment)).Single(r => r.Id == "r1");
        Assert.Equal("baseline-v2", listed.Name);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "nlp" }, listed.Tags);
        var shown = await collector.GetRunAsync("r1");
        Assert.Equal(("baseline-v2", "## Why\nThe **first** baseline."), (shown.Name, shown.Note));
        var compared = await collector.GetJsonAsync("api/runs/compare?id=r1&id=r2");
        Assert.Contains("baseline-v2", compared.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        var lineage = await collector.GetJsonAsync("api/lineage/r1");
        Assert.Contains("baseline-v2", lineage.ToString(), StringComparison.Ordinal);

        // The same change again changes nothing and records nothing.
        var again = await OkAsync(PatchAsync(collector, "r1", """{"name": "baseline-v2"}"""));
        Assert.False(again.Changed);
        Assert.False((await OkAsync(UntagAsync(collector, "r1", "stage"))).Changed);

        var audit = await AuditAsync(collector.Store, "run.");
        Assert.Equal(["run.noted", "run.renamed", "run.tagged", "run.tagged", "run.untagged"], audit.Select(a => a.Action).Order(StringComparer.Ordinal));
        Assert.All(audit, a => Assert.Equal(("alice", "run:r1"), (a.Actor, a.Target)));
    }

    [Fact]
    public async Task HoldAndRelease_AreIdempotent_AndShownOnTheRun()
    {
        await using var collector = await RunningCollector.StartAsync("lifecycle_hold");
        await SendRunsAsync(collector, "lifecycle-hold", ("evidence", 0.5));

        Assert.True((await OkAsync(PostAsync(collector, "evidence", "hold"))).Held);
        Assert.False((await OkAsync(PostAsync(collector, "evidence", "hold"))).Changed);
        Assert.True((await collector.GetRunAsync("evidence")).Held);
        var released = await OkAsync(PostAsync(collector, "evidence", "release"));
        Assert.Equal((false, true), (released.Held, released.Changed));

        Assert.Equal(["run.held", "run.released"], (await AuditAsync(collector.Store, "run.")).Select(a => a.Action).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task BadRequests_GetClearErrors_AndChangeNothing()
    {
        await using var collector = await RunningCollector.StartAsync("lifecycle_errors");
        await SendRunsAsync(collector, "lifecycle-errors", ("r", 0.5));

        var unknown = await RefusedAsync(PostAsync(collector, "nope", "archive"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("unknown run id 'nope'", unknown.Error, StringComparison.Ordinal);

        await OkAsync(PostAsync(collector, "r", "delete"));
        var conflict = await RefusedAsync(PostAsync(collector, "r", "archive"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Contains("restore it first", conflict.Error, StringComparison.Ordinal);

        var emptyName = await RefusedAsync(PatchAsync(collector, "r", """{"name": "  "}"""));
        Assert.Equal(HttpStatusCode.BadRequest, emptyName.Status);
        var notJson = await RefusedAsync(PatchAsync(collector, "r", "name=x"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.Status);
        Assert.Contains("is not a JSON body such as", notJson.Error, StringComparison.Ordinal);
        var nothing = await RefusedAsync(PatchAsync(collector, "r", "{}"));
        Assert.Contains("nothing to change", nothing.Error, StringComparison.Ordinal);
        var badState = await RefusedAsync(collector.Api.GetAsync("api/runs?state=gone", TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.BadRequest, badState.Status);

        var run = await collector.GetRunAsync("r");
        Assert.Equal(("r", RunLifecycleStates.Deleted), (run.Name, run.State));
        Assert.Equal(["run.deleted"], (await AuditAsync(collector.Store, "run.")).Select(a => a.Action));
    }
}

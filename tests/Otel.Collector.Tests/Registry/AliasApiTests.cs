using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Otel.Collector.Audit;
using Otel.Collector.Jobs;
using Otel.Collector.Sinks.Rows;
using Otel.Tracking.Query.Registry;

namespace Otel.Collector.Tests.Registry;

/// <summary>Aliases, history at a time, resolution and the artifact route over HTTP on a real collector.</summary>
public sealed class AliasApiTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task History_AtEachMomentOfSeveralMoves_AnswersExactlyWhereEachAliasPointed()
    {
        await using var collector = await RegistryCollector.StartAsync("registry_history");
        await RegisterAsync(collector, 3);

        var moves = new List<ModelAliasMove>();
        foreach (var (alias, version) in new[] { ("champion", 1L), ("staging", 2L), ("champion", 2L), ("champion", 3L) })
        {
            var (status, body) = await collector.SendAsync(HttpMethod.Put, $"api/models/churn/aliases/{alias}", new ModelAliasTarget(version));
            Assert.Equal(HttpStatusCode.OK, status);
            moves.Add(Read<ModelAliasMove>(body));
        }

        var (deleted, _) = await collector.SendAsync(HttpMethod.Delete, "api/models/churn/aliases/staging");
        var (_, all) = await collector.SendAsync(HttpMethod.Get, "api/models/churn/history");
        var log = Read<List<ModelAliasMove>>(all);
        var deleteMove = log[^1];

        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal(5, log.Count);
        Assert.Equal((0L, 2L, "delete"), (deleteMove.Version, deleteMove.PreviousVersion, deleteMove.Reason));
        Assert.Empty(await AtAsync(collector, moves[0].MovedAt.AddMilliseconds(-1)));
        Assert.Equal(new Dictionary<string, long> { ["champion"] = 1 }, await AtAsync(collector, moves[0].MovedAt));
        Assert.Equal(new Dictionary<string, long> { ["champion"] = 1, ["staging"] = 2 }, await AtAsync(collector, moves[1].MovedAt));
        Assert.Equal(new Dictionary<string, long> { ["champion"] = 2, ["staging"] = 2 }, await AtAsync(collector, moves[2].MovedAt));
        Assert.Equal(new Dictionary<string, long> { ["champion"] = 3, ["staging"] = 2 }, await AtAsync(collector, deleteMove.MovedAt.AddMilliseconds(-1)));
        Assert.Equal(new Dictionary<string, long> { ["champion"] = 3 }, await AtAsync(collector, deleteMove.MovedAt));
        var (_, now) = await collector.SendAsync(HttpMethod.Get, "api/models/churn");
        Assert.Equal(new Dictionary<string, long> { ["champion"] = 3 }, Read<ModelDetail>(now).Aliases);
    }

    [Fact]
    public async Task Aliases_RefusedCases_SayWhyAndChangeNothing()
    {
        await using var collector = await RegistryCollector.StartAsync("registry_alias_refused");
        await RegisterAsync(collector, 2);
        await collector.SendAsync(HttpMethod.Put, "api/models/churn/aliases/production", new ModelAliasTarget(1));
        await GateAsync(collector, "churn", "production");

        var cases = new (HttpMethod Method, string Path, object? Body, HttpStatusCode Status, string Says)[]
        {
            (HttpMethod.Put, "api/models/churn/aliases/production", new ModelAliasTarget(2), HttpStatusCode.Conflict, "models promote"),
            (HttpMethod.Delete, "api/models/churn/aliases/production", null, HttpStatusCode.Conflict, "models promote"),
            (HttpMethod.Put, "api/models/churn/aliases/champion", new ModelAliasTarget(9), HttpStatusCode.NotFound, "no version 9"),
            (HttpMethod.Put, "api/models/nope/aliases/champion", new ModelAliasTarget(1), HttpStatusCode.NotFound, "unknown model"),
            (HttpMethod.Delete, "api/models/churn/aliases/staging", null, HttpStatusCode.NotFound, "no alias 'staging'"),
            (HttpMethod.Put, "api/models/churn/aliases/latest", new ModelAliasTarget(1), HttpStatusCode.BadRequest, "reserved"),
            (HttpMethod.Put, "api/models/churn/aliases/archived", new ModelAliasTarget(1), HttpStatusCode.BadRequest, "flag"),
            (HttpMethod.Put, "api/models/churn/aliases/Prod", new ModelAliasTarget(1), HttpStatusCode.BadRequest, "lowercase"),
            (HttpMethod.Put, "api/models/churn/aliases/champion", new ModelAliasTarget(0), HttpStatusCode.BadRequest, "version from 1"),
            (HttpMethod.Patch, "api/models/churn/versions/1", new ModelChange { Archived = true }, HttpStatusCode.Conflict, "production"),
            (HttpMethod.Patch, "api/models/churn/versions/5", new ModelChange { Description = "x" }, HttpStatusCode.NotFound, "no version 5"),
            (HttpMethod.Patch, "api/models/nope", new ModelChange { Description = "x" }, HttpStatusCode.NotFound, "unknown model"),
            (HttpMethod.Patch, "api/models/churn", new ModelChange { Archived = true }, HttpStatusCode.BadRequest, "applies to versions"),
            (HttpMethod.Patch, "api/models/churn", new ModelChange { Description = new string('d', 5001) }, HttpStatusCode.BadRequest, "5000"),
            (HttpMethod.Get, "api/models/churn/history?at=yesterday", null, HttpStatusCode.BadRequest, "ISO 8601"),
            (HttpMethod.Get, "api/models/nope/history", null, HttpStatusCode.NotFound, "unknown model"),
        };
        foreach (var (method, path, body, expected, says) in cases)
        {
            var (status, error) = await collector.SendAsync(method, path, body);
            Assert.True(expected == status, $"{method} {path}: {status} {error}");
            Assert.Contains(says, error.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        var (_, history) = await collector.SendAsync(HttpMethod.Get, "api/models/churn/history");
        Assert.Single(Read<List<ModelAliasMove>>(history));
    }

    [Fact]
    public async Task ArchivedVersion_CannotBeAnAliasTarget_AndLatestSkipsIt()
    {
        await using var collector = await RegistryCollector.StartAsync("registry_archived");
        await RegisterAsync(collector, 2);

        var (archived, version) = await collector.SendAsync(HttpMethod.Patch, "api/models/churn/versions/2", new ModelChange { Archived = true, Description = "bad data" });
        var (refused, error) = await collector.SendAsync(HttpMethod.Put, "api/models/churn/aliases/champion", new ModelAliasTarget(2));
        var (_, latest) = await collector.SendAsync(HttpMethod.Get, "api/models/resolve?uri=" + Uri.EscapeDataString("models:/churn"));

        Assert.Equal(HttpStatusCode.OK, archived);
        Assert.True(Read<ModelVersion>(version).Archived);
        Assert.Equal("bad data", Read<ModelVersion>(version).Description);
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Contains("archived", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, Read<ModelVersion>(latest).Version);
    }

    [Fact]
    public async Task Resolve_ByAliasVersionAndName_AnswersTheVersion_AndItsArtifactRouteServesVerifiedBytes()
    {
        await using var collector = await RegistryCollector.StartAsync("registry_resolve");
        var runs = await RegisterAsync(collector, 2);
        await collector.SendAsync(HttpMethod.Put, "api/models/churn/aliases/champion", new ModelAliasTarget(1));

        var resolved = new Dictionary<string, long>();
        foreach (var uri in new[] { "models:/churn@champion", "models:/churn/2", "models:/churn", "models:/churn@latest" })
        {
            var (status, body) = await collector.SendAsync(HttpMethod.Get, "api/models/resolve?uri=" + Uri.EscapeDataString(uri));
            Assert.Equal(HttpStatusCode.OK, status);
            resolved[uri] = Read<ModelVersion>(body).Version;
        }

        using var artifact = await collector.Api.GetAsync("api/models/churn/versions/1/artifact", Cancellation);
        var bytes = await artifact.Content.ReadAsByteArrayAsync(Cancellation);

        Assert.Equal(new Dictionary<string, long> { ["models:/churn@champion"] = 1, ["models:/churn/2"] = 2, ["models:/churn"] = 2, ["models:/churn@latest"] = 2 }, resolved);
        Assert.Equal(runs[0].Sha256, artifact.Headers.GetValues(ModelHeaders.ArtifactSha256).Single());
        Assert.Equal(runs[0].Bytes, bytes);
        Assert.Equal(runs[0].Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        foreach (var (uri, expected) in new[] { ("models:/churn@staging", HttpStatusCode.NotFound), ("models:/other@x", HttpStatusCode.NotFound),
            ("models:/churn/7", HttpStatusCode.NotFound), ("runs:/x", HttpStatusCode.BadRequest), ("models:/churn/0", HttpStatusCode.BadRequest) })
        {
            var (status, _) = await collector.SendAsync(HttpMethod.Get, "api/models/resolve?uri=" + Uri.EscapeDataString(uri));
            Assert.True(expected == status, $"{uri}: {status}");
        }
    }

    [Fact]
    public async Task Writes_OnACollectorNotHoldingTheWritersLease_Get503WithRetryAfterNamingTheHolder()
    {
        await using var holder = await RegistryCollector.StartAsync("registry_503");
        await RegisterAsync(holder, 1);
        await using var other = await RegistryCollector.StartAsync("registry_503_b", holder.Store, waitForLease: false);

        using var request = new HttpRequestMessage(HttpMethod.Put, "api/models/churn/aliases/champion")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new ModelAliasTarget(1)),
        };
        using var response = await other.Api.SendAsync(request, Cancellation);
        var error = await response.Content.ReadAsStringAsync(Cancellation);
        var (read, _) = await other.SendAsync(HttpMethod.Get, "api/models/churn/versions/1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains(holder.Host.Services.GetRequiredService<JobsHost>().Holder, error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, read);
    }

    [Fact]
    public async Task EveryChange_IsAuditedWithItsActor_AndTheMoveKeepsItsEntryId()
    {
        await using var collector = await RegistryCollector.StartAsync("registry_audit");
        await RegisterAsync(collector, 1);
        using var bob = collector.Client("bob");
        await collector.SendAsync(HttpMethod.Patch, "api/models/churn", new ModelChange { Description = "churn model", Tags = new() { ["owner"] = "risk" } }, bob);
        await collector.SendAsync(HttpMethod.Patch, "api/models/churn/versions/1", new ModelChange { Tags = new() { ["reviewed"] = "yes" } }, bob);
        var (_, moveBody) = await collector.SendAsync(HttpMethod.Put, "api/models/churn/aliases/champion", new ModelAliasTarget(1), bob);
        await collector.SendAsync(HttpMethod.Delete, "api/models/churn/aliases/champion", null, bob);

        var entries = await Eventually.UntilAsync(
            async () => (await collector.Host.Services.GetRequiredService<AuditChain>().ListAsync(new AuditFilter(null, null, null, null, null, 100), Cancellation).Within()).ToList(),
            e => e.Count >= 5, e => $"{e.Count} entries sequenced", TimeSpan.FromSeconds(30));

        Assert.Equal(
            [(AuditActions.ModelRegister, "model:churn/1", "alice"), (AuditActions.ModelUpdate, "model:churn", "bob"),
             (AuditActions.ModelVersionUpdate, "model:churn/1", "bob"), (AuditActions.AliasMove, "model:churn@champion", "bob"),
             (AuditActions.AliasDelete, "model:churn@champion", "bob")],
            entries.OrderBy(e => e.Seq).Select(e => (e.Action, e.Target, e.Actor)));
        Assert.Equal(Read<ModelAliasMove>(moveBody).AuditEntryId, entries.Single(e => e.Action == AuditActions.AliasMove).EntryId);
        var (_, model) = await collector.SendAsync(HttpMethod.Get, "api/models/churn");
        Assert.Equal(("churn model", "risk", "yes"), (model.GetProperty("description").GetString(), model.GetProperty("tags").GetProperty("owner").GetString(),
            model.GetProperty("versions")[0].GetProperty("tags").GetProperty("reviewed").GetString()));
    }

    private static async Task<List<RegistryRuns.SeededRun>> RegisterAsync(RegistryCollector collector, int count)
    {
        var runs = new List<RegistryRuns.SeededRun>();
        for (var i = 0; i < count; i++)
        {
            var run = await collector.SeedRunAsync("churn-exp");
            var (status, _) = await collector.SendAsync(HttpMethod.Post, "api/models/churn/versions", new ModelRegistration { RunId = run.RunId, Artifact = run.ArtifactPath });
            Assert.Equal(HttpStatusCode.Created, status);
            runs.Add(run);
        }

        return runs;
    }

    private static async Task<Dictionary<string, long>> AtAsync(RegistryCollector collector, DateTimeOffset at)
    {
        var (status, body) = await collector.SendAsync(HttpMethod.Get, "api/models/churn/history?at=" + Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.OK, status);
        return Read<Dictionary<string, long>>(body);
    }

    /// <summary>A gate row as the governance part writes them: only the row's presence matters here.</summary>
    private static Task<bool> GateAsync(RegistryCollector collector, string name, string alias) =>
        collector.Writer.WriteAsync(async (context, ct) =>
        {
            var batch = new RowBatch();
            var rows = batch.For(StorageTable.MlModelGates);
            var json = rows.BeginRow();
            json.WriteString("Name", name);
            json.WriteString("Alias", alias);
            json.WriteNumber("MinApprovals", 1);
            json.WriteNumber("Deleted", 0);
            json.WriteString("UpdatedBy", "admin");
            json.WriteNumber("UpdatedAt", context.Now.ToUnixTimeMilliseconds());
            rows.EndRow();
            await context.WriteAsync(batch, ct);
            return true;
        }, Cancellation).Within();

    private static T Read<T>(System.Text.Json.JsonElement body) => System.Text.Json.JsonSerializer.Deserialize<T>(body, Otel.Tracking.Query.QueryJson.Options)!;
}

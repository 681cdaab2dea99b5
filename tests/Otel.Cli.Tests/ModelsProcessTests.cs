using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>The real otel-track program: models register, alias, history, list, show and resolve against a real serve process.</summary>
public sealed class ModelsProcessTests
{
    [Fact]
    public async Task Models_FromDemoRuns_RegisterAliasHistoryListShowAndResolveWithVerifiedDownload()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("data");
        await using var serve = await ServeProcess.StartAsync(data);
        var demo = await CliProcess.RunAsync(temp.Path, "demo", "--endpoint", serve.Endpoint);
        Assert.True(demo.ExitCode == 0, demo.ToString());
        var withModels = new List<string>();
        foreach (var run in (await JsonAsync("runs", "list")).EnumerateArray().Select(r => r.GetProperty("id").GetString()!))
        {
            if ((await JsonAsync("artifacts", "list", run)).EnumerateArray().Any(a => a.GetProperty("path").GetString() == "model.json"))
            {
                withModels.Add(run);
            }
        }

        // Just after start no collector may hold the registry writer's lease yet: the CLI waits out the 503s.
        var first = await JsonAsync("models", "register", "churn", "--run", withModels[0], "--artifact", "model.json", "--description", "first", "--tag", "team=risk");
        var second = await JsonAsync("models", "register", "churn", "--run", withModels[1], "--artifact", "model.json");
        var again = await JsonAsync("models", "register", "churn", "--run", withModels[0], "--artifact", "model.json");

        Assert.Equal((1L, 2L, 1L), (first.GetProperty("version").GetInt64(), second.GetProperty("version").GetInt64(), again.GetProperty("version").GetInt64()));
        Assert.Equal(("churn", withModels[0], "model.json", Environment.UserName), (first.GetProperty("name").GetString(), first.GetProperty("runId").GetString(),
            first.GetProperty("artifact").GetProperty("path").GetString(), first.GetProperty("createdBy").GetString()));
        Assert.Equal(64, first.GetProperty("artifact").GetProperty("sha256").GetString()!.Length);
        Assert.True(first.TryGetProperty("createdAt", out _));

        Assert.Equal(0, (await RunAsync("models", "alias", "churn", "champion", "1")).ExitCode);
        Assert.Equal(0, (await RunAsync("models", "alias", "churn", "champion", "2")).ExitCode);
        var moves = await JsonAsync("models", "history", "churn");
        var firstMove = moves[0].GetProperty("movedAt").GetDateTimeOffset();
        var atFirst = await JsonAsync("models", "history", "churn", "--at", firstMove.ToString("O", CultureInfo.InvariantCulture));
        var list = await JsonAsync("models", "list");
        var show = await JsonAsync("models", "show", "churn");
        var version = await JsonAsync("models", "show", "churn", "--version", "2");

        Assert.Equal(2, moves.GetArrayLength());
        Assert.Equal(1, atFirst.GetProperty("champion").GetInt64());
        Assert.Equal(("churn", 2L, 2L), (list[0].GetProperty("name").GetString(), list[0].GetProperty("latestVersion").GetInt64(), list[0].GetProperty("aliases").GetProperty("champion").GetInt64()));
        Assert.Equal(2, show.GetProperty("versions").GetArrayLength());
        Assert.Equal(withModels[1], version.GetProperty("runId").GetString());
        foreach (var (args, says) in new (string[] Args, string Says)[]
        {
            (["models", "list"], "champion=2"),
            (["models", "show", "churn"], "model.json"),
            (["models", "show", "churn", "--version", "1"], "first"),
            (["models", "history", "churn"], "champion"),
            (["models", "history", "churn", "--at", firstMove.ToString("O", CultureInfo.InvariantCulture)], "champion=1"),
            (["models", "resolve", "models:/churn"], "version 2"),
        })
        {
            var human = await RunAsync(args);
            Assert.True(human.ExitCode == 0 && human.Stdout.Contains(says, StringComparison.Ordinal), human.ToString());
        }

        var into = Directory.CreateDirectory(temp.Combine("download")).FullName;
        var resolved = await JsonAsync("models", "resolve", "models:/churn@champion", "--download", into);
        var sha256 = resolved.GetProperty("artifact").GetProperty("sha256").GetString()!;
        Assert.Equal(2, resolved.GetProperty("version").GetInt64());
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(into, "model.json"), TestContext.Current.CancellationToken))));

        // A blob corrupted on disk: the download is refused and nothing is written.
        var firstSha = first.GetProperty("artifact").GetProperty("sha256").GetString()!;
        await File.WriteAllTextAsync(Path.Combine(data, "artifacts", "sha256", firstSha[..2], firstSha[2..]), "{\"tampered\": true}", TestContext.Current.CancellationToken);
        var corrupt = Directory.CreateDirectory(temp.Combine("corrupt")).FullName;
        var refused = await RunAsync("models", "resolve", "models:/churn/1", "--download", corrupt);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Empty(Directory.GetFiles(corrupt));

        Assert.Equal(0, (await RunAsync("models", "alias", "churn", "champion", "--delete")).ExitCode);
        Assert.Equal(4, (await RunAsync("models", "alias", "churn", "champion", "--delete")).ExitCode);
        var badName = await RunAsync("models", "register", "bad name", "--run", withModels[0], "--artifact", "model.json");
        Assert.Equal(2, badName.ExitCode);
        Assert.Contains("not a model name", badName.Stderr, StringComparison.Ordinal);

        // After the fact: a model's and a version's description and tags, and the archived stage.
        var model = await JsonAsync("models", "update", "churn", "--description", "churn classifier", "--tag", "owner=risk");
        Assert.Equal(("churn classifier", "risk"), (model.GetProperty("description").GetString(), model.GetProperty("tags").GetProperty("owner").GetString()));
        var archived = await JsonAsync("models", "update", "churn", "--version", "1", "--archived", "true", "--tag", "reason=superseded");
        Assert.Equal((true, "superseded"), (archived.GetProperty("archived").GetBoolean(), archived.GetProperty("tags").GetProperty("reason").GetString()));
        var toArchived = await RunAsync("models", "alias", "churn", "staging", "1");
        Assert.True(toArchived.ExitCode == 1 && toArchived.Stderr.Contains("archived", StringComparison.Ordinal), toArchived.ToString());
        Assert.Equal(2, (await RunAsync("models", "update", "churn")).ExitCode);
        Assert.Equal(2, (await RunAsync("models", "update", "churn", "--archived", "true")).ExitCode);
        Assert.False((await JsonAsync("models", "update", "churn", "--version", "1", "--archived", "false")).GetProperty("archived").GetBoolean());

        Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(temp.Path, [.. args, "--endpoint", serve.Endpoint]);

        async Task<JsonElement> JsonAsync(params string[] args)
        {
            var result = await RunAsync([.. args, "--json"]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return JsonDocument.Parse(result.Stdout).RootElement.Clone();
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>
/// Ids typed by prefix through the real programs (issue 12, part 1): a unique prefix of 6+ characters works wherever a
/// run id, dataset digest or artifact hash is taken; an ambiguous one names the candidates and exits 2.
/// </summary>
public sealed class IdPrefixProcessTests
{
    private const string Experiment = "prefixes";
    private const string Digest = "d1d2d3d4e5e6f7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70";
    /// <summary>The SHA-256 of the artifact's bytes, "abcd".</summary>
    private const string Sha256 = "88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589";
    private const ulong T0 = 1_767_225_600_000_000_000;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunCommands_TakeUniquePrefixes_AndAnAmbiguousOneListsItsCandidates()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        await SendRunsAsync(serve, "deadbeef1234", "c0ffee01aaaa", "c0ffee02bbbb");

        Assert.Equal("deadbeef1234", (await JsonAsync(temp, serve, "runs", "show", "deadbe")).GetProperty("id").GetString());
        var compared = await JsonAsync(temp, serve, "runs", "compare", "c0ffee01", "c0ffee02");
        Assert.Equal(["c0ffee01aaaa", "c0ffee02bbbb"], compared.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Object, (await JsonAsync(temp, serve, "runs", "diff", "c0ffee01", "deadbeef")).ValueKind);
        Assert.Equal("model.bin", Assert.Single((await JsonAsync(temp, serve, "artifacts", "list", "deadbe")).EnumerateArray()).GetProperty("path").GetString());
        Assert.Equal("deadbeef1234", (await JsonAsync(temp, serve, "reproduce", "deadbe")).GetProperty("runId").GetString());
        Assert.Equal("renamed", (await JsonAsync(temp, serve, "runs", "rename", "deadbe", "renamed")).GetProperty("name").GetString());
        Assert.Equal("archived", (await JsonAsync(temp, serve, "runs", "archive", "deadbe")).GetProperty("state").GetString());
        // Archived (and deleted) runs resolve too: restore needs them.
        Assert.Equal("active", (await JsonAsync(temp, serve, "runs", "restore", "deadbe")).GetProperty("state").GetString());

        var file = temp.Combine("model.bin");
        var get = await CliProcess.RunAsync(temp.Path, "artifacts", "get", "deadbe", "model.bin", "-o", file, "--endpoint", serve.Endpoint);
        Assert.True(get.ExitCode == 0, get.ToString());

        // Dataset digests and artifact hashes by prefix, too.
        Assert.Equal(["deadbeef1234"], (await JsonAsync(temp, serve, "runs", "list", "--dataset", "d1d2d3")).EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(("artifact", Sha256), Node(await JsonAsync(temp, serve, "lineage", "88D426")));
        Assert.Equal(("dataset", Digest), Node(await JsonAsync(temp, serve, "lineage", "d1d2d3")));
        Assert.Equal(("run", "deadbeef1234"), Node(await JsonAsync(temp, serve, "lineage", "deadbe")));

        var ambiguous = await CliProcess.RunAsync(temp.Path, "runs", "show", "c0ffee", "--json", "--endpoint", serve.Endpoint);
        Assert.True(ambiguous.ExitCode == 2, ambiguous.ToString());
        Assert.Empty(ambiguous.Stdout);
        Assert.Equal(
            "otel-track: 'c0ffee' matches 2 runs: c0ffee01aaaa (prefixes / run c0ffee01aaaa, 2026-01-01 00:00Z), c0ffee02bbbb (prefixes / run c0ffee02bbbb, 2026-01-01 00:00Z); type more characters",
            ambiguous.Stderr.Trim());

        var tooShort = await CliProcess.RunAsync(temp.Path, "runs", "archive", "dead", "--endpoint", serve.Endpoint);
        Assert.True(tooShort.ExitCode == 4, tooShort.ToString());
        Assert.Equal("otel-track: unknown run id 'dead': no run has this id, and a prefix needs at least 6 characters; list runs with `otel-track runs list`", tooShort.Stderr.Trim());
    }

    private static (string?, string?) Node(JsonElement lineage)
    {
        var node = lineage.GetProperty("node");
        return (node.GetProperty("type").GetString(), node.GetProperty("id").GetString());
    }

    private static async Task<JsonElement> JsonAsync(TempDirectory temp, ServeProcess serve, params string[] args)
    {
        var result = await CliProcess.RunAsync(temp.Path, [.. args, "--json", "--endpoint", serve.Endpoint]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    /// <summary>Finished runs as raw OTLP/JSON; the first read a dataset and wrote an artifact (whose bytes are uploaded).</summary>
    private static async Task SendRunsAsync(ServeProcess serve, params string[] ids)
    {
        using var http = new HttpClient { BaseAddress = serve.Http, Timeout = TimeSpan.FromSeconds(30) };
        using (var put = await http.PutAsync("api/artifacts/" + Sha256, new ByteArrayContent("abcd"u8.ToArray()), Cancellation))
        {
            Assert.True(put.IsSuccessStatusCode, $"artifact upload answered {(int)put.StatusCode}");
        }

        var spans = ids.SelectMany((id, i) => new[] { Span("ml.run.start", id, i, assets: false), Span("ml.run", id, i, assets: i == 0) });
        var json = JsonSerializer.Serialize(new
        {
            resourceSpans = new[] { new { resource = new { attributes = new[] { Attr("service.name", "trainer") } }, scopeSpans = new[] { new { spans } } } },
        });
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("v1/traces", content, Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.IsSuccessStatusCode && !body.Contains("rejected", StringComparison.Ordinal), body);
    }

    private static object Span(string name, string runId, int index, bool assets)
    {
        var end = (name == "ml.run" ? T0 + 60_000_000_000 : T0).ToString(CultureInfo.InvariantCulture);
        var events = new List<object>();
        if (assets)
        {
            events.Add(new { name = "ml.dataset", timeUnixNano = end, attributes = new[] { Attr("ml.dataset.name", "train.csv"), Attr("ml.dataset.digest", Digest), Attr("ml.dataset.context", "training") } });
            events.Add(new { name = "ml.artifact", timeUnixNano = end, attributes = new[] { Attr("ml.artifact.path", "model.bin"), Attr("ml.artifact.sha256", Sha256), Attr("ml.artifact.kind", "model"), new { key = "ml.artifact.size", value = (object)new { intValue = "4" } } } });
        }

        return new
        {
            traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            spanId = (index * 2 + (name == "ml.run" ? 2 : 1)).ToString("x16", CultureInfo.InvariantCulture),
            name,
            startTimeUnixNano = T0.ToString(CultureInfo.InvariantCulture),
            endTimeUnixNano = end,
            attributes = new[] { Attr("ml.run.id", runId), Attr("ml.experiment.name", Experiment), Attr("ml.run.name", "run " + runId) },
            events,
        };
    }

    private static object Attr(string key, string value) => new { key, value = (object)new { stringValue = value } };
}

using System.Text.Json;
using Google.Protobuf;
using Otel.Cli.Tests.Infrastructure;
using static Otel.Testing.OtlpRequests;

namespace Otel.Cli.Tests;

/// <summary>The real otel-track program against a real collector process: every run lifecycle verb and retention set/show.</summary>
public sealed class RunLifecycleProcessTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LifecycleVerbsAndRetention_ThroughTheCli_ChangeTheRunAndTheLists()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        using (var http = new HttpClient { BaseAddress = serve.Http })
        {
            var request = TracesRequest(RunSpan("ml.run.start", "cli-a", "cli-exp", Attr("ml.run.name", "a")), RunSpan("ml.run", "cli-a", "cli-exp", Attr("ml.run.name", "a")),
                RunSpan("ml.run.start", "cli-b", "cli-exp", Attr("ml.run.name", "b")), RunSpan("ml.run", "cli-b", "cli-exp", Attr("ml.run.name", "b")));
            using var content = new ByteArrayContent(request.ToByteArray());
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
            using var response = await http.PostAsync("v1/traces", content, Cancellation);
            Assert.True(response.IsSuccessStatusCode);
        }

        Assert.Equal("archived", (await JsonAsync("runs", "archive", "cli-a")).GetProperty("state").GetString());
        Assert.Equal(["cli-b"], Ids(await JsonAsync("runs", "list", "--experiment", "cli-exp")));
        Assert.Equal(["cli-a"], Ids(await JsonAsync("runs", "list", "--experiment", "cli-exp", "--archived")));
        Assert.Equal("active", (await JsonAsync("runs", "restore", "cli-a")).GetProperty("state").GetString());
        Assert.Equal("deleted", (await JsonAsync("runs", "delete", "cli-b")).GetProperty("state").GetString());
        Assert.Equal(["cli-b"], Ids(await JsonAsync("runs", "list", "--experiment", "cli-exp", "--deleted")));
        Assert.Equal(["cli-a", "cli-b"], Ids(await JsonAsync("runs", "list", "--experiment", "cli-exp", "--all")));
        Assert.True((await JsonAsync("runs", "hold", "cli-b")).GetProperty("held").GetBoolean());
        Assert.False((await JsonAsync("runs", "release", "cli-b")).GetProperty("held").GetBoolean());
        Assert.Equal("baseline", (await JsonAsync("runs", "rename", "cli-a", "baseline")).GetProperty("name").GetString());
        Assert.Equal("*why* it matters", (await JsonAsync("runs", "note", "cli-a", "*why* it matters")).GetProperty("note").GetString());
        var tags = (await JsonAsync("runs", "tag", "cli-a", "stage=candidate", "owner=ml")).GetProperty("tags");
        Assert.Equal(("candidate", "ml"), (tags.GetProperty("stage").GetString(), tags.GetProperty("owner").GetString()));
        Assert.False((await JsonAsync("runs", "tag", "cli-a", "--delete", "stage")).GetProperty("tags").TryGetProperty("stage", out _));

        var shown = await JsonAsync("runs", "show", "cli-b");
        Assert.Equal("deleted", shown.GetProperty("state").GetString());
        var human = await CliProcess.RunAsync(temp.Path, "runs", "show", "cli-a", "--endpoint", serve.Endpoint);
        Assert.Contains("baseline", human.Stdout, StringComparison.Ordinal);
        Assert.Contains("why", human.Stdout, StringComparison.Ordinal);

        var unknown = await CliProcess.RunAsync(temp.Path, "runs", "archive", "nope", "--endpoint", serve.Endpoint);
        Assert.Equal(4, unknown.ExitCode);
        Assert.Contains("unknown run id 'nope'", unknown.Stderr, StringComparison.Ordinal);
        var badTag = await CliProcess.RunAsync(temp.Path, "runs", "tag", "cli-a", "novalue", "--endpoint", serve.Endpoint);
        Assert.Equal(2, badTag.ExitCode);
        Assert.Contains("key=value", badTag.Stderr, StringComparison.Ordinal);

        var set = await JsonAsync("retention", "set", "cli-exp", "--points-days", "30", "--raw-days", "7");
        Assert.Equal((30, 7), (set.GetProperty("policy").GetProperty("pointsDays").GetInt32(), set.GetProperty("policy").GetProperty("rawDays").GetInt32()));
        Assert.Equal(JsonValueKind.Null, set.GetProperty("artifacts").ValueKind);
        var show = await JsonAsync("retention", "show");
        Assert.Equal("cli-exp", show[0].GetProperty("policy").GetProperty("experiment").GetString());
        var humanShow = await CliProcess.RunAsync(temp.Path, "retention", "show", "--endpoint", serve.Endpoint);
        Assert.Contains("30 days", humanShow.Stdout, StringComparison.Ordinal);
        var unknownExperiment = await CliProcess.RunAsync(temp.Path, "retention", "set", "nope", "--points-days", "3", "--endpoint", serve.Endpoint);
        Assert.Equal(4, unknownExperiment.ExitCode);
        Assert.Contains("unknown experiment", unknownExperiment.Stderr, StringComparison.Ordinal);

        async Task<JsonElement> JsonAsync(params string[] args)
        {
            var result = await CliProcess.RunAsync(temp.Path, [.. args, "--json", "--endpoint", serve.Endpoint]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return JsonDocument.Parse(result.Stdout).RootElement.Clone();
        }
    }

    [Fact]
    public async Task Serve_NegativePurgeGrace_RefusesToStart_NamingTheFlag()
    {
        using var temp = new TempDirectory();

        var result = await CliProcess.RunAsync(temp.Path, "serve", "--data", temp.Combine("data"), "--grpc-port", "0", "--http-port", "0", "--purge-after-days", "-1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--purge-after-days", result.Stderr, StringComparison.Ordinal);
    }

    private static List<string> Ids(JsonElement runs) =>
        [.. runs.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];
}

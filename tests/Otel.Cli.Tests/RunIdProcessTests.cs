using System.Globalization;
using System.Text;
using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;
using Otel.Tests.Shared;

namespace Otel.Cli.Tests;

/// <summary>
/// Run ids through the real programs (issue 8, part 10): every id that a foreign client's OTLP/JSON gets accepted
/// reads back through <c>/api/runs/{id}</c> and through <c>otel-track runs show</c>, <c>compare</c>, <c>diff</c>,
/// <c>artifacts list</c> and <c>lineage</c>; every id that could not is refused with its reason.
/// </summary>
public sealed class RunIdProcessTests
{
    private const string Experiment = "awkward-cli";
    private const string Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private const ulong T0 = 1_767_225_600_000_000_000;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AwkwardButAllowedIds_EachRoundTripThroughIngestApiAndCli()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        using var http = new HttpClient { BaseAddress = serve.Http, Timeout = TimeSpan.FromSeconds(30) };
        var ids = AwkwardRunIds.All;
        var answer = await PostTracesAsync(http, ids.SelectMany((id, i) => new[] { Span("ml.run.start", id, i), Span("ml.run", id, i) }));
        Assert.DoesNotContain("rejected", answer, StringComparison.Ordinal);

        foreach (var id in ids)
        {
            using var response = await http.GetAsync("api/runs/" + Uri.EscapeDataString(id), Cancellation);
            var body = await response.Content.ReadAsStringAsync(Cancellation);
            Assert.True(response.IsSuccessStatusCode, $"/api/runs/{Uri.EscapeDataString(id)} → {(int)response.StatusCode}: {body}");
            Assert.Equal(id, JsonDocument.Parse(body).RootElement.GetProperty("id").GetString());

            var show = await CliJsonAsync(temp.Path, serve, ["runs", "show"], id);
            Assert.Equal(id, show.GetProperty("id").GetString());
            Assert.Equal(Experiment, show.GetProperty("experiment").GetString());
        }

        // Typed the plain way too: "@at" is not a response file, "-dash" is not an option.
        foreach (var id in new[] { "@at", "-dash" })
        {
            var plain = await CliProcess.RunAsync(temp.Path, "runs", "show", id, "--json", "--endpoint", serve.Endpoint);
            Assert.True(plain.ExitCode == 0, plain.ToString());
            Assert.Equal(id, JsonDocument.Parse(plain.Stdout).RootElement.GetProperty("id").GetString());
        }

        var compare = await CliJsonAsync(temp.Path, serve, ["runs", "compare"], [.. ids]);
        Assert.Equal(ids, compare.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()!));

        foreach (var id in new[] { "sweep/trial-1", "a%2Fb", "...", "diff", "@at", "-dash", ids[^1] })
        {
            Assert.Equal(JsonValueKind.Object, (await CliJsonAsync(temp.Path, serve, ["runs", "diff"], id, "a/b/c")).ValueKind);
            Assert.Equal("model.bin", Assert.Single((await CliJsonAsync(temp.Path, serve, ["artifacts", "list"], id)).EnumerateArray()).GetProperty("path").GetString());
            var lineage = (await CliJsonAsync(temp.Path, serve, ["lineage"], id)).GetProperty("node");
            Assert.Equal(("run", id), (lineage.GetProperty("type").GetString(), lineage.GetProperty("id").GetString()));
        }
    }

    [Fact]
    public async Task IdsThatCannotRoundTrip_RefusedAtIngestWithTheReason_AndUnknownToTheCli()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"));
        using var http = new HttpClient { BaseAddress = serve.Http, Timeout = TimeSpan.FromSeconds(30) };

        var answer = JsonDocument.Parse(await PostTracesAsync(http, [Span("ml.run.start", ".", 0), Span("ml.run.start", "..", 1), Span("ml.run.start", "", 2), Span("ml.run.start", "a\nb", 3)])).RootElement;
        var partial = answer.GetProperty("partialSuccess");
        Assert.Equal("4", partial.GetProperty("rejectedSpans").ToString());
        var message = partial.GetProperty("errorMessage").GetString();
        Assert.Contains("attribute ml.run.id cannot be '.'", message, StringComparison.Ordinal);
        Assert.Contains("attribute ml.run.id cannot be '..'", message, StringComparison.Ordinal);
        Assert.Contains("attribute ml.run.id must be a non-empty string", message, StringComparison.Ordinal);
        Assert.Contains("attribute ml.run.id contains the control character U+000A", message, StringComparison.Ordinal);

        foreach (var id in new[] { ".", "..", "" })
        {
            foreach (var command in new[] { new[] { "runs", "show" }, ["artifacts", "list"], ["reproduce"] })
            {
                var result = await CliProcess.RunAsync(temp.Path, [.. command, "--json", "--endpoint", serve.Endpoint, "--", id]);
                Assert.True(result.ExitCode == 4, result.ToString());
                Assert.Empty(result.Stdout);
                Assert.StartsWith($"otel-track: unknown run id '{id}': a run id ", result.Stderr, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Options first and <c>--</c> before the ids, so that ids like <c>-dash</c> stay arguments.</summary>
    private static async Task<JsonElement> CliJsonAsync(string workingDirectory, ServeProcess serve, string[] command, params string[] ids)
    {
        var result = await CliProcess.RunAsync(workingDirectory, [.. command, "--json", "--endpoint", serve.Endpoint, "--", .. ids]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    private static async Task<string> PostTracesAsync(HttpClient http, IEnumerable<object> spans)
    {
        var json = JsonSerializer.Serialize(new
        {
            resourceSpans = new[] { new { resource = new { attributes = new[] { Attr("service.name", "foreign") } }, scopeSpans = new[] { new { spans } } } },
        });
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("v1/traces", content, Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }

    /// <summary>A run span as raw OTLP/JSON; the run's own span carries a metric point and an artifact.</summary>
    private static object Span(string name, string runId, int index)
    {
        var end = name == "ml.run" ? T0 + 60_000_000_000 : T0;
        return new
        {
            traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            spanId = (index + 1).ToString("x16", CultureInfo.InvariantCulture),
            name,
            startTimeUnixNano = T0.ToString(CultureInfo.InvariantCulture),
            endTimeUnixNano = end.ToString(CultureInfo.InvariantCulture),
            attributes = new[] { Attr("ml.run.id", runId), Attr("ml.experiment.name", Experiment), Attr("ml.run.name", "run " + index) },
            events = name != "ml.run" ? [] : new[]
            {
                new { name = "ml.metric", timeUnixNano = end.ToString(CultureInfo.InvariantCulture), attributes = new[] { Attr("ml.metric.key", "loss"), new { key = "ml.metric.value", value = (object)new { doubleValue = 1.0 / (index + 1) } } } },
                new { name = "ml.artifact", timeUnixNano = end.ToString(CultureInfo.InvariantCulture), attributes = new[] { Attr("ml.artifact.path", "model.bin"), Attr("ml.artifact.sha256", Sha256), new { key = "ml.artifact.size", value = (object)new { intValue = "4" } } } },
            },
        };
    }

    private static object Attr(string key, string value) => new { key, value = (object)new { stringValue = value } };
}

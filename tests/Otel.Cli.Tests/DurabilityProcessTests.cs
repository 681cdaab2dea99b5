using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Otel.Cli.Tests.Infrastructure;

namespace Otel.Cli.Tests;

/// <summary>The real serve process killed with SIGKILL while acknowledged data exists only in its spool.</summary>
public sealed class DurabilityProcessTests
{
    private const int Runs = 8;
    private const int Points = 40;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_KilledHardWithAcknowledgedDataOnlyInTheSpool_StoresAllOfItExactlyOnceAfterRestart()
    {
        using var temp = new TempDirectory();
        var data = temp.Combine("data");
        var experiment = "spool-" + Guid.NewGuid().ToString("N");
        var runIds = Enumerable.Range(0, Runs).Select(i => $"{experiment}-run{i}").ToList();

        // Acknowledge once spooled and hold inserts back: at the kill, nothing acknowledged is in ClickHouse yet.
        await using (var serve = await ServeProcess.StartAsync(data, "--ack", "spooled", "--flush-interval-ms", "600000"))
        {
            using var http = new HttpClient { BaseAddress = serve.Http, Timeout = CliProcess.Timeout };
            foreach (var runId in runIds)
            {
                using var body = new StringContent(RunJson(runId, experiment), Encoding.UTF8, "application/json");
                using var response = await http.PostAsync("v1/traces", body, Cancellation);
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancellation));
            }

            // The client retries one request whose answer it did not see.
            using (var retry = new StringContent(RunJson(runIds[0], experiment), Encoding.UTF8, "application/json"))
            {
                (await http.PostAsync("v1/traces", retry, Cancellation)).Dispose();
            }

            Assert.Equal(0, (await ListAsync(http, experiment)).GetArrayLength());
            await serve.KillHardAsync();
        }

        await using var restarted = await ServeProcess.StartAsync(data);
        using var api = new HttpClient { BaseAddress = restarted.Http, Timeout = CliProcess.Timeout };
        await Eventually.UntilAsync(
            async () => (await ListAsync(api, experiment)).GetArrayLength() >= Runs, "the spooled runs did not appear after the restart", CliProcess.Timeout);

        var runs = await ListAsync(api, experiment);
        Assert.Equal(runIds.Order(StringComparer.Ordinal), runs.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        foreach (var runId in runIds)
        {
            var detail = await api.GetFromJsonAsync<JsonElement>($"api/runs/{runId}", Cancellation);
            Assert.Equal(Points, detail.GetProperty("metricSummaries").GetProperty("loss").GetProperty("count").GetInt64());
            Assert.Equal(Points, detail.GetProperty("history").GetProperty("loss").GetArrayLength());
            Assert.Equal("FINISHED", detail.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Serve_WithItsClickHouseServerDown_StartsAndAcceptsIntoTheSpool_SayingWhy()
    {
        using var temp = new TempDirectory();
        var nothingListens = $"http://127.0.0.1:{FreePort.Next()}/";
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"), "--clickhouse", nothingListens);
        using var http = new HttpClient { BaseAddress = serve.Http, Timeout = CliProcess.Timeout };

        using (var body = new StringContent(RunJson("down-run", "down"), Encoding.UTF8, "application/json"))
        using (var response = await http.PostAsync("v1/traces", body, Cancellation))
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancellation));
        }

        using var ready = await http.GetAsync("readyz", Cancellation);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("not reachable yet", await ready.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Contains("cannot be reached yet", serve.Stderr, StringComparison.Ordinal);
    }


    private static async Task<JsonElement> ListAsync(HttpClient http, string experiment) =>
        await http.GetFromJsonAsync<JsonElement>($"api/runs?experiment={experiment}", Cancellation);

    /// <summary>One finished run with <see cref="Points"/> loss values, as OTLP/JSON.</summary>
    private static string RunJson(string runId, string experiment)
    {
        const long t0 = 1_767_225_600_000_000_000;
        var trace = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
        string Attr(string key, string value) => $$$"""{"key":"{{{key}}}","value":{"stringValue":"{{{value}}}"}}""";
        string Array(IEnumerable<string> values) => $$$"""{"arrayValue":{"values":[{{{string.Join(',', values)}}}]}}""";
        var common = $"{Attr("ml.run.id", runId)},{Attr("ml.experiment.name", experiment)},{Attr("ml.run.name", runId)}";
        var keys = Array(Enumerable.Repeat("""{"stringValue":"loss"}""", Points));
        var values = Array(Enumerable.Range(0, Points).Select(i => $$$"""{"doubleValue":{{{(1.0 / (i + 1)).ToString("R", CultureInfo.InvariantCulture)}}}}"""));
        var steps = Array(Enumerable.Range(0, Points).Select(i => $$"""{"intValue":"{{i}}"}"""));
        return $$"""
            {"resourceSpans":[{"resource":{"attributes":[{{Attr("service.name", "durability-test")}}]},"scopeSpans":[{"spans":[
              {"traceId":"{{trace}}","spanId":"00000000000000a1","name":"ml.run.start","startTimeUnixNano":"{{t0}}","endTimeUnixNano":"{{t0}}","attributes":[{{common}}]},
              {"traceId":"{{trace}}","spanId":"00000000000000a2","name":"ml.run","startTimeUnixNano":"{{t0}}","endTimeUnixNano":"{{t0 + 60_000_000_000}}","attributes":[{{common}}],
               "events":[{"name":"ml.metrics","timeUnixNano":"{{t0 + 1_000_000_000}}","attributes":[
                 {"key":"ml.metric.keys","value":{{keys}}},{"key":"ml.metric.values","value":{{values}}},{"key":"ml.metric.steps","value":{{steps}}}]}]}
            ]}]}]}
            """;
    }
}

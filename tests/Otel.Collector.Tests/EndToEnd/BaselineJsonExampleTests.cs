using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

using static Otel.Collector.Tests.EndToEnd.OtlpSpans;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>The raw OTLP/JSON baseline example of docs/semantic-conventions.md, exactly as documented, through a real collector.</summary>
public sealed class BaselineJsonExampleTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DocumentedBaselineExample_StoredAsTheRunsBaseline()
    {
        await using var collector = await RunningCollector.StartAsync("baseline_json_example");
        await SendAsync(collector.Api, Request([Attr("service.name", "curl-trainer")], RunSpan("ml.run.start", "curl-run-1", "curl-demo", "first")), Cancellation);

        using var content = new StringContent(ExampleBody(), Encoding.UTF8, "application/json");
        using var response = await collector.Api.PostAsync("v1/traces", content, Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.DoesNotContain("partialSuccess", body, StringComparison.Ordinal);

        var baseline = await Eventually.UntilAsync(
            async () =>
            {
                using var answer = await collector.Api.GetAsync("api/runs/curl-run-1/baseline", Cancellation);
                return answer.IsSuccessStatusCode ? await answer.Content.ReadFromJsonAsync<ModelBaseline>(QueryJson.Options, Cancellation) : null;
            },
            b => b is not null,
            _ => "the documented baseline was not stored",
            TestTimeouts.Default);
        var age = Assert.Single(baseline!.Distributions);
        Assert.Equal(("age", "feature", "numeric", "curl-run-1"), (age.Name, age.Kind, age.Type, baseline.RunId));
        Assert.Equal([25.0, 40, 60], age.Bounds);
        Assert.Equal([120L, 310, 240, 30], age.Counts);
    }

    private static string ExampleBody()
    {
        var doc = RepositoryFiles.Read("docs/semantic-conventions.md");
        var start = doc.IndexOf("<<'BASELINE'\n", StringComparison.Ordinal) + "<<'BASELINE'\n".Length;
        var end = doc.IndexOf("\nBASELINE\n", start, StringComparison.Ordinal);
        Assert.True(start > 12 && end > start, "the baseline example is missing from docs/semantic-conventions.md");
        var json = doc[start..end];
        using var parsed = JsonDocument.Parse(json);
        return json;
    }
}

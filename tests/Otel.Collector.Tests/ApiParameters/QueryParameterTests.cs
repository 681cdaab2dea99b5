using System.Net;
using System.Text.Json;
using Otel.Collector.Tests.EndToEnd;
using Otel.Tracking.Query;
using static Otel.Collector.Tests.EndToEnd.OtlpSpans;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.ApiParameters;

/// <summary>
/// The query API's parameters through a real collector: a bad typed parameter is a 400 whose JSON error names it and
/// what it allows (review finding 14); a filter of the longest allowed length fits the URL (finding 7); a list that a
/// limit cuts says how many matched (finding 10).
/// </summary>
public sealed class QueryParameterTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TypedParameters_BadValues_Answer400WithAJsonErrorNamingTheParameter()
    {
        await using var collector = await RunningCollector.StartAsync("query_params_bad");
        (string Path, string Error)[] cases =
        [
            ("api/runs?limit=abc", "query parameter 'limit' must be a whole number from 1 to 100000; got 'abc'"),
            ("api/runs?limit=99999999999", "query parameter 'limit' must be a whole number from 1 to 100000; got '99999999999'"),
            ("api/runs?limit=-1", "query parameter 'limit' must be a whole number from 1 to 100000; got '-1'"),
            ("api/runs?allAttempts=maybe", "query parameter 'allAttempts' must be true or false; got 'maybe'"),
            ("api/runs?cost=1", "query parameter 'cost' must be true or false; got '1'"),
            ("api/runs/diff?a=x&b=y&all=maybe", "query parameter 'all' must be true or false; got 'maybe'"),
            ("api/runs/r1/history?key=k&maxPoints=99999999999", "query parameter 'maxPoints' must be a whole number from 1 to 100000; got '99999999999'"),
            ("api/runs/r1/history?key=k&maxPoints=0", "query parameter 'maxPoints' must be a whole number from 1 to 100000; got '0'"),
            ("api/leaderboard?experiment=e&metric=m&limit=abc", "query parameter 'limit' must be a whole number from 1 to 10000; got 'abc'"),
            ("api/leaderboard?experiment=e&metric=m&limit=0", "query parameter 'limit' must be a whole number from 1 to 10000; got '0'"),
            ("api/leaderboard?experiment=e&metric=m&limit=-5", "query parameter 'limit' must be a whole number from 1 to 10000; got '-5'"),
            ("api/stats?tolerance=NaN", "query parameter 'tolerance' must be a number from 0 to 1; got 'NaN'"),
            ("api/audit/entries?limit=abc", "query parameter 'limit' must be a whole number from 1 to 100000; got 'abc'"),
        ];

        foreach (var (path, error) in cases)
        {
            using var response = await collector.Api.GetAsync(path, Cancellation);
            var body = await response.Content.ReadAsStringAsync(Cancellation);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {(int)response.StatusCode} {body}");
            Assert.Equal(error, JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task RunsList_FilterOfTheLongestLength_AllPercentEncoded_FitsTheRequestLine()
    {
        await using var collector = await RunningCollector.StartAsync("query_params_long");
        // Every character 3 UTF-8 bytes, 9 URL characters: 36 KB of query string, over Kestrel's default 8 KB request line.
        var filter = "params.p = '" + new string('中', RunFilterLimits.MaxLength - "params.p = ''".Length) + "'";
        Assert.Equal(RunFilterLimits.MaxLength, filter.Length);

        using var response = await collector.Api.GetAsync("api/runs?filter=" + Uri.EscapeDataString(filter), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", (await response.Content.ReadAsStringAsync(Cancellation)).Trim());
    }

    [Fact]
    public async Task RunsAndLeaderboard_CutByTheLimit_SayHowManyMatchedInAHeader()
    {
        await using var collector = await RunningCollector.StartAsync("query_params_total");
        var spans = new[] { "c1", "c2", "c3" }.Select(id =>
        {
            var run = RunSpan("ml.run", id, "cut", id);
            run.Events.Add(Event("ml.metric", Attr("ml.metric.key", "loss"), Attr("ml.metric.value", 0.5), Attr("ml.metric.step", 1L)));
            return run;
        }).ToArray();
        await SendAsync(collector.Api, Request([Attr("service.name", "cut")], spans), Cancellation);

        Assert.Equal((2, "3"), await ListedAsync("api/runs?experiment=cut&limit=2"));
        Assert.Equal((3, "3"), await ListedAsync("api/runs?experiment=cut"));
        Assert.Equal((0, "0"), await ListedAsync("api/runs?experiment=none"));
        Assert.Equal((1, "3"), await ListedAsync("api/leaderboard?experiment=cut&metric=loss&limit=1"));

        async Task<(int Rows, string? Total)> ListedAsync(string path)
        {
            using var response = await collector.Api.GetAsync(path, Cancellation);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var rows = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)).RootElement.GetArrayLength();
            return (rows, response.Headers.TryGetValues(ApiHeaders.TotalCount, out var values) ? values.Single() : null);
        }
    }
}

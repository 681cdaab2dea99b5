using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Otel.Collector.ClickHouse;
using Otel.Collector.Jobs;
using Otel.Collector.Pipeline;
using Otel.Collector.Production.Slo;
using Otel.Collector.Query;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking.Query;

namespace Otel.Collector.Tests.Production.Slo;

/// <summary>
/// SLO status end to end: serving telemetry through a real collector over OTLP (<see cref="SloScenarios"/>), SLOs
/// applied through the API, statuses read back through it. Expected burn rates are worked out by hand from the seeded
/// minutes: burn = bad / events / (1 - objective), with objective 0.99 (a budget of 1%).
/// </summary>
public sealed class SloStatusEndToEndTests(SloScenarios scenarios) : IClassFixture<SloScenarios>
{
    private const int Precision = 9;

    [Fact]
    public async Task Status_HealthyTraffic_AlertNoneAndBudgetNearlyWhole()
    {
        var status = await scenarios.StatusAsync("healthy-availability");

        // 36 errors in 36,000 requests: 0.1% of a 1% budget; none in the last 5 minutes, 3 in 3,000 over 30 minutes.
        Assert.Equal("none", status.Alert);
        Assert.Equal("metric", status.Source);
        Assert.Equal(36_000, status.Events);
        Assert.Equal(0.999, status.Sli!.Value, Precision);
        Assert.Equal(0.9, status.ErrorBudgetRemaining, Precision);
        Assert.Equal(0, status.BurnRates.FiveMinutes, Precision);
        Assert.Equal(0.1, status.BurnRates.ThirtyMinutes, Precision);
        Assert.Equal(0.1, status.BurnRates.ThreeDays, Precision);
    }

    [Theory]
    [InlineData("burning-delta-availability")]
    [InlineData("burning-cumulative-availability")]
    public async Task Status_TwentyPercentErrorsOverTheLastHour_PagesWithBurnRatesWorkedOutByHand(string name)
    {
        var status = await scenarios.StatusAsync(name);

        // 1,200 errors, all in the last hour: 20% of the last 5 min, 30 min and hour (burn 20); 10% of the last 2 h
        // (burn 10); 1/30 of the six seeded hours, which are also all of the 1 d and 3 d windows (burn 3.33).
        Assert.Equal("page", status.Alert);
        Assert.Equal(36_000, status.Events);
        Assert.Equal(20, status.BurnRates.FiveMinutes, Precision);
        Assert.Equal(20, status.BurnRates.ThirtyMinutes, Precision);
        Assert.Equal(20, status.BurnRates.OneHour, Precision);
        Assert.Equal(10, status.BurnRates.TwoHours, Precision);
        Assert.Equal(10.0 / 3, status.BurnRates.SixHours, Precision);
        Assert.Equal(10.0 / 3, status.BurnRates.OneDay, Precision);
        Assert.Equal(10.0 / 3, status.BurnRates.ThreeDays, Precision);
        Assert.Equal(1 - (1.0 / 30), status.Sli!.Value, Precision);
        Assert.Equal(1 - (10.0 / 3), status.ErrorBudgetRemaining, Precision);
    }

    [Fact]
    public async Task Status_TwoPercentErrorsAllAlong_Tickets()
    {
        var status = await scenarios.StatusAsync("smoldering-availability");

        // Burn 2 in every window: above 1 over 3 d and 6 h (ticket), below every page threshold.
        Assert.Equal("ticket", status.Alert);
        Assert.Equal("28d", status.Window);
        Assert.All(new[] { status.BurnRates.FiveMinutes, status.BurnRates.OneHour, status.BurnRates.SixHours, status.BurnRates.ThreeDays }, burn => Assert.Equal(2, burn, Precision));
    }

    [Fact]
    public async Task Status_SlowTraffic_BreaksTheLatencySloOnly()
    {
        var latency = await scenarios.StatusAsync("slow-latency");
        var availability = await scenarios.StatusAsync("slow-availability");

        // 20% of the last hour's requests took more than 0.5 s: over the 0.25 s threshold.
        Assert.Equal("page", latency.Alert);
        Assert.Equal("latency", latency.Kind);
        Assert.Equal(0.25, latency.Threshold);
        Assert.Equal(20, latency.BurnRates.OneHour, Precision);
        Assert.Equal(10, latency.BurnRates.TwoHours, Precision);
        Assert.Equal(1 - (1.0 / 30), latency.Sli!.Value, Precision);
        Assert.Null(latency.Message);
        Assert.Equal("none", availability.Alert);
        Assert.Equal(1, availability.Sli);
    }

    [Fact]
    public async Task Status_ThresholdNotABucketBound_SaysSoWithTheBounds()
    {
        var status = await scenarios.StatusAsync("slow-latency-300ms");

        Assert.Equal(
            "threshold 0.3 s is not a bucket bound; bounds are 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10: "
            + "requests are counted as within it up to 0.25 s, the highest bound below it. Make the threshold one of the bounds, or export the histogram with that bound",
            status.Message);
        Assert.Equal(20, status.BurnRates.OneHour, Precision);
    }

    [Fact]
    public async Task Status_ServiceWithOnlyServerSpans_SliComesFromTheSpans()
    {
        var status = await scenarios.StatusAsync("legacy-availability");

        // Two hours of 10 spans a minute, 2 of them errors in the last hour: burn 20 over the last hour, 10 beyond.
        Assert.Equal("spans", status.Source);
        Assert.Null(status.Model);
        Assert.Equal("legacy-scorer", status.Service);
        Assert.Equal(1_200, status.Events);
        Assert.Equal(20, status.BurnRates.FiveMinutes, Precision);
        Assert.Equal(20, status.BurnRates.OneHour, Precision);
        Assert.Equal(10, status.BurnRates.SixHours, Precision);
        Assert.Equal(0.9, status.Sli!.Value, Precision);
        Assert.Equal("page", status.Alert);
    }

    [Fact]
    public async Task Status_NoTraffic_SaysSoWithWholeBudgetAndNoAlert()
    {
        var status = await scenarios.StatusAsync("idle-availability");

        Assert.Equal("none", status.Source);
        Assert.Null(status.Sli);
        Assert.Equal(1, status.ErrorBudgetRemaining);
        Assert.Equal("none", status.Alert);
        Assert.Equal("no requests in the last 30d for model idle: neither an http.server.request.duration histogram nor server spans", status.Message);
    }

    [Fact]
    public async Task Status_RouteGiven_CountsOnlyThatRoutesRequests()
    {
        var score = await scenarios.StatusAsync("healthy-score-route");
        var predict = await scenarios.StatusAsync("healthy-predict-route");

        Assert.Equal(("metric", 36_000L, "/score"), (score.Source, score.Events, score.Route));
        Assert.Equal(("none", 0L), (predict.Source, predict.Events));
    }

    [Fact]
    public async Task Status_ModelGiven_OnlyThatModelsSlos()
    {
        var statuses = await scenarios.Collector.Api.GetFromJsonAsync<List<SloStatus>>("api/slos/status?model=slow", QueryJson.Options, TestContext.Current.CancellationToken)
            .WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);

        Assert.Equal(["slow-availability", "slow-latency", "slow-latency-300ms"], statuses!.Select(s => s.Name));
    }

    [Fact]
    public async Task Compare_CanaryBesideChampion_ShowsTheCanaryBurning()
    {
        var at = Uri.EscapeDataString(scenarios.At.ToString("O", CultureInfo.InvariantCulture));
        var comparison = await scenarios.Collector.Api.GetFromJsonAsync<SloComparison>($"api/slos/compare?model=canary&version=1&version=2&at={at}", QueryJson.Options, TestContext.Current.CancellationToken)
            .WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);

        var slo = Assert.Single(comparison!.Slos);
        Assert.Equal(("1", "2"), (comparison.VersionA, comparison.VersionB));
        Assert.Equal(("none", 1.0, 36_000L), (slo.A.Alert, slo.A.Sli!.Value, slo.A.Events));
        Assert.Equal(("page", 0.8, 6_000L), (slo.B.Alert, Math.Round(slo.B.Sli!.Value, Precision), slo.B.Events));
        Assert.Equal(20, slo.B.BurnRates.ThreeDays, Precision);
        Assert.Equal("2", slo.B.Version);
    }

    [Fact]
    public async Task Compare_ModelWithoutSlos_IsNotFoundSayingHowToAddOne()
    {
        using var response = await scenarios.Collector.Api.GetAsync("api/slos/compare?model=nothing&version=1&version=2", TestContext.Current.CancellationToken)
            .WaitAsync(TestTimeouts.Default, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("model 'nothing' has no SLO", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SloJob_RunTwiceInOneInterval_KeepsOneStatusRowPerSlo()
    {
        var services = scenarios.Collector.Host.Services;
        var options = new SloOptions();
        var job = new SloJob(services.GetRequiredService<SloStatuses>(), services.GetRequiredService<ExportPipeline>(), options, new FakeTimeProvider(scenarios.At));
        var ct = TestContext.Current.CancellationToken;

        await job.RunOnceAsync(new JobRun(job.Name, 1, "test"), ct);
        await job.RunOnceAsync(new JobRun(job.Name, 1, "test"), ct);

        var parameters = new QueryParameters().Add("at", SloStatusRows.KeyTime(scenarios.At, options.Interval).ToUnixTimeSeconds());
        var rows = JsonRows.Parse(await scenarios.Collector.Store.QueryAsync(
            "SELECT Name, Alert, Burn1h, Source FROM ml_slo_status FINAL WHERE EvaluatedAt = toDateTime({at:Int64}, 'UTC') ORDER BY Name",
            "JSONEachRow", parameters, ct)).ToList();
        Assert.Equal(12, rows.Count);
        Assert.Equal(12, rows.Select(r => r.String("Name")).Distinct().Count());
        var burning = Assert.Single(rows, r => r.String("Name") == "burning-delta-availability");
        Assert.Equal(("page", 20.0, "metric"), (burning.String("Alert"), Math.Round(burning.Double("Burn1h"), Precision), burning.String("Source")));
    }
}

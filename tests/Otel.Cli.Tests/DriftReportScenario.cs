using System.Net.Http.Json;
using OpenTelemetry.Exporter;
using OpenTelemetry.Proto.Metrics.V1;
using Otel.Cli.Tests.Infrastructure;
using Otel.Tracking;
using Otel.Tracking.Query;
using Otel.Tracking.Query.Registry;

using static Otel.Testing.ServingTelemetry;

namespace Otel.Cli.Tests;

/// <summary>
/// One real collector process for the <c>drift report</c> process tests, seeded as users would: training runs that log
/// baselines through the SDK, registered as versions, then serving distributions over OTLP. Model <c>churn</c> version 1
/// served 2,000 predictions whose <c>age</c> shifted upwards while <c>income</c>, <c>country</c> and the <c>score</c>
/// output kept their training proportions (plus an income stream binned on other bounds); version 2 served 20;
/// version 3 has no baseline.
/// </summary>
public sealed class DriftReportScenario : IAsyncLifetime
{
    public static readonly double[] AgeBounds = [20, 30, 40, 50, 60];
    public static readonly long[] AgeBaseline = [100, 200, 300, 250, 100, 50];
    public static readonly long[] AgeShifted = [20, 60, 200, 500, 700, 520];
    public static readonly long[] AgeSmall = [2, 4, 6, 5, 2, 1];
    public static readonly double[] IncomeBounds = [1, 2, 3];
    public static readonly long[] IncomeBaseline = [250, 250, 250, 250];
    public static readonly double[] ScoreBounds = [0.25, 0.5, 0.75];
    public static readonly long[] ScoreBaseline = [100, 400, 400, 100];

    private readonly TempDirectory _temp = new();
    private ServeProcess? _serve;

    internal ServeProcess Serve => _serve ?? throw new InvalidOperationException("the scenario has not started");

    public string WorkingDirectory => _temp.Path;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _serve = await ServeProcess.StartAsync(_temp.Combine("data"));
        using var http = new HttpClient { BaseAddress = Serve.Http, Timeout = CliProcess.Timeout };
        await RegisterAsync(http, withBaseline: true);
        await RegisterAsync(http, withBaseline: true);
        await RegisterAsync(http, withBaseline: false);

        var start = TimeProvider.System.GetUtcNow().AddMinutes(-7);
        await SendAsync(http, Request("churn", 1,
            Histogram("age", AgeBounds, AgeShifted, AggregationTemporality.Cumulative, start),
            Histogram("income", IncomeBounds, [.. IncomeBaseline.Select(c => c * 2)], AggregationTemporality.Delta, start),
            Histogram("income", [1.5, 2.5], [100, 100, 100], AggregationTemporality.Delta, start),
            Categories("country", new Dictionary<string, long> { ["FR"] = 800, ["DE"] = 600, ["US"] = 400, ["JP"] = 120, ["__other__"] = 80 },
                AggregationTemporality.Cumulative, start),
            Histogram("score", ScoreBounds, [.. ScoreBaseline.Select(c => c * 2)], AggregationTemporality.Delta, start, prediction: true)), Cancellation);
        await SendAsync(http, Request("churn", 2, Histogram("age", AgeBounds, AgeSmall, AggregationTemporality.Cumulative, start)), Cancellation);
        await Eventually.UntilAsync(
            async () => await CountedAsync(http, "api/models/churn/drift?version=1&window=15m") == 8300
                && await CountedAsync(http, "api/models/churn/drift?version=2&window=15m") == AgeSmall.Sum(),
            "the serving telemetry was not stored", CliProcess.Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (_serve is not null)
        {
            await _serve.DisposeAsync();
        }

        _temp.Dispose();
    }

    /// <summary>Every measurement a drift answer compared or left out; 0 while it answers an error.</summary>
    private static async Task<long> CountedAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, Cancellation);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync<List<Otel.Tracking.Query.Production.DriftResult>>(QueryJson.Options, Cancellation))!.Sum(r => r.Count + r.MismatchedCount)
            : 0;
    }

    /// <summary>
    /// A training run through the SDK that logs the baselines (values that fall in each bin as many times as its count)
    /// and a model file, registered as the next version of churn once the run is stored.
    /// </summary>
    private async Task RegisterAsync(HttpClient http, bool withBaseline)
    {
        var model = _temp.Combine(Guid.NewGuid().ToString("N") + ".bin");
        await File.WriteAllBytesAsync(model, Guid.NewGuid().ToByteArray(), Cancellation);
        string runId;
        // Disposing the tracking exports everything the run recorded.
        using (var tracking = MlTracking.Create(o =>
        {
            o.Endpoint = Serve.Http;
            o.Protocol = OtlpExportProtocol.HttpProtobuf;
            o.ArtifactEndpoint = Serve.Http;
            o.ServiceName = "drift-trainer";
            o.HandleTerminationSignals = false;
            o.BufferOffline = false;
            o.CaptureGitDiff = false;
        }))
        {
            using var run = tracking.StartRun(new RunOptions { Experiment = "churn-training", Name = "train" });
            runId = run.Id;
            if (withBaseline)
            {
                run.LogFeatureBaseline("age", Values([15.0, 25, 35, 45, 55, 65], AgeBaseline), AgeBounds);
                run.LogFeatureBaseline("income", Values([0.5, 1.5, 2.5, 3.5], IncomeBaseline), IncomeBounds);
                run.LogFeatureBaseline("country", Values<string?>(["FR", "DE", "US", "JP"], [400, 300, 200, 100]), topCategories: 3);
                run.LogPredictionBaseline("score", Values([0.1, 0.3, 0.6, 0.9], ScoreBaseline), ScoreBounds);
            }

            await run.LogArtifactAsync(model, "model", "model.bin", Cancellation);
            run.End(RunStatus.Finished);
        }

        await Eventually.UntilAsync(async () =>
        {
            using var response = await http.PostAsJsonAsync("api/models/churn/versions", new ModelRegistration { RunId = runId, Artifact = "model.bin" }, QueryJson.Options, Cancellation);
            return response.IsSuccessStatusCode;
        }, $"run {runId} could not be registered", CliProcess.Timeout);
    }

    private static IEnumerable<T> Values<T>(T[] values, long[] counts) => values.Zip(counts).SelectMany(v => Enumerable.Repeat(v.First, (int)v.Second));
}

/// <summary>The <c>drift report</c> process tests share one seeded collector process (<see cref="DriftReportScenario"/>): they only read it.</summary>
[CollectionDefinition(Name)]
public sealed class SharedDriftReportScenario : ICollectionFixture<DriftReportScenario>
{
    public const string Name = "drift report";
}

using System.Net.Http.Json;
using Grpc.Net.Client;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using Otel.Collector.ClickHouse;
using Otel.Collector.Tests.EndToEnd;
using Otel.Collector.Tests.Infrastructure;
using Otel.Tracking.Query;
using static Otel.Collector.Tests.EndToEnd.OtlpSpans;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Durability;

/// <summary>
/// Client retries and re-sends (the same request again, over either protocol, also after ClickHouse merged
/// the first copy) never duplicate a metric point, a param or a run as seen by queries.
/// </summary>
public sealed class ExactlyOnceTests
{
    private const int Points = 250;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SameRequestSentOverHttpTwice_AndGrpc_AndAgainAfterMerges_IsOneRunWithEachPointAndParamOnce()
    {
        await using var collector = await RunningCollector.StartAsync("exactly_once");
        var experiment = "once-" + Guid.NewGuid().ToString("N");
        var runId = "run-" + Guid.NewGuid().ToString("N");
        var request = RunRequest(runId, experiment);

        await SendAsync(collector.Api, request, Cancellation);
        await SendAsync(collector.Api, request, Cancellation);
        using (var channel = GrpcChannel.ForAddress(collector.Host.GrpcEndpoint))
        {
            await new TraceService.TraceServiceClient(channel).ExportAsync(request, cancellationToken: Cancellation).ResponseAsync.WaitAsync(TestTimeouts.Default, Cancellation);
        }

        await AssertStoredOnceAsync(collector, runId, experiment);

        // A CI job re-sending the same data after ClickHouse merged the parts.
        await collector.Store.ExecuteAsync("OPTIMIZE TABLE ml_metrics FINAL", cancellationToken: Cancellation);
        await SendAsync(collector.Api, request, Cancellation);
        await AssertStoredOnceAsync(collector, runId, experiment);
    }

    private static async Task AssertStoredOnceAsync(RunningCollector collector, string runId, string experiment)
    {
        var runs = await collector.ListRunsAsync(experiment);
        Assert.Equal(runId, Assert.Single(runs).Id);

        var detail = await collector.GetRunAsync(runId);
        Assert.Equal(Points, detail.MetricSummaries["loss"].Count);
        Assert.Equal(Points, detail.History["loss"].Count);
        Assert.Equal(Enumerable.Range(0, Points).Select(i => (long)i), detail.History["loss"].Select(p => p.Step));
        Assert.Equal(2, detail.Params.Count);

        var history = await collector.Api.GetFromJsonAsync<List<DownsampledPoint>>($"api/runs/{runId}/history?key=loss&maxPoints=100", QueryJson.Options, Cancellation);
        Assert.Equal(Points, history!.Sum(p => p.Points));

        var id = new QueryParameters().Add("id", runId);
        Assert.Equal(Points, await CountAsync(collector.Store, "SELECT count() FROM ml_metrics FINAL WHERE RunId = {id:String}", id));
        Assert.Equal(2, await CountAsync(collector.Store, "SELECT count() FROM ml_params FINAL WHERE RunId = {id:String}", id));
        Assert.Equal(1, await CountAsync(collector.Store, "SELECT count() FROM ml_runs FINAL WHERE RunId = {id:String}", id));
    }

    private static ExportTraceServiceRequest RunRequest(string runId, string experiment)
    {
        var run = RunSpan("ml.run", runId, experiment, "once", Attr("ml.run.status", "FINISHED"), Attr("ml.param.lr", 0.01), Attr("ml.param.layers", 3));
        run.Events.Add(Event("ml.metrics",
            new KeyValue { Key = "ml.metric.keys", Value = Values(Enumerable.Repeat("loss", Points).Select(k => new AnyValue { StringValue = k })) },
            new KeyValue { Key = "ml.metric.values", Value = Values(Enumerable.Range(0, Points).Select(i => new AnyValue { DoubleValue = 1.0 / (i + 1) })) },
            new KeyValue { Key = "ml.metric.steps", Value = Values(Enumerable.Range(0, Points).Select(i => new AnyValue { IntValue = i })) }));
        return Request([Attr("service.name", "exactly-once")], RunSpan("ml.run.start", runId, experiment, "once", Attr("ml.param.lr", 0.01), Attr("ml.param.layers", 3)), run);
    }

    private static AnyValue Values(IEnumerable<AnyValue> values)
    {
        var array = new ArrayValue();
        array.Values.AddRange(values);
        return new AnyValue { ArrayValue = array };
    }

    private static async Task<long> CountAsync(IClickHouseStore store, string sql, QueryParameters parameters)
    {
        var text = System.Text.Encoding.UTF8.GetString(await store.QueryAsync(sql, "TabSeparated", parameters, Cancellation));
        return long.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

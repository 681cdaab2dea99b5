using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.ClickHouse;
using Otel.Collector.Query;
using Otel.Collector.Tests.Storage;
using Otel.Tracking;
using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.Ingest;

/// <summary>
/// Strings that break naive escaping (quotes, backslashes, <c>--</c>, <c>;</c>, NUL, newlines, unicode,
/// 100 KB) go through OTLP ingest and come back byte-identical from the tables and the query API.
/// </summary>
public sealed class HostileStringTests
{
    public static TheoryData<string> Names => HostileValues.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public async Task HostileString_InNamesKeysValuesAndIds_ComesBackByteIdentical(string name)
    {
        await using var harness = await IngestHarness.StartAsync("hostile_ingest");
        var value = HostileValues.All[name];
        var runId = RunIdRule.Check(value) is null ? value : "hostile-run";
        var experiment = value.Length > 0 ? value : "Default";
        var metricKey = value.Length > 0 ? value : "metric";
        var resource = Resource(Attr("service.name", ServiceName), Attr("hostile", value));
        Span Run(string spanName)
        {
            var span = RunSpan(spanName, runId, value.Length > 0 ? value : null, Attr(MlSemanticConventions.RunName, value), Attr("ml.param.p", value), Attr("ml.tag.t", value));
            if (value.Length > 0)
            {
                span.Attributes.Add(Attr(MlSemanticConventions.ParamPrefix + value, "param key"));
                span.Attributes.Add(Attr(MlSemanticConventions.TagPrefix + value, "tag key"));
            }

            return span;
        }

        var start = Run(MlSemanticConventions.RunStartSpan);
        var end = Run(MlSemanticConventions.RunSpan);
        end.Status = new Status { Code = Status.Types.StatusCode.Error, Message = value };
        end.Events.Add(MetricEvent(metricKey, 0.5, step: 1, time: T0 + 1));
        end.Events.Add(MetricsEvent(T0 + 2, [metricKey], [0.25], steps: [2]));
        var plain = RunSpan(value, runId, value.Length > 0 ? value : null, Attr(value, value), Attr("value", value));
        plain.Events.Add(new Span.Types.Event { Name = value, TimeUnixNano = T0 + 3, Attributes = { Attr(value, value) } });

        await harness.SendAcceptedAsync(TracesRequest(resource, start, end, plain));

        var span = await harness.SingleAsync(
            "SELECT SpanName, SpanAttributes, ResourceAttributes, Events.Name AS EventNames, Events.Attributes AS EventAttributes FROM otel_traces WHERE SpanId = {id:String}",
            new QueryParameters().Add("id", Hex(plain.SpanId)));
        Assert.Equal(value, span.String("SpanName"));
        var spanAttributes = span.Map("SpanAttributes");
        Assert.Equal(value, spanAttributes[value]);
        Assert.Equal(value, spanAttributes["value"]);
        Assert.Equal(runId, spanAttributes[MlSemanticConventions.RunId]);
        Assert.Equal(value, span.Map("ResourceAttributes")["hostile"]);
        Assert.Equal([value], span.Strings("EventNames"));
        Assert.Equal(value, Assert.Single(span.Maps("EventAttributes"))[value]);
        Assert.Equal(1, await harness.CountAsync("SELECT count() AS n FROM otel_traces WHERE SpanName = {name:String}", new QueryParameters().Add("name", value)));

        var id = new QueryParameters().Add("id", runId);
        var run = await harness.SingleAsync("SELECT RunId, Experiment, RunName, Status, StatusMessage FROM ml_runs FINAL WHERE RunId = {id:String}", id);
        Assert.Equal((runId, experiment, value, "FAILED", value), (run.String("RunId"), run.String("Experiment"), run.String("RunName"), run.String("Status"), run.String("StatusMessage")));
        var expectedParams = value.Length > 0 ? new Dictionary<string, string> { ["p"] = value, [value] = "param key" } : new() { ["p"] = value };
        var expectedTags = value.Length > 0 ? new Dictionary<string, string> { ["t"] = value, [value] = "tag key" } : new() { ["t"] = value };
        Assert.Equal(expectedParams, (await harness.QueryAsync("SELECT Key, Value FROM ml_params FINAL WHERE RunId = {id:String}", id)).ToDictionary(r => r.String("Key"), r => r.String("Value")));
        Assert.Equal(expectedTags, (await harness.QueryAsync("SELECT Key, argMax(Value, UpdatedAt) AS Value FROM ml_tags WHERE RunId = {id:String} GROUP BY Key", id)).ToDictionary(r => r.String("Key"), r => r.String("Value")));
        Assert.Equal([metricKey, metricKey], (await harness.QueryAsync("SELECT Key FROM ml_metrics WHERE RunId = {id:String} ORDER BY Step", id)).Select(r => r.String("Key")));
        Assert.Equal(runId, (await harness.SingleAsync("SELECT RunId FROM ml_run_liveness FINAL")).String("RunId"));

        var detail = await harness.GetRunAsync(runId);
        Assert.NotNull(detail);
        Assert.Equal((runId, experiment, value, value), (detail.Id, detail.Experiment, detail.Name, detail.StatusMessage ?? string.Empty));
        Assert.Equal(expectedParams, detail.Params);
        Assert.Equal(expectedTags, detail.Tags);
        Assert.Equal(0.25, detail.Metrics[metricKey]);
        Assert.Equal([1L, 2], detail.History[metricKey].Select(p => p.Step));
        Assert.Equal(value, detail.Provenance["hostile"]);

        var listed = Assert.Single(await harness.ListRunsAsync(experiment));
        Assert.Equal((runId, value), (listed.Id, listed.Name));
        Assert.Equal(expectedParams, listed.Params);
        Assert.Equal(expectedTags, listed.Tags);
        Assert.Equal([metricKey], listed.Metrics.Keys);
    }
}

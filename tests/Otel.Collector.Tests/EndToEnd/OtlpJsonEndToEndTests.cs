using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>Raw OTLP, as any SDK or curl sends it, through a real collector.</summary>
public sealed class OtlpJsonEndToEndTests
{
    [Fact]
    public async Task DocumentedCurlExample_AppearsInRunsList()
    {
        await using var collector = await RunningCollector.StartAsync("curl_example");
        var json = CurlExampleBody();

        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await collector.Api.PostAsync("v1/traces", content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.DoesNotContain("partialSuccess", body, StringComparison.Ordinal);

        var runs = await collector.ListRunsAsync("curl-demo");
        var run = Assert.Single(runs);
        Assert.Equal("curl-run-1", run.Id);
        Assert.Equal("FINISHED", run.Status);
        Assert.Equal("first", run.Name);
        Assert.Equal("0.01", run.Params["learning_rate"]);
        Assert.Equal("3", run.Params["epochs"]);
        Assert.Equal("alice", run.Tags["owner"]);
        Assert.Equal(0.31, run.Metrics["loss"]);
        Assert.Equal(0.88, run.Metrics["accuracy"]);

        var detail = await collector.GetRunAsync("curl-run-1");
        Assert.Equal([1L, 2L], detail.History["loss"].Select(p => p.Step));
        Assert.Equal("4f1c2e9", detail.Provenance["vcs.ref.head.revision"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225600), run.StartTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225660), run.EndTime);
    }

    [Fact]
    public async Task SpanBreakingContract_IsRejectedThroughPartialSuccess_RestIsKept()
    {
        await using var collector = await RunningCollector.StartAsync("partial_success");
        var good = RunStart("good-run", "partial");
        var bad = RunStart("bad-run", "partial");
        bad.SpanId = ByteString.CopyFrom([9, 9, 9, 9, 9, 9, 9, 9]);
        bad.Events.Add(new Span.Types.Event
        {
            Name = "ml.metrics",
            TimeUnixNano = bad.StartTimeUnixNano,
            Attributes =
            {
                Attribute("ml.metric.keys", new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { StringValue = "loss" } } } }),
                Attribute("ml.metric.values", new AnyValue { ArrayValue = new ArrayValue() }),
            },
        });
        var request = new ExportTraceServiceRequest { ResourceSpans = { new ResourceSpans { ScopeSpans = { new ScopeSpans { Spans = { good, bad } } } } } };

        using var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        using var response = await collector.Api.PostAsync("v1/traces", content, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode);
        var answer = ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, answer.PartialSuccess.RejectedSpans);
        Assert.Contains("arrays must have equal lengths", answer.PartialSuccess.ErrorMessage, StringComparison.Ordinal);

        var runs = await collector.ListRunsAsync("partial");
        Assert.Equal("good-run", Assert.Single(runs).Id);
    }

    /// <summary>The JSON body of the curl example in docs/semantic-conventions.md, exactly as documented.</summary>
    private static string CurlExampleBody()
    {
        var doc = RepositoryFiles.Read("docs/semantic-conventions.md");
        var start = doc.IndexOf("<<'JSON'\n", StringComparison.Ordinal) + "<<'JSON'\n".Length;
        var end = doc.IndexOf("\nJSON\n", start, StringComparison.Ordinal);
        Assert.True(start > 8 && end > start, "the curl example is missing from docs/semantic-conventions.md");
        var json = doc[start..end];
        using var parsed = JsonDocument.Parse(json);
        return json;
    }

    private static Span RunStart(string runId, string experiment) => new()
    {
        TraceId = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
        SpanId = ByteString.CopyFrom([1, 2, 3, 4, 5, 6, 7, 8]),
        Name = "ml.run.start",
        StartTimeUnixNano = 1_767_225_600_000_000_000,
        EndTimeUnixNano = 1_767_225_600_000_000_000,
        Attributes = { Attribute("ml.run.id", new AnyValue { StringValue = runId }), Attribute("ml.experiment.name", new AnyValue { StringValue = experiment }) },
    };

    private static KeyValue Attribute(string key, AnyValue value) => new() { Key = key, Value = value };
}

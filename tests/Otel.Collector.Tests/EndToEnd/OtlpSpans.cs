using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>Builds wire-contract spans by hand, as any OpenTelemetry SDK would send them.</summary>
internal static class OtlpSpans
{
    public const ulong T0 = 1_767_225_600_000_000_000;

    public static KeyValue Attr(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    public static KeyValue Attr(string key, long value) => new() { Key = key, Value = new AnyValue { IntValue = value } };

    public static KeyValue Attr(string key, double value) => new() { Key = key, Value = new AnyValue { DoubleValue = value } };

    public static KeyValue Attr(string key, bool value) => new() { Key = key, Value = new AnyValue { BoolValue = value } };

    public static Span RunSpan(string name, string runId, string experiment, string runName, params KeyValue[] extra)
    {
        var span = new Span
        {
            TraceId = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
            SpanId = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()[..8]),
            Name = name,
            StartTimeUnixNano = T0,
            EndTimeUnixNano = name == "ml.run" ? T0 + 60_000_000_000 : T0,
            Attributes = { Attr("ml.run.id", runId), Attr("ml.experiment.name", experiment), Attr("ml.run.name", runName) },
        };
        span.Attributes.Add(extra);
        return span;
    }

    public static Span.Types.Event Event(string name, params KeyValue[] attributes)
    {
        var e = new Span.Types.Event { Name = name, TimeUnixNano = T0 + 1_000_000_000 };
        e.Attributes.Add(attributes);
        return e;
    }

    public static ExportTraceServiceRequest Request(IEnumerable<KeyValue> resource, params Span[] spans) => new()
    {
        ResourceSpans =
        {
            new ResourceSpans
            {
                Resource = new Resource { Attributes = { resource } },
                ScopeSpans = { new ScopeSpans { Spans = { spans } } },
            },
        },
    };

    public static async Task SendAsync(HttpClient api, ExportTraceServiceRequest request, CancellationToken ct)
    {
        using var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        using var response = await api.PostAsync("v1/traces", content, ct);
        var answer = ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(ct));
        Assert.True(response.IsSuccessStatusCode && answer.PartialSuccess is null or { RejectedSpans: 0 },
            $"export failed: {(int)response.StatusCode} {answer.PartialSuccess?.ErrorMessage}");
    }
}

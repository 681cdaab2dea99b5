using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

using static Otel.Testing.OtlpRequests;

namespace Otel.Collector.Tests.EndToEnd;

/// <summary>Builds wire-contract spans by hand, as any OpenTelemetry SDK would send them.</summary>
internal static class OtlpSpans
{
    /// <summary>A span of a named run; only the <c>ml.run</c> span lasts (60 s), the others are instants at T0.</summary>
    public static Span RunSpan(string name, string runId, string experiment, string runName, params KeyValue[] extra) =>
        OtlpRequests.RunSpan(name, runId, experiment, [Attr("ml.run.name", runName), .. extra])
            .Also(span => span.EndTimeUnixNano = name == "ml.run" ? T0 + (60 * Second) : T0);

    public static Span.Types.Event Event(string name, params KeyValue[] attributes)
    {
        var e = new Span.Types.Event { Name = name, TimeUnixNano = T0 + Second };
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

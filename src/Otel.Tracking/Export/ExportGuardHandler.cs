using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using OpenTelemetry.Exporter;

namespace Otel.Tracking.Export;

/// <summary>
/// Sits under the OTLP exporter of one signal (its <see cref="OtlpExporterOptions.HttpClientFactory"/>) and sees
/// every export request and its answer, for both protocols. An export that does not reach a collector (nothing
/// listening, the wrong port or protocol, a refused key, back-pressure) is reported once, kept in the offline
/// store, and answered to the exporter as accepted, so the exporter neither drops it nor keeps a second copy.
/// Runs on the exporter's thread, never the training loop's, and never throws more than the exporter expects.
/// </summary>
internal sealed class ExportGuardHandler(string signal, OtlpExportProtocol protocol, TimeSpan timeout, ExportMonitor monitor) : DelegatingHandler(NewTransport())
{
    private static readonly MediaTypeHeaderValue GrpcContentType = new("application/grpc");
    private static readonly MediaTypeHeaderValue ProtobufContentType = new("application/x-protobuf");

    /// <summary>The connection pool the exporter would have had, with a bounded connect time.</summary>
    internal static SocketsHttpHandler NewTransport() => new() { ConnectTimeout = TimeSpan.FromSeconds(5) };

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        // The exporter sends from its own thread, and for gRPC blocks on the async path itself: HTTP/2 has no
        // synchronous send. Blocking here keeps one code path for both protocols.
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = new ExportTarget(request.RequestUri!, protocol);
        monitor.Targets.Observe(signal, target);
        HttpResponseMessage? response = null;
        ExceptionDispatchInfo? failure = null;
        ExportOutcome outcome;

        // The export timeout is kept here rather than by the HttpClient, so that a silent endpoint is a failure to
        // keep, not a cancellation of the caller.
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            response = await base.SendAsync(request, timeoutSource.Token);
            await BufferResponseAsync(response, timeoutSource.Token);
            outcome = ExportOutcome.Of(response, protocol);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            failure = ExceptionDispatchInfo.Capture(ex);
            outcome = ExportOutcome.Of(ex);
        }

        if (outcome.Kind == ExportOutcomeKind.Accepted)
        {
            monitor.Accepted();
            return response!;
        }

        var kept = outcome.Kind != ExportOutcomeKind.DataRefused && monitor.Store is not null
            && monitor.TryKeep(signal, await MessageAsync(request.Content, cancellationToken));
        monitor.Report.Failed(target, outcome, kept);
        if (!kept)
        {
            failure?.Throw();
            return response!;
        }

        response?.Dispose();
        return AcceptedAnswer(request);
    }

    /// <summary>
    /// The request's protobuf message. Read only after a failure: the exporter's content (its byte buffer, gzipped
    /// or not) can be read again after it was sent.
    /// </summary>
    private static async Task<byte[]> MessageAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return [];
        }

        var body = await content.ReadAsByteArrayAsync(cancellationToken);
        return OtlpPayload.Unwrap(body, gzipped: content.Headers.ContentEncoding.Contains("gzip"));
    }

    /// <summary>Reads the answer's body, so that gRPC trailers are there to judge; the exporter then reads the copy.</summary>
    private static async Task BufferResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffered = new ByteArrayContent(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        foreach (var header in response.Content.Headers)
        {
            buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = buffered;
    }

    /// <summary>What an OTLP receiver answers to a full success: an empty response message, status OK.</summary>
    private HttpResponseMessage AcceptedAnswer(HttpRequestMessage request)
    {
        var grpc = protocol != OtlpExportProtocol.HttpProtobuf;
        var answer = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Version = request.Version,
            Content = new ByteArrayContent(grpc ? OtlpPayload.Frame([]) : []),
        };
        answer.Content.Headers.ContentType = grpc ? GrpcContentType : ProtobufContentType;
        if (grpc)
        {
            answer.Headers.TryAddWithoutValidation("grpc-status", "0");
        }

        return answer;
    }
}

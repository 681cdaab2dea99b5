using System.Net;
using System.Net.Http.Headers;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace Otel.Cli.Bench;

/// <summary>
/// Sends already encoded OTLP trace export requests, as an OTLP exporter does: on refusal (HTTP 429, 502,
/// 503, 504; gRPC UNAVAILABLE, or RESOURCE_EXHAUSTED with RetryInfo) it waits as long as the collector asks
/// (Retry-After, RetryInfo; 1 s when it does not say) and sends the same request again: a throttled request
/// is not lost. Other failures end the benchmark.
/// </summary>
internal abstract class OtlpTraceSender : IDisposable
{
    private static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromSeconds(1);
    private const int MaxAttempts = 120;

    public abstract string Protocol { get; }

    /// <summary>Sends until accepted; returns the spans the collector rejected (OTLP partial success) and the retries it took.</summary>
    public async Task<SendResult> SendAsync(byte[] body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (rejected, retryAfter) = await SendOnceAsync(body, cancellationToken);
            if (retryAfter is null)
            {
                return new SendResult(rejected, attempt - 1);
            }

            if (attempt >= MaxAttempts)
            {
                throw new CliException($"{Protocol}: the collector refused a request {attempt} times in a row; giving up");
            }

            await Task.Delay(retryAfter.Value, cancellationToken);
        }
    }

    public abstract void Dispose();

    /// <summary>One attempt: the rejected span count when accepted, else the delay before the next attempt.</summary>
    protected abstract Task<(long Rejected, TimeSpan? RetryAfter)> SendOnceAsync(byte[] body, CancellationToken cancellationToken);

    /// <summary>A sender on a connection of its own (<paramref name="connections"/> &gt; 1: that many HTTP/1.1 connections, for concurrent requests).</summary>
    public static OtlpTraceSender Create(string protocol, Uri httpEndpoint, Uri grpcEndpoint, int connections = 1) => protocol switch
    {
        "grpc" => new GrpcSender(grpcEndpoint),
        "http" => new HttpSender(httpEndpoint, connections),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
    };

    private static TimeSpan Clamp(TimeSpan? delay) => delay is { } d && d > TimeSpan.Zero ? d : DefaultRetryDelay;

    /// <summary>OTLP/HTTP protobuf: POST /v1/traces on one connection of its own.</summary>
    private sealed class HttpSender : OtlpTraceSender
    {
        private static readonly MediaTypeHeaderValue Protobuf = new("application/x-protobuf");
        private readonly HttpClient _http;
        private readonly Uri _traces;

        public HttpSender(Uri endpoint, int connections)
        {
            _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseProxy = false }) { Timeout = TimeSpan.FromMinutes(5) };
            _traces = new Uri(endpoint, "v1/traces");
        }

        public override string Protocol => "http";

        public override void Dispose() => _http.Dispose();

        protected override async Task<(long, TimeSpan?)> SendOnceAsync(byte[] body, CancellationToken cancellationToken)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Protobuf;
            HttpResponseMessage response;
            try
            {
                response = await _http.PostAsync(_traces, content, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new CliException($"http: cannot reach the collector at {_traces}: {ex.Message}", ExitCodes.Unreachable, ex);
            }

            using var _ = response;
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
            {
                var retry = response.Headers.RetryAfter;
                return (0, Clamp(retry?.Delta ?? (retry?.Date is { } date ? date - TimeProvider.System.GetUtcNow() : null)));
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException($"http: POST {_traces} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, 500)))}");
            }

            var parsed = ExportTraceServiceResponse.Parser.ParseFrom(bytes);
            return (parsed.PartialSuccess?.RejectedSpans ?? 0, null);
        }
    }

    /// <summary>OTLP/gRPC: TraceService/Export on an HTTP/2 connection of its own, the request bytes passed through unchanged.</summary>
    private sealed class GrpcSender : OtlpTraceSender
    {
        private static readonly Method<byte[], ExportTraceServiceResponse> Export = new(
            MethodType.Unary,
            TraceServiceReflection.Descriptor.Services[0].FullName,
            "Export",
            Marshallers.Create(static (byte[] bytes) => bytes, static bytes => bytes),
            Marshallers.Create(static (ExportTraceServiceResponse r) => Google.Protobuf.MessageExtensions.ToByteArray(r), ExportTraceServiceResponse.Parser.ParseFrom));

        private readonly GrpcChannel _channel;
        private readonly CallInvoker _invoker;

        public GrpcSender(Uri endpoint)
        {
            _channel = GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions
            {
                MaxSendMessageSize = null,
                MaxReceiveMessageSize = null,
                HttpHandler = new SocketsHttpHandler { UseProxy = false, EnableMultipleHttp2Connections = false },
            });
            _invoker = _channel.CreateCallInvoker();
        }

        public override string Protocol => "grpc";

        public override void Dispose() => _channel.Dispose();

        protected override async Task<(long, TimeSpan?)> SendOnceAsync(byte[] body, CancellationToken cancellationToken)
        {
            try
            {
                var response = await _invoker.AsyncUnaryCall(Export, null, new CallOptions(cancellationToken: cancellationToken), body);
                return (response.PartialSuccess?.RejectedSpans ?? 0, null);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && ex.Status.DebugException is not null)
            {
                // A transport failure on this side (no connection), not an answer of the collector: nothing to wait for.
                throw new CliException($"grpc: cannot reach the collector at {_channel.Target}: {ex.Status.DebugException.Message}", ExitCodes.Unreachable, ex);
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted)
            {
                var retryInfo = ex.GetRpcStatus()?.GetDetail<RetryInfo>();
                if (ex.StatusCode == StatusCode.ResourceExhausted && retryInfo is null)
                {
                    throw new CliException($"grpc: the collector refused a request for good: {ex.Status.Detail}", ExitCodes.Failure, ex);
                }

                return (0, Clamp(retryInfo?.RetryDelay?.ToTimeSpan()));
            }
            catch (RpcException ex)
            {
                throw new CliException($"grpc: Export failed with {ex.StatusCode}: {ex.Status.Detail}", ExitCodes.Failure, ex);
            }
        }
    }
}

/// <summary>What one request cost: spans rejected through partial success, and how often it was throttled and resent.</summary>
internal readonly record struct SendResult(long RejectedSpans, int Retries);

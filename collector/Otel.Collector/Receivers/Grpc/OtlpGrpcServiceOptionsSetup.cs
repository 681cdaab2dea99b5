using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Options;

namespace Otel.Collector.Receivers.Grpc;

/// <summary>
/// Applies the receiver limits to one OTLP gRPC service only (other gRPC services of the host keep
/// their own settings): maximum message size, and gzip with a decompressed-size ceiling.
/// </summary>
internal sealed class OtlpGrpcServiceOptionsSetup<TService>(IOptions<OtlpReceiverOptions> receiverOptions)
    : IPostConfigureOptions<GrpcServiceOptions<TService>>
    where TService : class
{
    public void PostConfigure(string? name, GrpcServiceOptions<TService> options)
    {
        var limit = receiverOptions.Value.MaxRequestBodyBytes;
        options.MaxReceiveMessageSize = limit;

        // A new list: the per-service options start out sharing the global list.
        options.CompressionProviders = [new BoundedGzipCompressionProvider(limit)];
    }
}

using System.Globalization;
using System.IO.Compression;
using Grpc.Core;
using Grpc.Net.Compression;

namespace Otel.Collector.Receivers.Grpc;

/// <summary>
/// gzip for gRPC messages with a ceiling on the decompressed size. Grpc.AspNetCore checks the
/// maximum receive size against the compressed frame only and decompresses into memory without a
/// bound, so a small gzip bomb could exhaust memory; this provider stops it at the limit with
/// RESOURCE_EXHAUSTED.
/// </summary>
internal sealed class BoundedGzipCompressionProvider(int maxDecompressedBytes) : ICompressionProvider
{
    public string EncodingName => "gzip";

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
        new GZipStream(stream, compressionLevel ?? CompressionLevel.Fastest, leaveOpen: true);

    public Stream CreateDecompressionStream(Stream stream) =>
        new ReadLimitStream(new GZipStream(stream, CompressionMode.Decompress), maxDecompressedBytes, TooLarge);

    private static RpcException TooLarge(long limit) => new(new global::Grpc.Core.Status(
        StatusCode.ResourceExhausted,
        string.Create(CultureInfo.InvariantCulture, $"The decompressed message exceeds the limit of {limit} bytes.")));
}

using System.Buffers.Binary;
using System.IO.Compression;

namespace Otel.Tracking.Export;

/// <summary>
/// An export request's protobuf message, whatever wrapped it on the way: OTLP/gRPC sends it in a 5-byte frame
/// (a compression flag and a big-endian length), OTLP/HTTP may gzip the body. The offline buffer keeps the bare
/// message, so that it can be sent again over either protocol.
/// </summary>
internal static class OtlpPayload
{
    public const int GrpcFrameHeaderSize = 5;

    /// <summary>
    /// The bare message of a stored or captured body. A gRPC frame is recognised by its header, which a bare
    /// export request cannot start with: its first byte is the tag of field 1 (0x0A), never 0 or 1.
    /// </summary>
    public static byte[] Unwrap(byte[] body, bool gzipped)
    {
        if (IsGrpcFrame(body))
        {
            var message = body.AsSpan(GrpcFrameHeaderSize).ToArray();
            return body[0] == 1 ? Gunzip(message) : message;
        }

        return gzipped ? Gunzip(body) : body;
    }

    /// <summary>The message in an uncompressed gRPC frame.</summary>
    public static byte[] Frame(byte[] message)
    {
        var framed = new byte[GrpcFrameHeaderSize + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1, 4), (uint)message.Length);
        message.CopyTo(framed, GrpcFrameHeaderSize);
        return framed;
    }

    private static bool IsGrpcFrame(byte[] body) =>
        body.Length >= GrpcFrameHeaderSize
        && body[0] is 0 or 1
        && BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1, 4)) == (uint)(body.Length - GrpcFrameHeaderSize);

    private static byte[] Gunzip(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}

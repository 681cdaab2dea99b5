using System.Buffers;
using Grpc.Core;

namespace Otel.Collector.Receivers.Grpc;

/// <summary>
/// The bytes of one gRPC export message, copied by the marshaller out of the framework's buffer
/// (valid only while the marshaller runs) into pooled memory, so that the service itself waits for
/// its turn, counts what the bytes would decode into and only then decodes them.
/// </summary>
internal sealed class OtlpGrpcPayload : IDisposable
{
    private byte[]? _bytes;
    private readonly int _length;

    private OtlpGrpcPayload(byte[] bytes, int length)
    {
        _bytes = bytes;
        _length = length;
    }

    public ReadOnlySequence<byte> Bytes => new(_bytes ?? throw new ObjectDisposedException(nameof(OtlpGrpcPayload)), 0, _length);

    public static OtlpGrpcPayload Copy(DeserializationContext context)
    {
        var payload = context.PayloadAsReadOnlySequence();
        var length = checked((int)payload.Length);
        var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        payload.CopyTo(bytes);
        return new OtlpGrpcPayload(bytes, length);
    }

    public void Dispose()
    {
        if (_bytes is { } bytes)
        {
            _bytes = null;
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}

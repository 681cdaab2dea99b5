using System.Buffers;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Otel.Collector.Receivers.Grpc;

/// <summary>
/// The OTLP Export methods, bound by the receivers themselves instead of through the generated
/// service bases: the request marshaller only copies the message's bytes (<see cref="OtlpGrpcPayload"/>),
/// and <see cref="OtlpGrpcExport"/> checks and decodes them, so that a request that would decode into
/// too much is refused before it is built and one that is not valid protobuf fails with
/// INVALID_ARGUMENT and the parser's reason (as OTLP asks), rather than UNKNOWN.
/// </summary>
internal static class OtlpGrpcMethods
{
    public static Method<OtlpGrpcPayload, TResponse> Export<TResponse>(ServiceDescriptor service, MessageParser<TResponse> responseParser)
        where TResponse : IMessage<TResponse> =>
        new(
            MethodType.Unary,
            service.FullName,
            "Export",
            new Marshaller<OtlpGrpcPayload>(SerializePayload, OtlpGrpcPayload.Copy),
            new Marshaller<TResponse>(Serialize, context => Deserialize(context, responseParser)));

    private static void SerializePayload(OtlpGrpcPayload payload, SerializationContext context)
    {
        var bytes = payload.Bytes;
        context.SetPayloadLength(checked((int)bytes.Length));
        foreach (var segment in bytes)
        {
            context.GetBufferWriter().Write(segment.Span);
        }

        context.Complete();
    }

    private static void Serialize<T>(T message, SerializationContext context)
        where T : IMessage<T>
    {
        context.SetPayloadLength(message.CalculateSize());
        message.WriteTo(context.GetBufferWriter());
        context.Complete();
    }

    private static T Deserialize<T>(DeserializationContext context, MessageParser<T> parser)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(context.PayloadAsReadOnlySequence());
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.Internal, $"The message is not a valid {typeof(T).Name}: {ex.Message}"));
        }
    }
}

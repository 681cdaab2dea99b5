using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Otel.Collector.Receivers.Grpc;

/// <summary>
/// The OTLP Export methods, bound by the receivers themselves instead of through the generated
/// service bases so that a request that is not valid protobuf fails with INVALID_ARGUMENT and
/// the parser's reason (as OTLP asks), rather than UNKNOWN "Exception was thrown by handler".
/// </summary>
internal static class OtlpGrpcMethods
{
    public static Method<TRequest, TResponse> Export<TRequest, TResponse>(ServiceDescriptor service, MessageParser<TRequest> requestParser, MessageParser<TResponse> responseParser)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        new(
            MethodType.Unary,
            service.FullName,
            "Export",
            new Marshaller<TRequest>(Serialize, context => Deserialize(context, requestParser, StatusCode.InvalidArgument)),
            new Marshaller<TResponse>(Serialize, context => Deserialize(context, responseParser, StatusCode.Internal)));

    private static void Serialize<T>(T message, SerializationContext context)
        where T : IMessage<T>
    {
        context.SetPayloadLength(message.CalculateSize());
        message.WriteTo(context.GetBufferWriter());
        context.Complete();
    }

    private static T Deserialize<T>(DeserializationContext context, MessageParser<T> parser, StatusCode onError)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(context.PayloadAsReadOnlySequence());
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(new global::Grpc.Core.Status(onError, $"The message is not a valid {typeof(T).Name}: {ex.Message}"));
        }
    }
}

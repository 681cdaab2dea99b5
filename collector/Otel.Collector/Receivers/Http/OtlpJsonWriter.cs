using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;

namespace Otel.Collector.Receivers.Http;

/// <summary>
/// Writes responses as OTLP/JSON: lowerCamelCase names, defaults omitted (a full success is
/// <c>{}</c>, a partial success <c>{"partialSuccess":{"rejectedSpans":"2","errorMessage":"…"}}</c>),
/// 64-bit integers as strings. The registry lets <c>google.rpc.Status</c> details (RetryInfo) be written.
/// </summary>
internal static class OtlpJsonWriter
{
    private static readonly JsonFormatter Formatter = new(
        JsonFormatter.Settings.Default.WithTypeRegistry(TypeRegistry.FromMessages(RetryInfo.Descriptor)));

    // The formatter writes an empty message as "{ }"; "{}" is what people and tests expect.
    public static string Format(IMessage message) => message.CalculateSize() == 0 ? "{}" : Formatter.Format(message);
}

namespace Otel.Collector.Receivers.Http;

/// <summary>An OTLP/JSON body that cannot be decoded; the message says what is wrong and where (HTTP 400).</summary>
internal sealed class OtlpJsonException : Exception
{
    public OtlpJsonException()
    {
    }

    public OtlpJsonException(string message)
        : base(message)
    {
    }

    public OtlpJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

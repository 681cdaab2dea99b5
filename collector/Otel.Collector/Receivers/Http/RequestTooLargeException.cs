namespace Otel.Collector.Receivers.Http;

/// <summary>A request body went past the size limit, as sent or after decompression (HTTP 413).</summary>
internal sealed class RequestTooLargeException : Exception
{
    public RequestTooLargeException()
    {
    }

    public RequestTooLargeException(string message)
        : base(message)
    {
    }

    public RequestTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

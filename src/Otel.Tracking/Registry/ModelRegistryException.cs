using System.Net;

namespace Otel.Tracking.Registry;

/// <summary>
/// The model registry refused a call or could not be reached: <see cref="Exception.Message"/> is the collector's
/// reason and says what to do; <see cref="StatusCode"/> is its HTTP status (null when it was not reached).
/// </summary>
public sealed class ModelRegistryException : Exception
{
    /// <summary>A refusal or failure with the collector's reason.</summary>
    public ModelRegistryException(string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>404 unknown model, version, alias or run; 409 a conflict (a running run, missing bytes…); 400 bad input; null when unreachable.</summary>
    public HttpStatusCode? StatusCode { get; }
}

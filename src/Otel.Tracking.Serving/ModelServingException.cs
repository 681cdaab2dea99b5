namespace Otel.Tracking.Serving;

/// <summary>
/// The served model could not be resolved at start: the options are wrong, the registry refused (unknown model, alias or
/// version), or it could not be reached in time. <see cref="Exception.Message"/> says which and what to do.
/// </summary>
public sealed class ModelServingException : Exception
{
    /// <summary>A failure to resolve the served model, with what to do about it.</summary>
    public ModelServingException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

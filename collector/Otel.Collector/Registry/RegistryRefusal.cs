namespace Otel.Collector.Registry;

/// <summary>Why the registry refused a request; the API answers each with its own status.</summary>
internal enum RegistryRefusalKind
{
    /// <summary>Malformed input (a bad name, a missing field): 400.</summary>
    BadInput,

    /// <summary>An unknown model, version, alias or run: 404.</summary>
    NotFound,

    /// <summary>The registry's state forbids it now (an archived target, a gated alias, a running run): 409.</summary>
    Conflict,

    /// <summary>The request is well formed but its content is refused (a gate, an invalid condition): 422.</summary>
    Unprocessable,
}

/// <summary>A registry request refused with a message saying what was wrong and what to do; nothing was written.</summary>
internal sealed class RegistryRefusal(RegistryRefusalKind kind, string message) : Exception(message)
{
    public RegistryRefusalKind Kind { get; } = kind;

    public static RegistryRefusal BadInput(string message) => new(RegistryRefusalKind.BadInput, message);

    public static RegistryRefusal NotFound(string message) => new(RegistryRefusalKind.NotFound, message);

    public static RegistryRefusal Conflict(string message) => new(RegistryRefusalKind.Conflict, message);

    public static RegistryRefusal Unprocessable(string message) => new(RegistryRefusalKind.Unprocessable, message);
}

/// <summary>
/// This collector does not hold the <c>registry-writer</c> lease: another one does, or none yet. Answered 503 with
/// Retry-After, naming the holder.
/// </summary>
internal sealed class RegistryWriterUnavailableException(string? holder, TimeSpan retryAfter)
    : Exception(holder is null
        ? $"no collector holds the registry writer's lease yet (it is being claimed): retry in {retryAfter.TotalSeconds:0} s"
        : $"registry writes are made by the collector holding the registry writer's lease, {holder}, not this one: send them there, or retry in {retryAfter.TotalSeconds:0} s")
{
    public string? Holder { get; } = holder;

    public TimeSpan RetryAfter { get; } = retryAfter;
}

namespace Otel.Collector.Query.RunFilter;

/// <summary>A filter or order-by that cannot be used, with the position and what was expected: the API answers it with 400.</summary>
internal sealed class RunFilterException(string message) : Exception(message)
{
    public static RunFilterException At(string what, int position, string message) => new($"{what}: at character {position}: {message}");
}

using System.Text.Json;

namespace Otel.Cli.Reproduction;

/// <summary>
/// Reads <c>process.command_args</c> back. It travels as an OTLP string array, which the collector stores in its
/// string map as JSON text (<c>["dotnet","train.dll","C:\\data\\x.csv"]</c>), as the contrib ClickHouse exporter does.
/// </summary>
internal static class RecordedArguments
{
    /// <summary>The arguments, or null when absent or not a JSON array of strings (then the joined line is used).</summary>
    public static IReadOnlyList<string>? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<List<string>>(text) is { Count: > 0 } arguments && arguments.TrueForAll(a => a is not null) ? arguments : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

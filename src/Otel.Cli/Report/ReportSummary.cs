using System.Text.Json.Serialization;

namespace Otel.Cli.Report;

/// <summary><c>report --json</c>: the file written, how many runs and charts it holds, and its size.</summary>
internal sealed record ReportSummary(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("runs")] int Runs,
    [property: JsonPropertyName("runIds")] IReadOnlyList<string> RunIds,
    [property: JsonPropertyName("charts")] int Charts,
    [property: JsonPropertyName("bytes")] long Bytes);

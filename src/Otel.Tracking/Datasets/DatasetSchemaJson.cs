using System.Text.Json;

namespace Otel.Tracking.Datasets;

/// <summary><c>ml.dataset.schema</c>: a JSON array of <c>{"name", "type"}</c> objects, in column order.</summary>
internal static class DatasetSchemaJson
{
    // Column names are often non-ASCII; keep them readable (the value is an attribute, never embedded in HTML).
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(IReadOnlyList<DatasetColumn> columns)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartArray();
            foreach (var column in columns)
            {
                writer.WriteStartObject();
                writer.WriteString("name", column.Name);
                writer.WriteString("type", column.Type);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

using System.Text.Json;

namespace Otel.Cli.Output;

/// <summary>With --json, only JSON goes to stdout.</summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(JsonElement json)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, Indented))
        {
            json.WriteTo(writer);
        }

        stdout.Write("\n"u8);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Otel.Collector.Artifacts.S3;

/// <summary>
/// A multipart upload in progress, kept beside the upload spools as <c>multipart/SHA256.json</c> and rewritten after
/// every part, so an upload cut by a restart resumes with the parts S3 already holds. Kept locally because not every
/// S3-compatible server can list uploads and parts (s3rver cannot).
/// </summary>
internal sealed class S3MultipartState
{
    [JsonPropertyName("uploadId")] public required string UploadId { get; init; }

    [JsonPropertyName("partBytes")] public required long PartBytes { get; init; }

    /// <summary>ETag of each uploaded part, by part number.</summary>
    [JsonPropertyName("parts")] public Dictionary<int, string> Parts { get; init; } = [];

    public static string PathFor(string directory, string sha256) => Path.Combine(directory, sha256 + ".json");

    /// <summary>The saved state, or null when there is none or it cannot be read (the upload then starts over).</summary>
    public static S3MultipartState? Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<S3MultipartState>(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes to a temporary name, then renames: a crash leaves the old state or the new one, never half of one.</summary>
    public void Save(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(this));
        File.Move(temporary, path, overwrite: true);
    }
}

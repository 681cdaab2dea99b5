namespace Otel.Tracking.Artifacts;

/// <summary>
/// What <see cref="MlRun.LogArtifact"/> recorded. For a file: its artifact path, SHA-256 and size. For a directory:
/// the directory's artifact path, its manifest digest (see docs/semantic-conventions.md) and total size, with one
/// entry per file in <see cref="Files"/>; each file is one <c>ml.artifact</c> event.
/// </summary>
public sealed class ArtifactInfo
{
    internal ArtifactInfo(string path, string sha256, long size, string? kind, Uri? uri, bool uploaded, IReadOnlyList<ArtifactInfo>? files)
    {
        Path = path;
        Sha256 = sha256;
        Size = size;
        Kind = kind;
        Uri = uri;
        Uploaded = uploaded;
        Files = files ?? [this];
    }

    /// <summary>Artifact path within the run, '/'-separated (<c>ml.artifact.path</c>).</summary>
    public string Path { get; }

    /// <summary>Lowercase hex SHA-256 of the file, or the manifest digest of a directory (<c>ml.artifact.sha256</c>).</summary>
    public string Sha256 { get; }

    /// <summary>Bytes of the file, or of every file of the directory (<c>ml.artifact.size</c>).</summary>
    public long Size { get; }

    /// <summary>What the artifact is, e.g. <c>model</c>, <c>checkpoint</c>, <c>report</c> (<c>ml.artifact.kind</c>).</summary>
    public string? Kind { get; }

    /// <summary>
    /// Where the bytes are (<c>ml.artifact.uri</c>): <c>otel-track://artifacts/sha256/&lt;hex&gt;</c> once they are
    /// in the collector's artifact store, else the local <c>file://</c> URI they were read from (null only for
    /// content the SDK logged from memory that could not be uploaded).
    /// </summary>
    public Uri? Uri { get; }

    /// <summary>True when the collector's artifact store holds the bytes (of every file, for a directory).</summary>
    public bool Uploaded { get; }

    /// <summary>One entry per file, by ordinal path; a single file lists itself.</summary>
    public IReadOnlyList<ArtifactInfo> Files { get; }

    /// <summary>
    /// Path, kind, size, short SHA-256 and where the bytes are, e.g.
    /// <c>models/model.onnx (model, 12.3 MiB, sha256 9f86d081884c, uploaded)</c> or
    /// <c>checkpoints (3 files, 1.2 GiB, sha256 2c26b46b68ff, local only)</c>.
    /// </summary>
    public override string ToString()
    {
        var parts = new List<string>(5);
        if (!string.IsNullOrEmpty(Kind))
        {
            parts.Add(Kind);
        }

        if (Files.Count != 1 || !ReferenceEquals(Files[0], this))
        {
            parts.Add(Files.Count == 1 ? "1 file" : $"{Files.Count} files");
        }

        parts.Add(ReadableText.Bytes(Size));
        parts.Add("sha256 " + ReadableText.ShortDigest(Sha256));
        parts.Add(Uploaded ? "uploaded" : "local only");
        return $"{Path} ({string.Join(", ", parts)})";
    }
}

using static Otel.Tracking.MlSemanticConventions;

namespace Otel.Tracking.EnvironmentCapture;

/// <summary>
/// The container the process runs in: its id from the cgroup path (cgroup v1, and v2 without a cgroup namespace) or
/// else from the mounts the runtime bind-mounts from its container directory (cgroup v2 with a namespace), and its
/// image from <c>OTEL_TRACK_CONTAINER_IMAGE</c> / <c>OTEL_TRACK_CONTAINER_IMAGE_ID</c>: a container cannot see its
/// own image, and the Kubernetes downward API does not expose it, so the deployment passes it in.
/// </summary>
internal static class ContainerDetector
{
    /// <summary>Image reference, e.g. <c>registry:5000/team/trainer:1.4@sha256:…</c> (name, optional tag and digest).</summary>
    public const string ImageVariable = "OTEL_TRACK_CONTAINER_IMAGE";

    /// <summary>Image id (<c>sha256:…</c> of the image configuration), as <c>docker inspect</c> shows it.</summary>
    public const string ImageIdVariable = "OTEL_TRACK_CONTAINER_IMAGE_ID";

    private const int IdLength = 64;
    private static readonly string[] IdPrefixes = ["docker-", "cri-containerd-", "crio-", "libpod-", "containerd-"];

    public static ResourceAttributes Detect(EnvironmentSources sources)
    {
        var attributes = new ResourceAttributes();
        var id = (sources.ReadFile("/proc/self/cgroup") is { } cgroup ? ParseCgroup(cgroup) : null)
            ?? (sources.ReadFile("/proc/self/mountinfo") is { } mounts ? ParseMountInfo(mounts) : null);
        attributes.Add(ContainerId, id);

        if (sources.Variable(ImageVariable) is { Length: > 0 } image)
        {
            var (name, tag, digest) = ParseImage(image.Trim());
            attributes.Add(ContainerImageName, name);
            attributes.Add(ContainerImageTags, tag is null ? null : [tag]);
            attributes.Add(ContainerImageRepoDigests, digest is null ? null : [name + "@" + digest]);
        }

        attributes.Add(ContainerImageId, sources.Variable(ImageIdVariable));
        return attributes;
    }

    /// <summary>
    /// The last 64-hex path segment of any cgroup line, with runtime prefixes and <c>.scope</c> removed:
    /// <c>/docker/&lt;id&gt;</c>, <c>/kubepods/…/&lt;id&gt;</c>, <c>/system.slice/docker-&lt;id&gt;.scope</c>,
    /// <c>…/cri-containerd-&lt;id&gt;.scope</c>, <c>…/crio-&lt;id&gt;.scope</c>.
    /// </summary>
    internal static string? ParseCgroup(string cgroup)
    {
        foreach (var line in cgroup.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // hierarchy-id:controllers:path; the path may itself contain colons.
            var parts = line.Split(':', 3);
            if (parts.Length == 3 && LastId(parts[2].Split('/')) is { } id)
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>
    /// A container id from the source of a bind mount under a runtime's container directory, such as
    /// <c>/var/lib/docker/containers/&lt;id&gt;/hostname</c> or podman's <c>…/overlay-containers/&lt;id&gt;/userdata/hostname</c>.
    /// Kubernetes sandboxes (<c>…/sandboxes/&lt;id&gt;</c>) are the pod's pause container, not this one, and are skipped.
    /// </summary>
    internal static string? ParseMountInfo(string mountInfo)
    {
        foreach (var line in mountInfo.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Fields: id parent major:minor root mount-point …; the root is the source path within its filesystem.
            var fields = line.Split(' ');
            if (fields.Length < 5)
            {
                continue;
            }

            var segments = fields[3].Split('/');
            for (var i = 1; i < segments.Length; i++)
            {
                if (segments[i - 1] is "containers" or "overlay-containers" && IsId(segments[i]))
                {
                    return segments[i];
                }
            }
        }

        return null;
    }

    /// <summary>Splits <c>name[:tag][@digest]</c>; a colon before the last slash is a registry port, not a tag.</summary>
    internal static (string Name, string? Tag, string? Digest) ParseImage(string reference)
    {
        string? digest = null;
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = reference[(at + 1)..];
            reference = reference[..at];
        }

        var colon = reference.LastIndexOf(':');
        if (colon > reference.LastIndexOf('/'))
        {
            return (reference[..colon], reference[(colon + 1)..], digest is { Length: > 0 } ? digest : null);
        }

        return (reference, null, digest is { Length: > 0 } ? digest : null);
    }

    private static string? LastId(string[] segments)
    {
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            var segment = segments[i];
            if (segment.EndsWith(".scope", StringComparison.Ordinal))
            {
                segment = segment[..^".scope".Length];
            }

            foreach (var prefix in IdPrefixes)
            {
                if (segment.StartsWith(prefix, StringComparison.Ordinal))
                {
                    segment = segment[prefix.Length..];
                    break;
                }
            }

            if (IsId(segment))
            {
                return segment;
            }
        }

        return null;
    }

    private static bool IsId(string text) => text.Length == IdLength && text.All(char.IsAsciiHexDigitLower);
}

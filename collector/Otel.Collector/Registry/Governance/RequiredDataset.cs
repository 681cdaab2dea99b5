using System.Diagnostics.CodeAnalysis;

namespace Otel.Collector.Registry.Governance;

/// <summary>
/// A gate's required dataset: <c>NAME</c>, met by a frozen dataset of that name with a digest, or <c>NAME@DIGEST</c>,
/// met only by that exact digest (pins the data, not just its name).
/// </summary>
internal sealed record RequiredDataset(string Name, string? Digest)
{
    public override string ToString() => Digest is null ? Name : Name + "@" + Digest;

    public static bool TryParse(string? text, [NotNullWhen(true)] out RequiredDataset? dataset, [NotNullWhen(false)] out string? error)
    {
        var parts = (text ?? string.Empty).Trim().Split('@', 2);
        if (parts[0].Length == 0 || (parts.Length == 2 && parts[1].Length == 0) || parts.Any(p => p.Any(char.IsWhiteSpace)))
        {
            dataset = null;
            error = $"--require-dataset '{text}': give a dataset name as the run logged it (ml.dataset.name), optionally NAME@DIGEST to pin its digest";
            return false;
        }

        dataset = new RequiredDataset(parts[0], parts.Length == 2 ? parts[1] : null);
        error = null;
        return true;
    }
}

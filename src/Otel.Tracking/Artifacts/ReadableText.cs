using System.Globalization;

namespace Otel.Tracking.Artifacts;

/// <summary>The pieces of <see cref="ArtifactInfo"/>'s and <see cref="Datasets.DatasetInfo"/>'s readable text.</summary>
internal static class ReadableText
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary>Binary units with three significant digits at most: <c>512 B</c>, <c>1.5 KiB</c>, <c>12.3 MiB</c>, <c>130 GiB</c>.</summary>
    public static string Bytes(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        var format = unit == 0 || Math.Abs(value) >= 100 ? "0" : Math.Abs(value) >= 10 ? "0.#" : "0.##";
        return value.ToString(format, CultureInfo.InvariantCulture) + " " + Units[unit];
    }

    /// <summary>
    /// The first 12 hex digits: enough to tell digests apart by eye and to type as a prefix. A fixed length, because a
    /// ToString sees one digest and not the others beside it; the CLI, which shows sets of them, cuts each set to its
    /// shortest unique prefix instead (IdPrefixes).
    /// </summary>
    public static string ShortDigest(string digest) => digest.Length > 12 ? digest[..12] : digest;
}

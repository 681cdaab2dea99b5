using System.Text.Json;

namespace Otel.Tracking.Query;

/// <summary>The packages a run recorded in <c>ml.process.packages</c>, read from its provenance.</summary>
public static class RunPackages
{
    /// <summary><c>ml.process.packages</c> is a JSON array of <c>Name/Version</c>; name → version (empty when absent or of another shape).</summary>
    public static Dictionary<string, string> Of(RunDetail run)
    {
        var packages = new Dictionary<string, string>(StringComparer.Ordinal);
        if (run.Provenance.TryGetValue(MlSemanticConventions.ProcessPackages, out var text) && text.StartsWith('['))
        {
            try
            {
                foreach (var item in JsonDocument.Parse(text).RootElement.EnumerateArray())
                {
                    var entry = item.GetString() ?? string.Empty;
                    var slash = entry.LastIndexOf('/');
                    packages[slash > 0 ? entry[..slash] : entry] = slash > 0 ? entry[(slash + 1)..] : string.Empty;
                }
            }
            catch (JsonException)
            {
                // Not this SDK's shape: leave packages out of the comparison rather than fail the diff.
            }
        }

        return packages;
    }
}

namespace Otel.Collector.Production.Slo;

/// <summary>
/// An SLO file as read by <see cref="SloFileParser"/>: its SLOs when <see cref="Errors"/> is empty; every error and
/// warning names the file, the SLO and the field.
/// </summary>
internal sealed record SloFile(string Path, IReadOnlyList<SloDefinition> Slos, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>Reads and parses <paramref name="path"/>; an unreadable file is one error.</summary>
    public static SloFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SloFile(path, [], [$"{path}: cannot read the SLO file ({e.Message})"], []);
        }

        return SloFileParser.Parse(path, text);
    }
}

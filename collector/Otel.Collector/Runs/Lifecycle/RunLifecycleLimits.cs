namespace Otel.Collector.Runs.Lifecycle;

/// <summary>Bounds on what users write after the fact, checked before anything is written.</summary>
internal static class RunLifecycleLimits
{
    public const int MaxNameLength = 256;
    public const int MaxNoteLength = 16 * 1024;
    public const int MaxTagKeyLength = 256;
    public const int MaxTagValueLength = 4096;

    public static string? CheckName(string name) =>
        string.IsNullOrWhiteSpace(name) ? "a run name must not be empty: pass the new name, e.g. `otel-track runs rename RUN baseline-v2`"
        : name.Length > MaxNameLength ? $"a run name is at most {MaxNameLength} characters (got {name.Length})"
        : name.Any(char.IsControl) ? "a run name must not contain control characters (line breaks, tabs)"
        : null;

    public static string? CheckNote(string note) =>
        note.Length > MaxNoteLength ? $"a note is at most {MaxNoteLength} characters (got {note.Length}): keep long documents as artifacts" : null;

    public static string? CheckTag(string key, string? value) =>
        string.IsNullOrWhiteSpace(key) ? "a tag key must not be empty: use key=value, e.g. `otel-track runs tag RUN stage=baseline`"
        : key.Length > MaxTagKeyLength ? $"a tag key is at most {MaxTagKeyLength} characters (got {key.Length})"
        : key.Any(char.IsControl) ? "a tag key must not contain control characters"
        : value is null ? "a tag needs a value: send {\"value\": \"...\"} (an empty string is a value; remove a tag with DELETE)"
        : value.Length > MaxTagValueLength ? $"a tag value is at most {MaxTagValueLength} characters (got {value.Length})"
        : null;
}

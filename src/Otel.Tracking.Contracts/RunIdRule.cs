namespace Otel.Tracking;

/// <summary>
/// Which strings can be run ids: exactly those that travel as one escaped URL path segment and as a command-line
/// argument and come back unchanged, so every accepted run can be read back through the API and the CLI.
/// Applied wherever a run id enters (<c>ml.run.id</c>, <c>ml.run.parent_id</c>, <c>ml.run.reproduces</c>, metric
/// data points); documented in docs/semantic-conventions.md.
/// </summary>
public static class RunIdRule
{
    /// <summary>Bounds one row key, and keeps a URL with a few escaped ids under Kestrel's 8 KB request line.</summary>
    public const int MaxLength = 256;

    /// <summary>Null when <paramref name="id"/> is a valid run id, else why not (to follow the attribute name).</summary>
    public static string? Check(string id)
    {
        if (id.Length == 0)
        {
            return "must be a non-empty string";
        }

        if (id.Length > MaxLength)
        {
            return $"is longer than {MaxLength} characters";
        }

        // HTTP clients and servers remove these as path segments ("runs/.." is "/"), whatever the escaping.
        if (id is "." or "..")
        {
            return $"cannot be '{id}' (URL paths drop the dot segments '.' and '..')";
        }

        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (char.IsControl(c))
            {
                // Servers refuse them in paths (an escaped NUL is a 400) and terminals do not show them.
                return $"contains the control character U+{(int)c:X4} at position {i}";
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < id.Length && char.IsLowSurrogate(id[++i])))
            {
                return "is not well-formed Unicode (an unpaired surrogate cannot be encoded as UTF-8)";
            }
        }

        return null;
    }

    /// <summary>The partial-success reason for the run id in <paramref name="attribute"/>, or null when it is valid.</summary>
    public static string? Reason(string attribute, string id) =>
        Check(id) is { } problem ? $"attribute {attribute} {problem}" : null;

    /// <summary>Like <see cref="Reason"/> for a reference to another run (parent, original), where empty means none.</summary>
    public static string? CheckReference(string attribute, string? id) =>
        string.IsNullOrEmpty(id) ? null : Reason(attribute, id);
}

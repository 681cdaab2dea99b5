namespace Otel.Collector.Redaction;

/// <summary>
/// Secret redaction applied by the collector before anything is stored; checked by
/// <see cref="RedactionOptionsValidator"/>. See docs/redaction.md.
/// </summary>
internal sealed class RedactionOptions
{
    /// <summary>The default of <see cref="Marker"/>.</summary>
    public const string DefaultMarker = "[REDACTED]";

    /// <summary>Redact at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Text that replaces a secret. Default <c>[REDACTED]</c>. Non-empty, at most 64 characters, no
    /// whitespace and none of <c>; &amp; # @ / : = " ' { }</c> (a marker must not look like the
    /// delimiters the rules stop at, or redacting twice would differ from redacting once).
    /// </summary>
    public string Marker { get; set; } = DefaultMarker;

    /// <summary>Regular expressions (matched case-insensitively anywhere in the attribute key) that make a key secret, in addition to the built-in names.</summary>
    public IList<string> ExtraKeyPatterns { get; } = [];

    /// <summary>
    /// Regular expressions matched in every value, in addition to the built-in formats. The match is
    /// replaced, or only its group named <c>secret</c> when the pattern has one.
    /// </summary>
    public IList<string> ExtraValuePatterns { get; } = [];

    /// <summary>Exact attribute keys (as sent, e.g. <c>ml.param.api_key_count</c>) whose values are never redacted.</summary>
    public IList<string> AllowKeys { get; } = [];

    /// <summary>Built-in rules to switch off, by name (<see cref="RedactionRules"/>).</summary>
    public IList<string> DisabledRules { get; } = [];
}

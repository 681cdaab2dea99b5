using System.CommandLine;
using Otel.Collector.Redaction;

namespace Otel.Cli.Commands;

/// <summary>The serve flags that configure secret redaction (docs/redaction.md).</summary>
internal sealed class RedactionFlags
{
    private readonly Option<string[]> _keyPatterns = new("--redact-key") { Description = "Extra regex: attribute keys whose values are secrets (repeatable)" };
    private readonly Option<string[]> _valuePatterns = new("--redact-value") { Description = "Extra regex: secret values anywhere; a group named 'secret' limits what is replaced (repeatable)" };
    private readonly Option<string[]> _allowKeys = new("--redact-allow-key") { Description = "Exact attribute key never redacted (repeatable)" };
    private readonly Option<string[]> _disabledRules = new("--redact-disable-rule") { Description = "Built-in rule to turn off, by name (repeatable)" };
    private readonly Option<bool> _off = new("--no-redaction") { Description = "Store values exactly as sent (not recommended)" };

    public IEnumerable<Option> All => [_keyPatterns, _valuePatterns, _allowKeys, _disabledRules, _off];

    public void Apply(ParseResult parse, RedactionOptions options)
    {
        options.Enabled = !parse.GetValue(_off);
        AddAll(options.ExtraKeyPatterns, parse.GetValue(_keyPatterns));
        AddAll(options.ExtraValuePatterns, parse.GetValue(_valuePatterns));
        AddAll(options.AllowKeys, parse.GetValue(_allowKeys));
        AddAll(options.DisabledRules, parse.GetValue(_disabledRules));
    }

    private static void AddAll(IList<string> target, string[]? values)
    {
        foreach (var value in values ?? [])
        {
            target.Add(value);
        }
    }
}

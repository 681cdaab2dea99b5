using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Otel.Collector.Redaction;

/// <summary>
/// Replaces credentials in attribute values by a marker before the collector stores them, keeping
/// the key (rules: docs/redaction.md). Thread-safe and immutable once built; a value without a
/// secret comes back as the same instance, without allocating.
/// </summary>
internal sealed class SecretRedactor
{
    /// <summary>User patterns may backtrack badly; past this a match fails closed (the value is redacted).</summary>
    public static readonly TimeSpan ExtraPatternTimeout = TimeSpan.FromMilliseconds(200);

    private readonly bool enabled;
    private readonly bool keyNameRule;
    private readonly bool awsSecretRule;
    private readonly FrozenSet<string> allowKeys;
    private readonly Regex[] extraKeyPatterns;
    private readonly TextRule[] textRules;

    /// <summary>Union of the hints of every text rule: a value holding none of them cannot contain a secret.</summary>
    private readonly TextHints? anyHint;

    private readonly KeyVerdictCache keyVerdicts;

    /// <exception cref="OptionsValidationException">The options are invalid; the message lists every problem.</exception>
    public SecretRedactor(RedactionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = RedactionOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(RedactionOptions), errors);
        }

        var disabled = options.DisabledRules.ToHashSet(StringComparer.Ordinal);
        enabled = options.Enabled;
        Marker = options.Marker;
        keyNameRule = !disabled.Contains(RedactionRules.SecretKeyName);
        awsSecretRule = !disabled.Contains(RedactionRules.AwsSecretAccessKey);
        allowKeys = options.AllowKeys.ToFrozenSet(StringComparer.Ordinal);
        keyVerdicts = new KeyVerdictCache(ComputeSecretKeyRule);
        extraKeyPatterns = [.. options.ExtraKeyPatterns.Select(p => new Regex(p, RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, ExtraPatternTimeout))];
        textRules =
        [
            .. BuiltInTextRules.Create(IsSecretName).Where(rule => !disabled.Contains(rule.Name)),
            .. options.ExtraValuePatterns.Select(p => new TextRule(RedactionRules.ExtraValuePattern,
                new Regex(p, RegexOptions.Compiled | RegexOptions.CultureInvariant, ExtraPatternTimeout), hints: null)),
        ];
        anyHint = textRules.Any(rule => rule.Hints is null) ? null : new TextHints(textRules.SelectMany(rule => rule.Hints!.All));
        string?[] keyRules =
        [
            keyNameRule ? RedactionRules.SecretKeyName : null,
            awsSecretRule ? RedactionRules.AwsSecretAccessKey : null,
            extraKeyPatterns.Length > 0 ? RedactionRules.ExtraKeyPattern : null,
        ];
        RuleNames = enabled ? [.. keyRules.OfType<string>().Concat(textRules.Select(rule => rule.Name)).Distinct(StringComparer.Ordinal)] : [];
    }

    /// <summary>Every rule this redactor applies, so the collector's metrics report each from zero on.</summary>
    public IReadOnlyList<string> RuleNames { get; }

    public static SecretRedactor CreateDefault() => new(new RedactionOptions());

    public string Marker { get; }

    public RedactionCounters Counters { get; } = new();

    /// <summary>True when a value under <paramref name="key"/> is replaced whole (rule <c>secret-key-name</c> or an extra key pattern), unless the key is allowed.</summary>
    public bool IsSecretKey(string key) => enabled && !allowKeys.Contains(key) && SecretKeyRule(key) is not null;

    /// <summary>The value to store for attribute <paramref name="key"/>: <paramref name="value"/> itself, the marker, or the value with its secrets replaced.</summary>
    public string Redact(string key, string value)
    {
        if (!enabled || value.Length == 0 || allowKeys.Contains(key))
        {
            return value;
        }

        var rule = SecretKeyRule(key) ?? AwsSecretByKey(key, value);
        if (rule is not null)
        {
            if (value == Marker)
            {
                return value;
            }

            Counters.Add(rule, 1);
            return Marker;
        }

        return RedactText(value);
    }

    /// <summary>Replaces the secrets inside free text (a command line, a URL, a connection string, a log body), whatever its key.</summary>
    public string RedactText(string text)
    {
        if (!enabled || text.Length == 0 || (anyHint is not null && !anyHint.AnyIn(text)))
        {
            return text;
        }

        foreach (var rule in textRules)
        {
            text = rule.Apply(text, Marker, Counters);
        }

        return text;
    }

    /// <summary>Attribute keys repeat on every span, so their verdict is remembered (bounded).</summary>
    private string? SecretKeyRule(string key) => keyVerdicts.Get(key);

    private string? ComputeSecretKeyRule(string key)
    {
        if (keyNameRule && CredentialKeyNames.IsCredential(key))
        {
            return RedactionRules.SecretKeyName;
        }

        return MatchesExtraKeyPattern(key) ? RedactionRules.ExtraKeyPattern : null;
    }

    /// <summary>A name inside text (<c>Password</c> of <c>Password=…</c>): built-in names and extra key patterns, whatever rule <c>secret-key-name</c> says about attribute keys.</summary>
    private bool IsSecretName(ReadOnlySpan<char> name) => CredentialKeyNames.IsCredential(name) || MatchesExtraKeyPattern(name);

    private bool MatchesExtraKeyPattern(ReadOnlySpan<char> key)
    {
        foreach (var pattern in extraKeyPatterns)
        {
            try
            {
                if (pattern.IsMatch(key))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return true; // fail closed
            }
        }

        return false;
    }

    /// <summary>An AWS secret access key has no prefix; it is recognised by shape under a key that mentions aws.</summary>
    private string? AwsSecretByKey(string key, string value) =>
        awsSecretRule && value.Length == 40 && key.Contains("aws", StringComparison.OrdinalIgnoreCase) && RedactionPatterns.AwsSecretValue().IsMatch(value)
            ? RedactionRules.AwsSecretAccessKey
            : null;
}

using Microsoft.Extensions.Options;
using Otel.Collector.Redaction;

namespace Otel.Collector.Tests.Redaction;

/// <summary>Configuration: switches, marker, extra patterns, allowed keys, disabled rules and their validation.</summary>
public sealed class RedactionOptionsTests
{
    [Fact]
    public void Validate_Defaults_HasNoErrors()
    {
        Assert.Empty(RedactionOptionsValidator.Validate(new RedactionOptions()));
    }

    [Fact]
    public void Validate_SeveralBadOptions_ReportsEachNamingOptionAndValue()
    {
        var options = new RedactionOptions { Marker = "a b" };
        options.ExtraKeyPatterns.Add("^ok$");
        options.ExtraKeyPatterns.Add("(unclosed");
        options.ExtraValuePatterns.Add("[z-a]");
        options.DisabledRules.Add("no-such-rule");
        options.AllowKeys.Add("");

        var errors = RedactionOptionsValidator.Validate(options);

        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.Contains("RedactionOptions.Marker 'a b'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("RedactionOptions.ExtraKeyPatterns[1] '(unclosed' is not a valid regular expression", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("RedactionOptions.ExtraValuePatterns[0] '[z-a]' is not a valid regular expression", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("RedactionOptions.DisabledRules 'no-such-rule'", StringComparison.Ordinal) && e.Contains(RedactionRules.Jwt, StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("RedactionOptions.AllowKeys[0] is empty", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x;y")]
    [InlineData("<secret>=")]
    [InlineData("\"x\"")]
    public void Validate_MarkerWithDelimiter_IsRejected(string marker)
    {
        var error = Assert.Single(RedactionOptionsValidator.Validate(new RedactionOptions { Marker = marker }));
        Assert.Contains("RedactionOptions.Marker", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsWithEveryError()
    {
        var options = new RedactionOptions();
        options.ExtraKeyPatterns.Add("(a");
        options.ExtraValuePatterns.Add("(b");

        var e = Assert.Throws<OptionsValidationException>(() => new SecretRedactor(options));

        Assert.Equal(2, e.Failures.Count());
        Assert.Contains("'(a'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'(b'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_Disabled_ReturnsEverythingUnchanged()
    {
        var redactor = new SecretRedactor(new RedactionOptions { Enabled = false });
        var url = "https://u:p@h/";

        Assert.Same("hunter2", redactor.Redact("password", "hunter2"));
        Assert.Same(url, redactor.RedactText(url));
        Assert.False(redactor.IsSecretKey("password"));
    }

    [Fact]
    public void Redact_CustomMarker_IsUsedEverywhere()
    {
        var redactor = new SecretRedactor(new RedactionOptions { Marker = "***" });

        Assert.Equal("***", redactor.Redact("password", "hunter2"));
        Assert.Equal("https://u:***@h/", redactor.Redact("url", "https://u:p@h/"));
        Assert.Equal("https://u:***@h/", redactor.Redact("url", "https://u:***@h/"));
    }

    [Fact]
    public void Redact_AllowedKey_IsNeverRedacted()
    {
        var options = new RedactionOptions();
        options.AllowKeys.Add("ml.param.auth");
        var redactor = new SecretRedactor(options);

        Assert.False(redactor.IsSecretKey("ml.param.auth"));
        Assert.Same("https://u:p@h/", redactor.Redact("ml.param.auth", "https://u:p@h/"));
        Assert.Equal(FakeSecrets.Marker, redactor.Redact("ml.tag.auth", "oauth"));
    }

    [Fact]
    public void Redact_ExtraKeyPattern_RedactsMatchingKeysAndNamesInText()
    {
        var options = new RedactionOptions();
        options.ExtraKeyPatterns.Add(@"(^|\.)mnemonic$");
        var redactor = new SecretRedactor(options);

        Assert.True(redactor.IsSecretKey("wallet.MNEMONIC"));
        Assert.Equal(FakeSecrets.Marker, redactor.Redact("wallet.mnemonic", "abandon ability able"));
        Assert.Equal("run --mnemonic [REDACTED]", redactor.Redact("process.command_line", "run --mnemonic abandon"));
        Assert.Equal(1, redactor.Counters[RedactionRules.ExtraKeyPattern]);
        Assert.Same("x", redactor.Redact("mnemonic_count", "x"));
    }

    [Fact]
    public void Redact_ExtraValuePattern_ReplacesMatchOrItsSecretGroup()
    {
        var options = new RedactionOptions();
        options.ExtraValuePatterns.Add("INT-[0-9]{6}");
        options.ExtraValuePatterns.Add(@"vault:(?<secret>[a-z0-9]+)");
        var redactor = new SecretRedactor(options);

        Assert.Equal("ticket [REDACTED] via vault:[REDACTED]", redactor.Redact("note", "ticket INT-123456 via vault:abc123"));
        Assert.Equal(2, redactor.Counters[RedactionRules.ExtraValuePattern]);
        Assert.Same("plain", redactor.Redact("note", "plain"));
    }

    [Fact]
    public void Redact_ExtraValuePatternTimesOut_FailsClosed()
    {
        var options = new RedactionOptions();
        options.ExtraValuePatterns.Add("(a+)+$");
        var redactor = new SecretRedactor(options);

        Assert.Equal(FakeSecrets.Marker, redactor.Redact("note", new string('a', 64) + "!"));
    }

    [Fact]
    public void Redact_DisabledRule_IsSkippedOthersStillApply()
    {
        var options = new RedactionOptions();
        options.DisabledRules.Add(RedactionRules.Jwt);
        options.DisabledRules.Add(RedactionRules.SecretKeyName);
        var redactor = new SecretRedactor(options);

        Assert.Same(FakeSecrets.Jwt, redactor.Redact("note", FakeSecrets.Jwt));
        Assert.Same("hunter2", redactor.Redact("password", "hunter2"));
        Assert.False(redactor.IsSecretKey("password"));
        Assert.Equal("Password=[REDACTED];", redactor.Redact("cs", "Password=hunter2;"));
        Assert.Equal(FakeSecrets.Marker, redactor.Redact("note", FakeSecrets.AwsAccessKeyId));
    }
}

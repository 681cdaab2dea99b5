using Otel.Collector.Redaction;

namespace Otel.Collector.Tests.Redaction;

/// <summary>Key-format rules: well-known credential shapes are replaced under any key; near misses are kept.</summary>
public sealed class KeyFormatRuleTests
{
    private readonly SecretRedactor redactor = SecretRedactor.CreateDefault();

    public static TheoryData<string, string> Formats => new()
    {
        { RedactionRules.AwsAccessKeyId, FakeSecrets.AwsAccessKeyId },
        { RedactionRules.AwsAccessKeyId, "ASIAY34FZKBOKMUTVV7A" },
        { RedactionRules.GitHubToken, FakeSecrets.Token("ghp_", 36) },
        { RedactionRules.GitHubToken, FakeSecrets.Token("gho_", 36) },
        { RedactionRules.GitHubToken, FakeSecrets.Token("ghu_", 36) },
        { RedactionRules.GitHubToken, FakeSecrets.Token("ghs_", 36) },
        { RedactionRules.GitHubToken, FakeSecrets.Token("ghr_", 36) },
        { RedactionRules.GitHubToken, FakeSecrets.Token("github_pat_", 82) },
        { RedactionRules.GitLabToken, FakeSecrets.Token("glpat-", 20) },
        { RedactionRules.SlackToken, "xoxb-" + FakeSecrets.Token("1234567890-", 24) },
        { RedactionRules.SlackToken, FakeSecrets.Token("xoxp-", 30) },
        { RedactionRules.StripeKey, FakeSecrets.Token("sk_" + "live_", 24) },
        { RedactionRules.StripeKey, FakeSecrets.Token("rk_" + "live_", 24) },
        { RedactionRules.GoogleApiKey, FakeSecrets.Token("AIza", 35) },
        { RedactionRules.OpenAiKey, FakeSecrets.Token("sk-", 48) },
        { RedactionRules.OpenAiKey, FakeSecrets.Token("sk-proj-", 64) },
        { RedactionRules.Jwt, FakeSecrets.Jwt },
        { RedactionRules.NpmToken, FakeSecrets.Token("npm_", 36) },
        { RedactionRules.HuggingFaceToken, FakeSecrets.Token("hf_", 34) },
        { RedactionRules.OtelTrackKey, FakeSecrets.Token("otk_", 43) },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Redact_KnownFormatAsWholeValue_ReplacesItUnderAnyKey(string rule, string secret)
    {
        Assert.Equal(FakeSecrets.Marker, redactor.Redact("ml.tag.note", secret));
        Assert.Equal(1, redactor.Counters[rule]);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void RedactText_KnownFormatInsideText_ReplacesOnlyTheSecret(string rule, string secret)
    {
        Assert.Equal("using [REDACTED] for upload", redactor.RedactText($"using {secret} for upload"));
        Assert.Equal(1, redactor.Counters[rule]);
    }

    [Theory]
    [InlineData("AKIA1234")]
    [InlineData("XAKIAIOSFODNN7EXAMPLE")]
    [InlineData("akiaiosfodnn7example")]
    [InlineData("ghp_short")]
    [InlineData("ghx_aB3cD4eF5gH6iJ7kL8mN9pQ2rSaB3cD4eF5g")]
    [InlineData("glpat-short")]
    [InlineData("xoxz-1234567890-abcdef")]
    [InlineData("xoxb-1")]
    [InlineData("sk_live_short")]
    [InlineData("pk_live_aB3cD4eF5gH6iJ7kL8mN9pQ2")]
    [InlineData("AIzaShort")]
    [InlineData("sk-learn")]
    [InlineData("task-aB3cD4eF5gH6iJ7kL8mN9pQ2rSaB3cD4eF5gH6")]
    [InlineData("sk-abcdefghijklmnopqrstuvwxyzabcdefghijkl")]
    [InlineData("eyJhbGci.x.y")]
    [InlineData("npm_install")]
    [InlineData("hf_hub_download")]
    [InlineData("hf_model")]
    [InlineData("4f1c2e9d8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e")]
    [InlineData("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    public void Redact_NearMiss_ReturnsSameInstance(string value)
    {
        Assert.Same(value, redactor.Redact("ml.tag.note", value));
    }

    [Fact]
    public void Redact_AwsSecretUnderAwsKey_ReplacesIt()
    {
        Assert.Equal(FakeSecrets.Marker, redactor.Redact("aws.sk", FakeSecrets.AwsSecretAccessKey));
        Assert.Equal(1, redactor.Counters[RedactionRules.AwsSecretAccessKey]);
    }

    [Theory]
    [InlineData("aws_secret_access_key = {0}", "aws_secret_access_key = [REDACTED]")]
    [InlineData("{1}:{0}", "[REDACTED]:[REDACTED]")]
    [InlineData("AWS_SECRET=\"{0}\"", "AWS_SECRET=\"[REDACTED]\"")]
    public void RedactText_AwsSecretNearAwsName_ReplacesIt(string template, string expected)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, FakeSecrets.AwsSecretAccessKey, FakeSecrets.AwsAccessKeyId);
        Assert.Equal(expected, redactor.RedactText(text));
        Assert.Equal(1, redactor.Counters[RedactionRules.AwsSecretAccessKey]);
    }

    [Fact]
    public void Redact_FortyCharacterValueWithoutAwsContext_ReturnsSameInstance()
    {
        // A git commit is 40 characters of the same alphabet; only the aws context makes it a secret.
        var commit = "4f1c2e9d8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e";
        Assert.Same(commit, redactor.Redact("vcs.ref.head.revision", commit));
        Assert.Same(FakeSecrets.AwsSecretAccessKey, redactor.Redact("ml.tag.note", FakeSecrets.AwsSecretAccessKey));
    }

    [Theory]
    [InlineData("RSA ")]
    [InlineData("")]
    [InlineData("EC ")]
    [InlineData("OPENSSH ")]
    [InlineData("ENCRYPTED ")]
    public void Redact_PemPrivateKey_KeepsHeaderAndFooterReplacesBody(string kind)
    {
        var pem = $"-----BEGIN {kind}PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7bq\nx9Yz==\n-----END {kind}PRIVATE KEY-----\n";
        Assert.Equal($"-----BEGIN {kind}PRIVATE KEY-----[REDACTED]-----END {kind}PRIVATE KEY-----\n", redactor.Redact("tls.key_file_contents", pem));
        Assert.Equal(1, redactor.Counters[RedactionRules.PrivateKeyPem]);
    }

    [Fact]
    public void Redact_TruncatedPemPrivateKey_ReplacesToTheEnd()
    {
        Assert.Equal("cfg: -----BEGIN PRIVATE KEY-----[REDACTED]", redactor.Redact("cfg", "cfg: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq"));
    }

    [Theory]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+g\n-----END CERTIFICATE-----")]
    public void Redact_PemPublicMaterial_ReturnsSameInstance(string pem)
    {
        Assert.Same(pem, redactor.Redact("tls.cert", pem));
    }

    [Theory]
    [InlineData("Authorization: Bearer abc123def456", "Authorization: Bearer [REDACTED]")]
    [InlineData("-H 'authorization: bearer 0a1b2c3d4e5f6a7b'", "-H 'authorization: bearer [REDACTED]'")]
    [InlineData("Basic dXNlcjpwYXNz", "Basic [REDACTED]")]
    [InlineData("Basic dXNlcjpwYXNzd29yZA==", "Basic [REDACTED]")]
    public void RedactText_AuthorizationCredentials_ReplacesTheCredential(string text, string expected)
    {
        Assert.Equal(expected, redactor.RedactText(text));
        Assert.Equal(1, redactor.Counters[RedactionRules.AuthorizationHeader]);
    }

    [Theory]
    [InlineData("basic preprocessing pipeline")]
    [InlineData("Bearer of bad news")]
    [InlineData("basic TF-IDF baseline")]
    [InlineData("Basic")]
    public void Redact_ProseWithBasicOrBearer_ReturnsSameInstance(string text)
    {
        Assert.Same(text, redactor.Redact("ml.tag.description", text));
    }
}

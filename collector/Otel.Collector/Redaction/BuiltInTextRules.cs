using System.Collections.Frozen;

namespace Otel.Collector.Redaction;

/// <summary>The built-in rules that look inside values, in the order they run.</summary>
internal static class BuiltInTextRules
{
    /// <summary>Query parameters that carry signatures rather than credentials by name (pre-signed S3, GCS and Azure SAS URLs).</summary>
    private static readonly FrozenSet<string> SignatureParameters = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "sig", "signature", "x-amz-signature", "x-goog-signature", "x-amz-security-token");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> SignatureLookup = SignatureParameters.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Structured rules run first so a token inside <c>password=…</c> is counted once, under the
    /// rule that names its place; the key formats then catch what stands alone.
    /// </summary>
    public static List<TextRule> Create(SecretNameFilter isSecretName)
    {
        bool IsSecretParameter(ReadOnlySpan<char> name) => SignatureLookup.Contains(name) || isSecretName(name);

        return
        [
            new(RedactionRules.PrivateKeyPem, RedactionPatterns.PrivateKeyPem(), ["PRIVATE KEY"]),
            new(RedactionRules.UrlUserInfo, RedactionPatterns.UrlUserInfo(), ["://"]),
            new(RedactionRules.UrlQuerySecret, RedactionPatterns.QueryParameter(), ["="], QueryName, IsSecretParameter),
            new(RedactionRules.AwsSecretAccessKey, RedactionPatterns.AwsSecretNearName(), ["aws", "AKIA", "ASIA"]),
            new(RedactionRules.ConnectionStringSecret, RedactionPatterns.Assignment(), ["="], AssignmentName, isSecretName),
            new(RedactionRules.CliFlagSecret, RedactionPatterns.CliFlag(), ["^-", " -", "\t-", "\n-", "\"-", "'-"], FlagName, isSecretName),
            new(RedactionRules.JsonSecretField, RedactionPatterns.JsonField(), ["\":\"", "\": ", "\" :", "\":\t"], JsonName, isSecretName),
            new(RedactionRules.AuthorizationHeader, RedactionPatterns.AuthorizationHeader(), ["bearer", "basic"]),
            new(RedactionRules.AwsAccessKeyId, RedactionPatterns.AwsAccessKeyId(), ["AKIA", "ASIA"]),
            new(RedactionRules.GitHubToken, RedactionPatterns.GitHubToken(), ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"]),
            new(RedactionRules.GitLabToken, RedactionPatterns.GitLabToken(), ["glpat-"]),
            new(RedactionRules.SlackToken, RedactionPatterns.SlackToken(), ["xox"]),
            new(RedactionRules.StripeKey, RedactionPatterns.StripeKey(), ["k_live_", "k_test_"]),
            new(RedactionRules.GoogleApiKey, RedactionPatterns.GoogleApiKey(), ["AIza"]),
            new(RedactionRules.OpenAiKey, RedactionPatterns.OpenAiKey(), ["sk-"]),
            new(RedactionRules.Jwt, RedactionPatterns.Jwt(), ["eyJ"]),
            new(RedactionRules.NpmToken, RedactionPatterns.NpmToken(), ["npm_"]),
            new(RedactionRules.HuggingFaceToken, RedactionPatterns.HuggingFaceToken(), ["hf_"]),
            new(RedactionRules.OtelTrackKey, RedactionPatterns.OtelTrackKey(), ["otk_"]),
        ];
    }

    // Each reader gets a whole match of its pattern (RedactionPatterns) and returns the name in it.
    private static ReadOnlySpan<char> QueryName(ReadOnlySpan<char> match) => match[1..match.IndexOf('=')];

    private static ReadOnlySpan<char> AssignmentName(ReadOnlySpan<char> match) => match[..match.IndexOfAny(" \t=")];

    private static ReadOnlySpan<char> FlagName(ReadOnlySpan<char> match)
    {
        var flag = match.TrimStart('-');
        return flag[..flag.IndexOfAny(" \t\"")];
    }

    private static ReadOnlySpan<char> JsonName(ReadOnlySpan<char> match) => match[1..(1 + match[1..].IndexOf('"'))];
}

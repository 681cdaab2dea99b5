namespace Otel.Collector.Redaction;

/// <summary>
/// Names of the built-in redaction rules: used to disable a rule (<see cref="RedactionOptions.DisabledRules"/>)
/// and as the keys of <see cref="RedactionCounters"/>. docs/redaction.md documents each one.
/// </summary>
internal static class RedactionRules
{
    public const string SecretKeyName = "secret-key-name";
    public const string UrlUserInfo = "url-userinfo";
    public const string UrlQuerySecret = "url-query-secret";
    public const string ConnectionStringSecret = "connection-string-secret";
    public const string CliFlagSecret = "cli-flag-secret";
    public const string JsonSecretField = "json-secret-field";
    public const string PrivateKeyPem = "private-key-pem";
    public const string AuthorizationHeader = "authorization-header";
    public const string AwsAccessKeyId = "aws-access-key-id";
    public const string AwsSecretAccessKey = "aws-secret-access-key";
    public const string GitHubToken = "github-token";
    public const string GitLabToken = "gitlab-token";
    public const string SlackToken = "slack-token";
    public const string StripeKey = "stripe-key";
    public const string GoogleApiKey = "google-api-key";
    public const string OpenAiKey = "openai-key";
    public const string Jwt = "jwt";
    public const string NpmToken = "npm-token";
    public const string HuggingFaceToken = "huggingface-token";
    public const string OtelTrackKey = "otel-track-key";

    /// <summary>Counter name for values redacted because their key matched <see cref="RedactionOptions.ExtraKeyPatterns"/>.</summary>
    public const string ExtraKeyPattern = "extra-key-pattern";

    /// <summary>Counter name for text matched by <see cref="RedactionOptions.ExtraValuePatterns"/>.</summary>
    public const string ExtraValuePattern = "extra-value-pattern";

    /// <summary>Every built-in rule, in the order the text rules run.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } =
    [
        SecretKeyName, PrivateKeyPem, UrlUserInfo, UrlQuerySecret, AwsSecretAccessKey, ConnectionStringSecret,
        CliFlagSecret, JsonSecretField, AuthorizationHeader, AwsAccessKeyId, GitHubToken, GitLabToken, SlackToken,
        StripeKey, GoogleApiKey, OpenAiKey, Jwt, NpmToken, HuggingFaceToken, OtelTrackKey,
    ];
}

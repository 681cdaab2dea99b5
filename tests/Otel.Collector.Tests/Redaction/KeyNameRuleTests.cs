using Otel.Collector.Redaction;

namespace Otel.Collector.Tests.Redaction;

/// <summary>Rule secret-key-name: credential-looking keys lose their whole value, look-alike ML keys keep it.</summary>
public sealed class KeyNameRuleTests
{
    private readonly SecretRedactor redactor = SecretRedactor.CreateDefault();

    [Theory]
    [InlineData("password")]
    [InlineData("db.password")]
    [InlineData("DB_PASSWORD")]
    [InlineData("PGPASSWORD")]
    [InlineData("passwd")]
    [InlineData("mysql.pwd")]
    [InlineData("passphrase")]
    [InlineData("secret")]
    [InlineData("client_secret")]
    [InlineData("clientSecret")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    [InlineData("token")]
    [InlineData("api_token")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("ml.param.hf_token")]
    [InlineData("accessToken")]
    [InlineData("refresh-token")]
    [InlineData("access_token_v2")]
    [InlineData("api_key")]
    [InlineData("apiKey")]
    [InlineData("APIKey")]
    [InlineData("API_KEY")]
    [InlineData("apikey")]
    [InlineData("x-api-key")]
    [InlineData("OPENAI_API_KEY")]
    [InlineData("access_key")]
    [InlineData("AWS_ACCESS_KEY_ID")]
    [InlineData("private_key")]
    [InlineData("ssh.privateKey")]
    [InlineData("session_key")]
    [InlineData("sessionKey")]
    [InlineData("auth")]
    [InlineData("basic_auth")]
    [InlineData("proxy.auth")]
    [InlineData("authorization")]
    [InlineData("http.request.header.authorization")]
    [InlineData("credential")]
    [InlineData("gcp.credentials")]
    [InlineData("cookie")]
    [InlineData("http.request.header.set-cookie")]
    [InlineData("AccountKey")]
    [InlineData("SharedAccessKey")]
    [InlineData("ml.tag.oauth_token")]
    public void Redact_CredentialKey_ReplacesWholeValueWithMarker(string key)
    {
        Assert.True(redactor.IsSecretKey(key));
        Assert.Equal(FakeSecrets.Marker, redactor.Redact(key, "hunter2"));
        Assert.Equal(1, redactor.Counters[RedactionRules.SecretKeyName]);
    }

    [Theory]
    [InlineData("tokenizer")]
    [InlineData("ml.param.tokenizer")]
    [InlineData("tokenizer.name")]
    [InlineData("max_tokens")]
    [InlineData("ml.param.max_tokens")]
    [InlineData("maxTokens")]
    [InlineData("num_tokens")]
    [InlineData("token_count")]
    [InlineData("tokenCount")]
    [InlineData("token_type")]
    [InlineData("tokens_per_second")]
    [InlineData("ml.param.eos_token")]
    [InlineData("pad_token")]
    [InlineData("bos_token")]
    [InlineData("next_token")]
    [InlineData("secretary")]
    [InlineData("ml.tag.secretary")]
    [InlineData("author")]
    [InlineData("auth_method")]
    [InlineData("oauth_provider")]
    [InlineData("keyboard")]
    [InlineData("monkey")]
    [InlineData("sort_key")]
    [InlineData("primary_key")]
    [InlineData("ml.metric.key")]
    [InlineData("ml.metric.keys")]
    [InlineData("bypass")]
    [InlineData("compass_heading")]
    [InlineData("pass_at_k")]
    [InlineData("SharedAccessKeyName")]
    [InlineData("secret_name")]
    [InlineData("password_length")]
    [InlineData("service.name")]
    [InlineData("ml.run.id")]
    public void Redact_LookAlikeKey_KeepsValue(string key)
    {
        const string value = "bpe-32k";
        Assert.False(redactor.IsSecretKey(key));
        Assert.Same(value, redactor.Redact(key, value));
        Assert.Equal(0, redactor.Counters.Total);
    }

    [Fact]
    public void Redact_EmptyValueUnderCredentialKey_StaysEmptyAndUncounted()
    {
        Assert.Same(string.Empty, redactor.Redact("password", string.Empty));
        Assert.Equal(0, redactor.Counters.Total);
    }

    [Fact]
    public void Redact_CredentialKeyWithNonSecretLookingValue_StillRedacts()
    {
        // The key decides: a short or numeric password is still a password.
        Assert.Equal(FakeSecrets.Marker, redactor.Redact("ml.param.db_password", "1234"));
    }
}
